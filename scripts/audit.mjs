// `npm run audit`: `npm audit --omit=dev` (the packages the functions ship with), failing on any advisory
// that scripts/audit-allowlist.json does not accept. Each accepted advisory names its package, why it
// does not apply here, and a date after which it must be looked at again; an entry that no longer
// matches anything, or whose date has passed, fails too, so the list cannot rot.
// Usage: node scripts/audit.mjs [--report <npm audit JSON>] [--allowlist <file>] [--today <YYYY-MM-DD>]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { report: { type: 'string' }, allowlist: { type: 'string' }, today: { type: 'string' } } });
const today = values.today ?? new Date().toISOString().slice(0, 10);
const allowlist = JSON.parse(readFileSync(values.allowlist ?? join(import.meta.dirname, 'audit-allowlist.json'), 'utf8'));

const readReport = () => {
  if (values.report) return readFileSync(values.report, 'utf8');
  const audit = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', shell: process.platform === 'win32' });
  return audit.stdout;
};

let report;
try {
  report = JSON.parse(readReport());
} catch {
  report = {};
}
if (!report.vulnerabilities) {
  console.error(`npm audit gave no report: ${report.message ?? 'no JSON answer'}. The registry must serve its advisory database (registry.npmjs.org does).`);
  process.exit(2);
}

/** Every advisory in the report, once per package it is found in: `{ id, package, severity, title }`. */
const advisories = Object.values(report.vulnerabilities).flatMap((vulnerability) =>
  vulnerability.via
    .filter((via) => typeof via === 'object')
    .map((via) => ({ id: via.url?.split('/').pop() ?? String(via.source), package: via.name, severity: via.severity, title: via.title })),
);
const unique = [...new Map(advisories.map((advisory) => [`${advisory.id} ${advisory.package}`, advisory])).values()];

const accepts = (entry, advisory) => entry.advisory === advisory.id && entry.package === advisory.package;
const problems = [];
for (const advisory of unique) {
  const entry = allowlist.find((candidate) => accepts(candidate, advisory));
  if (!entry) problems.push(`${advisory.severity} ${advisory.id} in ${advisory.package}: ${advisory.title}`);
  else if (entry.until < today) problems.push(`${advisory.id} in ${advisory.package} was accepted until ${entry.until}: look at it again`);
  else console.log(`accepted until ${entry.until}: ${advisory.id} in ${advisory.package} (${entry.reason})`);
}
for (const entry of allowlist) {
  if (!entry.reason) problems.push(`the allowlist entry for ${entry.advisory} gives no reason`);
  if (!unique.some((advisory) => accepts(entry, advisory))) problems.push(`the allowlist entry for ${entry.advisory} in ${entry.package} matches nothing any more: remove it`);
}
if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error('Update the package (npm update / a Renovate PR), or accept the advisory in scripts/audit-allowlist.json with a reason and a date.');
  process.exit(1);
}
console.log(`npm audit --omit=dev: ${unique.length} advisories, none unaccepted`);
