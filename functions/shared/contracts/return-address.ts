import * as z from '../zod';

/**
 * The SQS queue a request's answer goes to: `<endpoint>/<account id>/<queue name>`. Matched by shape,
 * not parsed as a URL: emulators hand out queue URLs with hosts (`sqs.us-east-1.127.0.0.1`) that URL
 * parsers refuse, and only the path names the queue.
 */
export const returnAddress = z
  .string()
  .check(z.maxLength(2048), z.regex(/^https?:\/\/[^\s/]+\/\d{12}\/[\w-]{1,80}(\.fifo)?$/, 'An SQS queue URL is required.'));
