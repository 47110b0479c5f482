/**
 * What the front door knows about one AWS SDK call, stage by stage (docs/local-runtime.md, "The front
 * door"): who calls, which service and operation, what it touches, and how the answer must be shaped.
 */

/** The wire protocol of the call, which decides how an error answer is written. */
export type Protocol = 'json' | 'query' | 'rest-json' | 'rpc-v2-cbor' | 'rest-xml' | 'unknown';

/** Who calls: a function (through its execution role) or a person or tool with any other credentials. */
export type Caller =
  | {
      readonly kind: 'function';
      /** The function's name: the role session's name, as Lambda names it. */
      readonly functionName: string;
      readonly roleArn: string;
      /** `arn:aws:sts::<account>:assumed-role/<role>/<function>` */
      readonly principalArn: string;
    }
  | { readonly kind: 'operator'; readonly principalArn: string };

/** One IAM authorization a call needs: an action on a resource, with the request's condition keys. */
export interface Authorization {
  readonly action: string;
  readonly resource: string;
  /** Request-specific condition keys (`dynamodb:LeadingKeys`, ...); the global ones are added when authorizing. */
  readonly context?: Readonly<Record<string, string | string[]>>;
}

export interface ServiceCall {
  /** Unique per call: AWS's `x-amzn-RequestId` of an answer the front door writes itself. */
  readonly requestId: string;
  readonly method: string;
  /** Path and query string, as received. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  /** From the SigV4 credential scope. */
  readonly region: string;
  readonly accessKeyId?: string;
  /** The SigV4 signing name (`dynamodb`, `sqs`, `sns`, `events`, `lambda`, ...), or `unknown`. */
  readonly signingName: string;
  /** The service as the front door routes it: the signing name, except `dynamodb-streams` for DynamoDB Streams. */
  readonly service: string;
  /** `PutItem`, `Publish`, ...; for REST calls of services nobody emulates, `<METHOD> <path>`. */
  readonly operation: string;
  readonly protocol: Protocol;
  /** Aborted when the caller goes away before the answer (its SDK gave up, its process ended). */
  readonly signal?: AbortSignal;
  /** Set by the caller stage. */
  caller?: Caller;
  /** The request's parameters: the JSON body, the query protocol's form fields, or what a REST path carries. */
  input?: Record<string, unknown>;
  /** Set by the operation stage: what IAM must allow for this call (none for calls that need no permission). */
  authorizations?: readonly Authorization[];
}

export interface ServiceAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  readonly body: Buffer;
  /** Instead of answering, reset the connection (TCP RST), as a network fault would: the caller sees ECONNRESET. */
  readonly resetConnection?: boolean;
}

/**
 * One stage of the front door's pipeline. A stage may look at or add to the call, answer it itself
 * (a denial, an injected fault), wait before or after passing it on (a slow-down), or look at the answer
 * `next()` gives (a console that records messages). Stages run in order; the last one forwards.
 */
export type FrontDoorStage = (call: ServiceCall, next: () => Promise<ServiceAnswer>) => Promise<ServiceAnswer>;

/** Runs `stages` in order around `last`. */
export const pipeline =
  (stages: readonly FrontDoorStage[], last: (call: ServiceCall) => Promise<ServiceAnswer>) =>
  (call: ServiceCall): Promise<ServiceAnswer> => {
    const run = (index: number): Promise<ServiceAnswer> =>
      index === stages.length ? last(call) : stages[index]!(call, () => run(index + 1));
    return run(0);
  };
