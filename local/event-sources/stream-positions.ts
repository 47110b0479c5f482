import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

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
    if (!existsSync(this.file)) return;
    for (const [shard, position] of JSON.parse(readFileSync(this.file, 'utf8')) as [string, string][]) this.positions.set(shard, position);
  }

  save(): void {
    writeFileSync(`${this.file}.tmp`, JSON.stringify([...this.positions]));
    renameSync(`${this.file}.tmp`, this.file);
  }
}
