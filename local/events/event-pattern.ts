import { BlockList, isIPv4 } from 'node:net';

/**
 * EventBridge's content filtering ("Amazon EventBridge event patterns"), which SNS filter policies
 * share: a pattern names fields; a field matches when any of its listed matchers matches any of the
 * event's values there. Matchers: exact values (strings, numbers, `null`), `prefix`, `suffix`,
 * `equals-ignore-case`, `wildcard`, `anything-but` (of values, a prefix, a suffix or a wildcard),
 * `numeric` comparisons, `exists`, `cidr`, and `$or` of patterns. No npm package implements these
 * rules and is kept up (docs/decisions/0032-sns-and-eventbridge-locally.md).
 */
export type Pattern = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const wildcardMatches = (pattern: string, value: string) =>
  new RegExp(`^${pattern.split(/(?<!\\)\*/).map((part) => part.replace(/\\\*/g, '*').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's').test(value);

const numericMatches = (conditions: unknown[], value: unknown) => {
  if (typeof value !== 'number') return false;
  for (let index = 0; index + 1 < conditions.length; index += 2) {
    const [operator, operand] = [conditions[index], Number(conditions[index + 1])];
    const holds =
      operator === '=' ? value === operand
      : operator === '>' ? value > operand
      : operator === '>=' ? value >= operand
      : operator === '<' ? value < operand
      : operator === '<=' ? value <= operand
      : false;
    if (!holds) return false;
  }
  return true;
};

const cidrMatches = (cidr: string, value: unknown) => {
  if (typeof value !== 'string') return false;
  const [network = '', bits = '32'] = cidr.split('/');
  const family = isIPv4(network) ? 'ipv4' : 'ipv6';
  const list = new BlockList();
  list.addSubnet(network, Number(bits), family);
  try {
    return list.check(value, family);
  } catch {
    return false;
  }
};

/** The rule for one value of the pattern's list against one value of the event. */
const matcherMatches = (matcher: unknown, value: unknown): boolean => {
  if (!isObject(matcher)) return matcher === value;
  const [operator, operand] = Object.entries(matcher)[0] ?? [];
  switch (operator) {
    case 'prefix':
      if (isObject(operand)) return typeof value === 'string' && value.toLowerCase().startsWith(String(operand['equals-ignore-case']).toLowerCase());
      return typeof value === 'string' && value.startsWith(String(operand));
    case 'suffix':
      if (isObject(operand)) return typeof value === 'string' && value.toLowerCase().endsWith(String(operand['equals-ignore-case']).toLowerCase());
      return typeof value === 'string' && value.endsWith(String(operand));
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === String(operand).toLowerCase();
    case 'wildcard':
      return typeof value === 'string' && wildcardMatches(String(operand), value);
    case 'numeric':
      return numericMatches(operand as unknown[], value);
    case 'cidr':
      return cidrMatches(String(operand), value);
    case 'anything-but': {
      if (isObject(operand)) return value !== undefined && !matcherMatches(operand, value);
      return value !== undefined && value !== null && ![operand].flat().some((excluded) => excluded === value);
    }
    default:
      return false;
  }
};

/** Whether a field's list of matchers matches the event's value there (`undefined` when absent). */
const fieldMatches = (matchers: unknown[], value: unknown): boolean => {
  for (const matcher of matchers) {
    if (isObject(matcher) && 'exists' in matcher) {
      const present = value !== undefined && !(Array.isArray(value) && value.length === 0);
      if (matcher.exists === present) return true;
      continue;
    }
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.some((item) => matcherMatches(matcher, item))) return true;
  }
  return false;
};

/** Whether `event` (an EventBridge event, a message body or a map of message attributes) matches `pattern`. */
export const matchesPattern = (pattern: Pattern, event: unknown): boolean =>
  Object.entries(pattern).every(([key, expected]) => {
    if (key === '$or') return Array.isArray(expected) && expected.some((alternative) => matchesPattern(alternative as Pattern, event));
    const value = isObject(event) ? event[key] : undefined;
    if (Array.isArray(expected)) return fieldMatches(expected, value);
    if (isObject(expected)) {
      // A nested pattern over an object value, or over each object of an array of them.
      if (Array.isArray(value)) return value.some((item) => matchesPattern(expected, item));
      return matchesPattern(expected, value ?? {});
    }
    return false;
  });
