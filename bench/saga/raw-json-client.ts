import { Agent, request } from 'node:http';

/** How each emulated service names its JSON protocol. */
export const protocols = {
  dynamodb: { target: 'DynamoDB_20120810', contentType: 'application/x-amz-json-1.0' },
  sqs: { target: 'AmazonSQS', contentType: 'application/x-amz-json-1.0' },
  kinesis: { target: 'Kinesis_20131202', contentType: 'application/x-amz-json-1.1' },
} as const;

/**
 * Calls an AWS JSON-protocol API with as little client work as possible: a kept-alive connection, a
 * JSON body, no SDK middleware and no request signing (the emulators check none; the header is only
 * there because DynamoDB Local reads an access key from it). For measuring the emulators themselves.
 */
export class RawJsonClient {
  private readonly agent = new Agent({ keepAlive: true });
  private readonly authorization: string;

  constructor(
    private readonly endpoint: string,
    private readonly protocol: (typeof protocols)[keyof typeof protocols],
    region: string,
  ) {
    this.authorization = `AWS4-HMAC-SHA256 Credential=local/20260101/${region}/bench/aws4_request, SignedHeaders=host;x-amz-date, Signature=0`;
  }

  call<T = Record<string, unknown>>(operation: string, input: unknown): Promise<T> {
    const body = Buffer.from(JSON.stringify(input));
    return new Promise((resolve, reject) => {
      const outgoing = request(
        this.endpoint,
        {
          method: 'POST',
          path: '/',
          agent: this.agent,
          headers: {
            'content-type': this.protocol.contentType,
            'content-length': body.length,
            'x-amz-target': `${this.protocol.target}.${operation}`,
            authorization: this.authorization,
            'x-amz-date': '20260101T000000Z',
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (response.statusCode === 200) resolve((text ? JSON.parse(text) : {}) as T);
            else reject(new Error(`${operation} answered ${response.statusCode}: ${text}`));
          });
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  destroy(): void {
    this.agent.destroy();
  }
}
