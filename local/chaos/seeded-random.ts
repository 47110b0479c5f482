import { createHash } from 'node:crypto';

/** A source of numbers in [0, 1). */
export type Random = () => number;

/** sfc32 (Chris Doty-Humphrey's small fast counting generator): 128 bits of state, good enough for choosing faults. */
const sfc32 = ([a, b, c, d]: [number, number, number, number]): Random => {
  return () => {
    const result = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + result) | 0;
    return (result >>> 0) / 4_294_967_296;
  };
};

/**
 * Independent random streams from one seed, one per name (a fault kind and a function): a function's
 * choices then depend only on the seed and on its own calls, not on what other functions do meanwhile.
 */
export class SeededRandom {
  private readonly streams = new Map<string, Random>();

  constructor(private readonly seed: number) {}

  stream(name: string): Random {
    let random = this.streams.get(name);
    if (!random) {
      const digest = createHash('sha256').update(`${this.seed}/${name}`).digest();
      random = sfc32([digest.readInt32LE(0), digest.readInt32LE(4), digest.readInt32LE(8), digest.readInt32LE(12)]);
      this.streams.set(name, random);
    }
    return random;
  }
}
