/** What the console's API answers (local/console on the server side). */
export interface Overview {
  version: number;
  at: number;
  stacks: { name: string; functions: number; tables: number; queues: number; streams: number }[];
  functions: {
    name: string;
    runtime: string;
    invocations: number;
    errors: number;
    coldStarts: number;
    p50?: number;
    p99?: number;
    lastError?: { at: number; message: string };
  }[];
  routes: { api: string; routeKey: string; function: string; requests: number; clientErrors: number; serverErrors: number; p50?: number; p99?: number }[];
  queues: QueueRow[] | { error: string };
  streams: { name: string; kind: string; consumer: string; shards?: number; recordsBehind?: number; more?: boolean; oldestUnreadAgeMs?: number; error?: string }[];
  tables: { name: string; items?: number; keys?: string[]; error?: string }[];
  schedules: { name: string; expression: string; enabled: boolean; nextRun?: number }[];
}

export interface QueueRow {
  name: string;
  visible: number;
  inFlight: number;
  delayed: number;
  deadLetterQueue?: string;
  /** The queues whose dead-letter queue this is. */
  sources: string[];
}

export interface LogLine {
  seq: number;
  at: number;
  source: 'function' | 'http' | 'runtime';
  name: string;
  level?: string;
  message: string;
  fields?: string;
  correlationId?: string;
  requestId?: string;
}

export interface TrailStep {
  at: number;
  kind: 'request' | 'invocation' | 'message' | 'record' | 'item';
  service: string;
  title: string;
  detail?: string;
  durationMs?: number;
  outcome: 'ok' | 'error' | 'pending' | 'dead-lettered';
}

export interface Trail {
  id: string;
  correlationIds: string[];
  steps: TrailStep[];
  status: 'settled' | 'in progress' | 'dead-lettered' | 'not found';
  errors: number;
  items: { tableName: string; key: Record<string, unknown>; item?: Record<string, unknown> }[];
}

export interface QueueDetails {
  name: string;
  arn: string;
  attributes: Record<string, string>;
  messages: { messageId: string; body: string; attributes: Record<string, unknown>; sentAt: number; receiveCount: number; state: string; visibleAt?: number }[];
  moveTasks: { TaskHandle?: string; Status?: string; ApproximateNumberOfMessagesMoved?: number; ApproximateNumberOfMessagesToMove?: number; FailureReason?: string; StartedTimestamp?: number }[];
}

export interface TablePage {
  keys: { partitionKey: string; sortKey?: string };
  items: Record<string, unknown>[];
  next?: string;
}

export interface InvokeResult {
  requestId: string;
  durationMs: number;
  outcome: { ok: true; payload: unknown } | { ok: false; error: { errorType: string; errorMessage: string; trace?: string[] } };
}
