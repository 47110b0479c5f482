import { matchesPattern } from '../../../local/events/event-pattern';

/** EventBridge's content filtering, as "Amazon EventBridge event patterns" and "Content filtering" describe it. */
const event = {
  source: 'shop.orders',
  'detail-type': 'Order placed',
  detail: { status: 'PLACED', total: 42.5, lines: [{ sku: 'tea' }, { sku: 'cup' }], tags: ['gift', 'rush'], ip: '10.0.1.7', note: null },
};

describe('EventBridge event patterns', () => {
  it.each([
    ['exact values, any of a list', { source: ['shop.orders', 'shop.users'] }, true],
    ['an exact value that differs', { source: ['shop.users'] }, false],
    ['nested fields', { detail: { status: ['PLACED'] } }, true],
    ['a value among an array of values', { detail: { tags: ['rush'] } }, true],
    ['fields of objects in an array', { detail: { lines: { sku: ['cup'] } } }, true],
    ['prefix', { 'detail-type': [{ prefix: 'Order' }] }, true],
    ['prefix, ignoring case', { 'detail-type': [{ prefix: { 'equals-ignore-case': 'order' } }] }, true],
    ['suffix', { 'detail-type': [{ suffix: 'placed' }] }, true],
    ['equals-ignore-case', { 'detail-type': [{ 'equals-ignore-case': 'ORDER PLACED' }] }, true],
    ['wildcard', { 'detail-type': [{ wildcard: 'Order *' }] }, true],
    ['anything-but a value', { detail: { status: [{ 'anything-but': 'CANCELLED' }] } }, true],
    ['anything-but one of the values', { detail: { status: [{ 'anything-but': ['PLACED', 'CANCELLED'] }] } }, false],
    ['anything-but a prefix', { detail: { status: [{ 'anything-but': { prefix: 'PL' } }] } }, false],
    ['numeric range', { detail: { total: [{ numeric: ['>', 40, '<=', 50] }] } }, true],
    ['numeric range the value is outside', { detail: { total: [{ numeric: ['<', 40] }] } }, false],
    ['exists', { detail: { status: [{ exists: true }] } }, true],
    ['exists: false on a missing field', { detail: { coupon: [{ exists: false }] } }, true],
    ['exists: false on a present field', { detail: { status: [{ exists: false }] } }, false],
    ['a missing field', { detail: { coupon: ['SAVE10'] } }, false],
    ['null', { detail: { note: [null] } }, true],
    ['cidr', { detail: { ip: [{ cidr: '10.0.0.0/16' }] } }, true],
    ['cidr outside', { detail: { ip: [{ cidr: '10.1.0.0/16' }] } }, false],
    ['$or of two patterns, one matching', { $or: [{ source: ['shop.users'] }, { detail: { status: ['PLACED'] } }] }, true],
    ['$or of two patterns, none matching', { $or: [{ source: ['shop.users'] }, { detail: { status: ['NEW'] } }] }, false],
    ['every field must match', { source: ['shop.orders'], detail: { status: ['NEW'] } }, false],
  ])('%s', (_, pattern, expected) => {
    expect(matchesPattern(pattern, event)).toBe(expected);
  });
});
