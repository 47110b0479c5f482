import type { ServiceAnswer } from '../front-door/service-call';

/** An answer of the AWS JSON protocols. */
export const jsonAnswer = (output: unknown, requestId: string, version = '1.1', status = 200): ServiceAnswer => {
  const body = Buffer.from(JSON.stringify(output));
  return { status, headers: { 'content-type': `application/x-amz-json-${version}`, 'content-length': body.length, 'x-amzn-requestid': requestId }, body };
};
