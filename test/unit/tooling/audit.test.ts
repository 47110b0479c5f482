import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const advisory = (id: string, name: string) => ({
  source: 1,
  name,
  title: `A flaw in ${name}`,
  url: `https://github.com/advisories/${id}`,
  severity: 'high',
});
const report = (...advisories: ReturnType<typeof advisory>[]) => ({
  vulnerabilities: Object.fromEntries(advisories.map((entry) => [entry.name, { name: entry.name, severity: entry.severity, via: [entry, 'a-dependent'] }])),
});

/** Runs scripts/audit.mjs on a given npm audit report and allowlist, on a given day. */
const audit = (auditReport: unknown, allowlist: unknown[], today = '2026-12-01') => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-'));
  writeFileSync(join(dir, 'report.json'), JSON.stringify(auditReport));
  writeFileSync(join(dir, 'allowlist.json'), JSON.stringify(allowlist));
  const args = ['--report', join(dir, 'report.json'), '--allowlist', join(dir, 'allowlist.json'), '--today', today];
  return spawnSync(process.execPath, [join(__dirname, '../../../scripts/audit.mjs'), ...args], { encoding: 'utf8' });
};

const accepted = { advisory: 'GHSA-aaaa-bbbb-cccc', package: 'left-pad', reason: 'only reached from the CLI, never from a function', until: '2027-01-31' };

describe('the dependency audit', () => {
  it('passes a report without advisories', () => {
    expect(audit(report(), []).status).toBe(0);
  });

  it('fails on an advisory nobody accepted, naming it', () => {
    const result = audit(report(advisory('GHSA-aaaa-bbbb-cccc', 'left-pad')), []);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('high GHSA-aaaa-bbbb-cccc in left-pad');
  });

  it('passes an advisory accepted with a reason, until its date', () => {
    const result = audit(report(advisory('GHSA-aaaa-bbbb-cccc', 'left-pad')), [accepted]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('only reached from the CLI');
  });

  it('fails once the acceptance has expired', () => {
    const result = audit(report(advisory('GHSA-aaaa-bbbb-cccc', 'left-pad')), [accepted], '2027-02-01');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('look at it again');
  });

  it('fails on an acceptance that matches nothing any more', () => {
    const result = audit(report(), [accepted]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('matches nothing');
  });

  it('fails, saying so, when the registry gave no report', () => {
    const result = audit({ message: '405 Method Not Allowed' }, []);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('405 Method Not Allowed');
  });
});
