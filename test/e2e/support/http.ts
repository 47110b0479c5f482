export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  /** The body parsed as JSON when it is JSON, else its text. */
  readonly body: T;
}

export interface RequestOptions {
  /** Sent as JSON, unless a string or a Buffer. */
  readonly body?: unknown;
  /** Sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
  readonly headers?: Record<string, string>;
  /** @default fetch */
  readonly fetch?: typeof fetch;
}

/**
 * One HTTP request to the API, with a JSON body and a bearer token if given: for what a typed client
 * cannot send (malformed bodies, odd paths) or a benchmark that must not pay for checking answers.
 */
export const request = async <T = unknown>(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> => {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | Buffer | undefined;
  if (typeof options.body === 'string' || Buffer.isBuffer(options.body)) body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await (options.fetch ?? fetch)(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  const isJson = /json/.test(response.headers.get('content-type') ?? '') && text !== '';
  return { status: response.status, headers: response.headers, body: (isJson ? JSON.parse(text) : text) as T };
};
