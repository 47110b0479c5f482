import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** The JSON value a file holds, or undefined when there is no such file. */
export const readJsonFile = <T>(file: string): T | undefined => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined);

/** Writes the value as JSON beside the file, then renames it over the file: a process stopped meanwhile leaves the old file whole. */
export const writeJsonFile = (file: string, value: unknown): void => {
  writeFileSync(`${file}.tmp`, JSON.stringify(value));
  renameSync(`${file}.tmp`, file);
};
