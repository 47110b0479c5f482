import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { EventSourceMappingSpec } from '../assembly/app-model';
import type { Invoker } from '../gateway/invoker';
import { abortableSleep } from './abortable-sleep';
import { batchItemFailures } from './batch-item-failures';
import { sqsRecord } from './sqs-event';

type SqsMapping = EventSourceMappingSpec & { source: { kind: 'sqs' } };

/** Fault injection (local/chaos): the messages of a batch that a second invocation also gets, at the same time. */
export type DuplicateDeliveries = (functionArn: string, messages: readonly Message[]) => Message[];

/**
 * Lambda starts five pollers per queue (and adds more under load), unless the mapping caps its
 * concurrency lower. Fewer made a queue whose batches are small (batch size 1) the saga's bottleneck:
 * two invocations at a time however long each waits on I/O.
 */
const defaultPollers = 5;
const longPollSeconds = 20;

/**
 * Lambda's SQS poller: long-polls the queue, gathers a batch (batch size, batching window), invokes the
 * function, and deletes what succeeded. A failed invocation deletes nothing, so the messages come back
 * after the visibility timeout and, past `maxReceiveCount`, the queue moves them to its dead-letter queue.
 * With `ReportBatchItemFailures`, only the reported messages stay.
 */
export class SqsPoller {
  private readonly abort = new AbortController();
  private loops: Promise<void>[] = [];

  constructor(
    private readonly mapping: SqsMapping,
    private readonly client: SQSClient,
    private readonly invoker: Invoker,
    private readonly region: string,
    private readonly onError: (message: string) => void,
    private readonly duplicates?: DuplicateDeliveries,
  ) {}

  start(): void {
    if (!this.mapping.enabled) return;
    const pollers = Math.min(defaultPollers, this.mapping.maximumConcurrency ?? defaultPollers);
    this.loops = Array.from({ length: pollers }, () => this.poll());
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops);
  }

  private async poll() {
    while (!this.abort.signal.aborted) {
      try {
        const messages = await this.gatherBatch();
        if (messages.length > 0) await this.process(messages);
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.onError(`SQS poller for ${this.mapping.source.queue.name}: ${String(error)}`);
        await abortableSleep(1000, this.abort.signal);
      }
    }
  }

  private receive(maxMessages: number, waitSeconds: number) {
    return this.client
      .send(
        new ReceiveMessageCommand({
          QueueUrl: this.mapping.source.queue.url,
          MaxNumberOfMessages: Math.min(10, maxMessages),
          WaitTimeSeconds: waitSeconds,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
        { abortSignal: this.abort.signal },
      )
      .then(({ Messages = [] }) => Messages);
  }

  /** Waits for a first message, then fills the batch until it is full or the batching window closes. */
  private async gatherBatch(): Promise<Message[]> {
    const { batchSize, maximumBatchingWindowSeconds } = this.mapping;
    const batch = await this.receive(batchSize, longPollSeconds);
    if (batch.length === 0) return batch;
    const windowEnds = Date.now() + maximumBatchingWindowSeconds * 1000;
    while (batch.length < batchSize && Date.now() < windowEnds && !this.abort.signal.aborted) {
      const waitSeconds = Math.max(0, Math.floor((windowEnds - Date.now()) / 1000));
      const more = await this.receive(batchSize - batch.length, waitSeconds);
      batch.push(...more);
      if (more.length === 0 && waitSeconds === 0) break;
    }
    return batch;
  }

  /**
   * Invokes the function with the batch. Messages chosen by fault injection go to a second invocation
   * at the same time, as when SQS hands a message to two receivers: each invocation deletes what it
   * processed, and the later delete of a message already deleted changes nothing.
   */
  private async process(messages: Message[]) {
    const twice = this.duplicates?.(this.mapping.functionArn, messages) ?? [];
    await Promise.all([this.deliver(messages), ...(twice.length > 0 ? [this.deliver(twice)] : [])]);
  }

  private async deliver(messages: Message[]) {
    const { queue } = this.mapping.source;
    const event = { Records: messages.map((message) => sqsRecord(message, queue.arn, this.region)) };
    const { outcome } = await this.invoker.invoke(this.mapping.functionArn, event);
    if (!outcome.ok) return;
    const failed = this.mapping.reportBatchItemFailures
      ? batchItemFailures(outcome.payload, messages.map((message) => message.MessageId!))
      : new Set<string>();
    if (failed === 'all') return;
    const done = messages.filter((message) => !failed.has(message.MessageId!));
    for (let index = 0; index < done.length; index += 10) {
      const entries = done.slice(index, index + 10).map((message, entry) => ({ Id: String(entry), ReceiptHandle: message.ReceiptHandle! }));
      await this.client.send(new DeleteMessageBatchCommand({ QueueUrl: queue.url, Entries: entries }));
    }
  }
}
