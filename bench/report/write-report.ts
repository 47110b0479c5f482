import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const begin = '<!-- bench:begin (written by `npm run bench`; edit outside these markers) -->';
const end = '<!-- bench:end -->';

/**
 * Puts the generated report between the markers of a Markdown document, keeping everything around
 * them (the document's own text, the before/after history); a new document gets only the markers.
 */
export const writeGeneratedSection = (file: string, generated: string): void => {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : `${begin}\n${end}\n`;
  const [from, to] = [current.indexOf(begin), current.indexOf(end)];
  if (from < 0 || to < from) throw new Error(`${file} lacks the markers ${begin} … ${end}`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${current.slice(0, from + begin.length)}\n\n${generated.trim()}\n\n${current.slice(to)}`);
};
