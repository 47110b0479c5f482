import { escapeXml } from '../front-door/error-answers';
import type { ServiceAnswer } from '../front-door/service-call';

/** An XML element per key; lists as `<member>` items; nothing for undefined. */
export const xml = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => `<member>${xml(item)}</member>`).join('');
  if (typeof value === 'object') return Object.entries(value).map(([key, item]) => (item === undefined ? '' : `<${key}>${xml(item)}</${key}>`)).join('');
  return escapeXml(String(value));
};

/** The query protocol's answer: `<ActionResponse><ActionResult>...</ActionResult><ResponseMetadata>...` */
export const queryAnswer = (action: string, namespace: string, result: Record<string, unknown>, requestId: string): ServiceAnswer => {
  const body = Buffer.from(
    `<${action}Response xmlns="${namespace}"><${action}Result>${xml(result)}</${action}Result>` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
  );
  return { status: 200, headers: { 'content-type': 'text/xml', 'content-length': body.length, 'x-amzn-requestid': requestId }, body };
};

/** `Prefix.member.1.Id=a&Prefix.member.2.Id=b` → `[{ Id: 'a' }, { Id: 'b' }]` (or `entry` for maps). */
export const queryList = (input: Record<string, unknown>, prefix: string, item = 'member'): Record<string, unknown>[] => {
  const items = new Map<number, Record<string, unknown>>();
  const head = `${prefix}.${item}.`;
  for (const [key, value] of Object.entries(input)) {
    if (!key.startsWith(head)) continue;
    const rest = key.slice(head.length);
    const dot = rest.indexOf('.');
    const index = Number(dot < 0 ? rest : rest.slice(0, dot));
    const entry = items.get(index) ?? {};
    if (dot >= 0) entry[rest.slice(dot + 1)] = value;
    items.set(index, entry);
  }
  return [...items.entries()].sort(([a], [b]) => a - b).map(([, entry]) => entry);
};

/** SNS and SQS message attributes in the query protocol: `entry.N.Name`, `entry.N.Value.DataType`, `...StringValue`. */
export interface MessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

export const queryMessageAttributes = (input: Record<string, unknown>, prefix: string): Record<string, MessageAttribute> =>
  Object.fromEntries(
    queryList(input, prefix, 'entry').map((entry) => [
      String(entry.Name),
      {
        DataType: String(entry['Value.DataType']),
        ...(entry['Value.StringValue'] !== undefined && { StringValue: String(entry['Value.StringValue']) }),
        ...(entry['Value.BinaryValue'] !== undefined && { BinaryValue: String(entry['Value.BinaryValue']) }),
      },
    ]),
  );
