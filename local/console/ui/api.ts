/** The console's own API: same origin, the cookie authorizes; errors carry the problem's detail. */
const answer = async <T>(response: Response): Promise<T> => {
  if (response.status === 204) return undefined as T;
  const body = (await response.json()) as unknown;
  if (!response.ok) throw new Error((body as { detail?: string }).detail ?? `HTTP ${response.status}`);
  return body as T;
};

export const getJson = async <T>(path: string): Promise<T> => answer<T>(await fetch(path, { headers: { accept: 'application/json' } }));

export const postJson = async <T>(path: string, body: unknown = {}): Promise<T> =>
  answer<T>(await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) }));

/** A path segment: names may hold `/` (a function's `Stack/Name`). */
export const segment = (value: string) => encodeURIComponent(value);
