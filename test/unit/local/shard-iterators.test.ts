import { ShardIterators } from '../../../local/iam/permissions/shard-iterators';

describe('shard iterators', () => {
  it('knows the stream of each iterator handed out, and forgets the oldest beyond ten thousand', () => {
    const iterators = new ShardIterators();
    for (let index = 0; index <= 10_000; index++) iterators.remember(`iterator-${index}`, `stream-${index % 2}`);
    expect(iterators.streamOf('iterator-10000')).toBe('stream-0');
    expect(iterators.streamOf('iterator-9999')).toBe('stream-1');
    expect(iterators.streamOf('iterator-0')).toBeUndefined();
    expect(iterators.streamOf('never-handed-out')).toBeUndefined();
  });
});
