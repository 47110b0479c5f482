/** One HTTP handler's measurement, run in a process of its own with the function's environment. */
export interface HarnessTask {
  readonly bundleFile: string;
  /** The API Gateway event, as JSON; `__N__` is replaced by a number unique to each call (for unique emails). */
  readonly eventTemplate: string;
  readonly seconds: number;
  readonly minPairs: number;
}

export interface HarnessResult {
  /** Microseconds per call of the wrapped handler (middleware, validation, logging, the logic). */
  readonly handlerMicros: number[];
  /** Microseconds per call of the route's logic alone, on input parsed beforehand. */
  readonly bareMicros: number[];
  /**
   * Microseconds per call of the same middleware around a stand-in that gives at once what the logic
   * gave (its response, or its Problem): the overhead alone, without the logic's I/O and its noise.
   */
  readonly middlewareMicros: number[];
  /** The handler's status codes, with how often each came. */
  readonly statuses: Record<string, number>;
}
