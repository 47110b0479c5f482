import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { request, type RequestOptions } from './http';

/*
 * Every answer the e2e suite receives is checked against docs/openapi.json: its status must be one the
 * operation documents, its media type one that status documents, and its body valid against that
 * schema (JSON Schema 2020-12, Ajv). An answer that drifts from the contract fails the test that got it.
 */

interface MediaType {
  readonly schema?: unknown;
}
interface Operation {
  readonly responses: Record<string, { readonly content?: Record<string, MediaType> }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

export const documentPath = join(__dirname, '../../../docs/openapi.json');
const document = JSON.parse(readFileSync(documentPath, 'utf8')) as Document;
const documentId = 'openapi.json';

// strict: false, for the OpenAPI keywords around the schemas (`example`, `x-protobuf-message`, ...).
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
ajv.addSchema(document, documentId);

const pointer = (...parts: string[]) => parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** The document's path template that a request path matches: `/orders/{orderId}` for `/orders/123`. */
const templateOf = (method: string, path: string): string | undefined => {
  const segments = path.split('/');
  return Object.keys(document.paths).find((template) => {
    if (!document.paths[template]![method]) return false;
    const parts = template.split('/');
    return parts.length === segments.length && parts.every((part, index) => /^\{\w+\}$/.test(part) || part === segments[index]);
  });
};

export interface ReceivedAnswer {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly contentType: string | null;
  readonly body: string;
}

/** Throws, saying what differs, unless the answer is one the document allows for the request. */
export const assertAnswerMatchesDocument = (answer: ReceivedAnswer): void => {
  const method = answer.method.toLowerCase();
  const path = new URL(answer.url).pathname;
  const what = `${answer.method} ${path} answered ${answer.status} ${answer.contentType ?? '(no content type)'}: ${answer.body.slice(0, 300)}`;
  const template = templateOf(method, path);
  if (!template) throw new Error(`${what}\nThe OpenAPI document has no operation for ${answer.method} ${path}`);
  const responses = document.paths[template]![method]!.responses;
  const status = [String(answer.status), `${String(answer.status)[0]}XX`, 'default'].find((key) => responses[key]);
  if (!status) throw new Error(`${what}\nThe document gives ${answer.method} ${template} no ${answer.status} answer (only ${Object.keys(responses).join(', ')})`);
  const content = responses[status]!.content;
  if (!content) {
    if (answer.body !== '') throw new Error(`${what}\nThe document gives this answer no body`);
    return;
  }
  const mediaType = (answer.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const described = content[mediaType];
  if (!described) throw new Error(`${what}\nThe document gives this answer the media types ${Object.keys(content).join(', ')}, not ${mediaType || 'none'}`);
  if (!described.schema || !mediaType.endsWith('json')) return;
  const validate = ajv.getSchema(`${documentId}#/${pointer('paths', template, method, 'responses', status, 'content', mediaType, 'schema')}`)!;
  if (!validate(JSON.parse(answer.body))) throw new Error(`${what}\nThe body does not match the document's schema: ${ajv.errorsText(validate.errors)}`);
};

/** `fetch`, with every answer checked against the document before the caller sees it. */
export const contractFetch = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
  const request = new Request(input, init);
  const response = await fetch(request);
  const body = await response.clone().text();
  assertAnswerMatchesDocument({ method: request.method, url: request.url, status: response.status, contentType: response.headers.get('content-type'), body });
  return response;
};

/** `request`, with the answer checked against the document: what the e2e tests send raw (malformed input, a Location to follow). */
export const checkedRequest = <T = unknown>(baseUrl: string, method: string, path: string, options: RequestOptions = {}) =>
  request<T>(baseUrl, method, path, { ...options, fetch: contractFetch });
