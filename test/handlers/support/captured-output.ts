/**
 * What the code under test writes to stdout and stderr while `run` runs: Powertools' Logger and
 * Metrics write there directly, one JSON document per line. The lines are kept, not printed.
 */
export const captureOutput = async (run: () => Promise<unknown>): Promise<string[]> => {
  const lines: string[] = [];
  const keep = (chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter((line) => line.trim() !== ''));
    return true;
  };
  const spies = [jest.spyOn(process.stdout, 'write').mockImplementation(keep), jest.spyOn(process.stderr, 'write').mockImplementation(keep)];
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return lines;
};

type Document = Record<string, unknown>;

export const jsonLines = (lines: string[]): Document[] =>
  lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Document);

interface EmfDocument {
  _aws: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string; Unit: string }[] }[] };
  [key: string]: unknown;
}

const isEmf = (document: Document): document is EmfDocument => typeof document._aws === 'object';

/** Every metric value in the embedded metric format documents among the lines, by namespace and name. */
export const emittedMetrics = (lines: string[]): Map<string, number[]> => {
  const values = new Map<string, number[]>();
  for (const document of jsonLines(lines).filter(isEmf)) {
    for (const { Namespace, Metrics } of document._aws.CloudWatchMetrics) {
      for (const { Name } of Metrics) {
        const key = `${Namespace}/${Name}`;
        values.set(key, [...(values.get(key) ?? []), ...[document[Name]].flat().map(Number)]);
      }
    }
  }
  return values;
};

/** The log lines (not metrics) among the lines. */
export const logLines = (lines: string[]): Document[] => jsonLines(lines).filter((document) => !isEmf(document));
