/**
 * `npm run bench:cost`: the cost model of docs/scaling.md, from a fresh synth of the app and the raw
 * figures of the last full `npm run bench` (docs/benchmarks.json). `npm run bench` runs it too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchReport } from '../report/bench-report';
import { writeGeneratedSection } from '../report/write-report';
import { synthesizeInto } from '../support/synthesize';
import { costModel } from './cost-model';
import { renderCostModel } from './markdown';
import { readTemplateFacts } from './template-facts';

/** Writes the cost model into docs/scaling.md and returns it as Markdown. */
export const writeCostModel = (projectDirectory: string, assemblyDirectory: string, report: Pick<BenchReport, 'orderCost' | 'saga' | 'machine'>): string => {
  const markdown = renderCostModel(costModel(report, readTemplateFacts(assemblyDirectory)), `run of ${report.machine.date.slice(0, 10)}`);
  writeGeneratedSection(join(projectDirectory, 'docs', 'scaling.md'), markdown, 'npm run bench:cost');
  return markdown;
};

if (require.main === module) {
  const projectDirectory = join(__dirname, '..', '..');
  const assembly = join(projectDirectory, '.local', 'bench', 'cost.out');
  const report = JSON.parse(readFileSync(join(projectDirectory, 'docs', 'benchmarks.json'), 'utf8')) as BenchReport;
  synthesizeInto(projectDirectory, assembly)
    .then(() => console.log(writeCostModel(projectDirectory, assembly, report)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
