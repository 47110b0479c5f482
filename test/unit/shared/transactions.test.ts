import { isWorthRetrying } from '../../../functions/shared/transactions';

const cancelled = (...codes: string[]) => ({ codes, items: codes.map(() => undefined) });

describe('a cancelled DynamoDB transaction', () => {
  it('is worth trying again when only a conflict or a throttled table cancelled it: nothing was written', () => {
    expect(isWorthRetrying(cancelled('None', 'TransactionConflict'))).toBe(true);
    expect(isWorthRetrying(cancelled('None', 'ThrottlingError', 'None'))).toBe(true);
    expect(isWorthRetrying(cancelled('ThrottlingError', 'TransactionConflict'))).toBe(true);
  });

  it('is the caller\'s to interpret when a condition failed, or for any other reason', () => {
    expect(isWorthRetrying(cancelled('ConditionalCheckFailed', 'TransactionConflict'))).toBe(false);
    expect(isWorthRetrying(cancelled('ThrottlingError', 'ValidationError'))).toBe(false);
    expect(isWorthRetrying(cancelled('None', 'None'))).toBe(false);
    expect(isWorthRetrying(undefined)).toBe(false);
  });
});
