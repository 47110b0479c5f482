import autocannon from 'autocannon';

export interface LoadFigures {
  readonly connections: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  /** Milliseconds. */
  readonly latency: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  readonly requests: number;
  /** Connection errors, timeouts and non-2xx answers: any makes the figure invalid. */
  readonly errors: number;
}

/** Sends requests for a fixed time with autocannon, `connections` at a time, and sums up. */
export const applyLoad = async (url: string, connections: number, seconds: number, headers: Record<string, string> = {}): Promise<LoadFigures> => {
  const result = await autocannon({ url, connections, duration: seconds, headers });
  return {
    connections,
    seconds,
    requestsPerSecond: result.requests.average,
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
};
