import { percentile } from '../../../local/console/overview';
import { RingBuffer } from '../../../local/observe/ring-buffer';

describe('the observation ring buffer', () => {
  it('keeps the last items, oldest first, and no more than its capacity', () => {
    const ring = new RingBuffer<number>(3);
    for (const item of [1, 2]) ring.push(item);
    expect(ring.toArray()).toEqual([1, 2]);
    for (const item of [3, 4, 5]) ring.push(item);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.size).toBe(3);
  });
});

describe('duration percentiles', () => {
  it('are nearest-rank, and missing without samples', () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });
});
