import { readJsonFile, writeJsonFile } from '../json-file';

/**
 * The stream pollers' positions (by shard), kept in a file across restarts along with the streams'
 * records: without them a kept stream would be read again from its mapping's starting position.
 * Written when the runtime stops; a runtime killed without stopping reads again from the positions of
 * its last stop.
 */
export class StreamPositions {
  constructor(
    private readonly file: string,
    private readonly positions: Map<string, string>,
  ) {}

  load(): void {
    for (const [shard, position] of readJsonFile<[string, string][]>(this.file) ?? []) this.positions.set(shard, position);
  }

  save(): void {
    writeJsonFile(this.file, [...this.positions]);
  }
}
