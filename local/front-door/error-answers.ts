import type { Protocol, ServiceAnswer, ServiceCall } from './service-call';

/** An error as one service writes it: its code, HTTP status and how the JSON body names them. */
export interface ServiceError {
  /** `AccessDeniedException`, `AuthorizationError`, ... */
  readonly code: string;
  readonly message: string;
  readonly status: number;
  /** The JSON `__type`, when the service qualifies it (DynamoDB and SQS say `com.amazon.coral.service#...`). */
  readonly jsonType?: string;
  /** DynamoDB and Secrets Manager write `Message`; most others `message`. */
  readonly messageKey?: 'Message' | 'message';
  /** SQS's JSON protocol also sends the query protocol's code, which its SDK client reports. */
  readonly queryCompatibleCode?: string;
  /** More members of a JSON error body (DynamoDB's `CancellationReasons`, Lambda's `Reason`). */
  readonly fields?: Readonly<Record<string, unknown>>;
}

export const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`);

/** A CBOR map of text strings to text strings (RFC 8949): all an RPC v2 error body needs. */
const cborTextMap = (entries: Record<string, string>): Buffer => {
  const head = (major: number, length: number) => {
    if (length < 24) return Buffer.from([(major << 5) | length]);
    if (length < 256) return Buffer.from([(major << 5) | 24, length]);
    if (length < 65536) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
    const buffer = Buffer.alloc(5);
    buffer[0] = (major << 5) | 26;
    buffer.writeUInt32BE(length, 1);
    return buffer;
  };
  const text = (value: string) => {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  };
  return Buffer.concat([head(5, Object.keys(entries).length), ...Object.entries(entries).flatMap(([key, value]) => [text(key), text(value)])]);
};

const bodyOf = (protocol: Protocol, error: ServiceError, requestId: string): { contentType: string; body: Buffer } => {
  switch (protocol) {
    case 'query':
    case 'rest-xml': {
      const type = error.status >= 500 ? 'Receiver' : 'Sender';
      const xml =
        `<ErrorResponse><Error><Type>${type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
        `<RequestId>${requestId}</RequestId></ErrorResponse>`;
      return { contentType: 'text/xml', body: Buffer.from(xml) };
    }
    case 'rpc-v2-cbor':
      return { contentType: 'application/cbor', body: cborTextMap({ __type: error.jsonType ?? error.code, message: error.message }) };
    default:
      return {
        contentType: protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json',
        body: Buffer.from(JSON.stringify({ __type: error.jsonType ?? error.code, [error.messageKey ?? 'message']: error.message, ...error.fields })),
      };
  }
};

/** The answer AWS would give for `error`, shaped for the call's protocol, so the SDK throws the error it would throw on AWS. */
export const errorAnswer = (call: Pick<ServiceCall, 'protocol' | 'requestId'>, error: ServiceError): ServiceAnswer => {
  const { contentType, body } = bodyOf(call.protocol, error, call.requestId);
  return {
    status: error.status,
    headers: {
      'content-type': contentType,
      'content-length': body.length,
      'x-amzn-requestid': call.requestId,
      'x-amzn-errortype': error.code,
      ...(error.queryCompatibleCode && { 'x-amzn-query-error': `${error.queryCompatibleCode};${error.status >= 500 ? 'Receiver' : 'Sender'}` }),
      ...(call.protocol === 'rpc-v2-cbor' && { 'smithy-protocol': 'rpc-v2-cbor' }),
    },
    body,
  };
};

export const notEmulatedCode = 'NotEmulatedLocally';

/**
 * A call to a service or operation the runtime does not emulate. A 400, so the SDK does not retry it:
 * it fails at once, naming what was called, instead of leaving the machine.
 */
export const notEmulated = (call: ServiceCall, reason?: string): ServiceAnswer =>
  errorAnswer(call, {
    code: notEmulatedCode,
    status: 400,
    message:
      `The local runtime does not emulate ${call.service} ${call.operation}` +
      `${reason ? `: ${reason}` : ''}. Nothing left this machine (see docs/local-runtime.md for what is emulated).`,
  });
