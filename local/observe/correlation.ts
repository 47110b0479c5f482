/**
 * Where the runtime finds a correlation id without knowing the app: a field named `correlationId`,
 * `correlation_id` or `x-correlation-id` (any case) of a message's attributes, a record's JSON data or
 * an item (docs/local-runtime.md, "The console").
 */
const names = new Set(['correlationid', 'correlation_id', 'x-correlation-id']);

/** The value of the first correlation field of `fields`, unwrapped with `unwrap` (an SQS attribute, a DynamoDB value). */
export const correlationField = (fields: unknown, unwrap: (value: unknown) => unknown = (value) => value): string | undefined => {
  if (typeof fields !== 'object' || fields === null) return undefined;
  for (const [name, value] of Object.entries(fields)) {
    if (!names.has(name.toLowerCase())) continue;
    const unwrapped = unwrap(value);
    if (typeof unwrapped === 'string' && unwrapped !== '') return unwrapped;
  }
  return undefined;
};

/** An SQS message attribute, as the API (`StringValue`) or Lambda's event (`stringValue`) writes it. */
export const sqsAttributeValue = (value: unknown): unknown => {
  const attribute = value as { StringValue?: unknown; stringValue?: unknown } | undefined;
  return attribute?.StringValue ?? attribute?.stringValue;
};

/** A DynamoDB attribute value (`{ S: '...' }`). */
export const dynamoDbStringValue = (value: unknown): unknown => (value as { S?: unknown } | undefined)?.S;

/** JSON text that is an object, or nothing: record data that is not JSON has no correlation field. */
export const jsonObject = (text: string): unknown => {
  if (!text.startsWith('{')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
