import { Duration } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Construct } from 'constructs';
import { grantItems, grantSendMessage } from '../constructs/least-privilege';
import { publishQueueAddress } from '../constructs/queue-address';
import { ServiceQueue } from '../constructs/service-queue';
import { ServiceTable } from '../constructs/service-table';
import { paymentPartitions } from '../../functions/payment/table-layout';
import { ServiceStack, type ServiceStackProps } from './service-stack';

/** The queue on which Payment takes payment requests (CapturePayment). */
export const paymentRequestsQueueName = 'payment-requests';

/** The payment simulator's outage rate, latency and share of charges whose answer is lost (CDK context `paymentSimulator...`). */
export interface PaymentSimulatorSettings {
  readonly failureRate: number;
  readonly latencyMs: number;
  readonly chargedTimeoutRate: number;
}

export interface PaymentServiceStackProps extends ServiceStackProps {
  /** How long a payment may wait for an unavailable provider before it is given up (see `paymentMaxWaitSeconds`). */
  readonly maxWaitSeconds: number;
  readonly simulator: PaymentSimulatorSettings;
}

/**
 * Payments for orders through a card processor (a simulator by default), with a timeout, retries with
 * backoff and a circuit breaker around it, refunds for cancelled orders; see docs/payments.md.
 */
export class PaymentServiceStack extends ServiceStack {
  constructor(scope: Construct, id: string, props: PaymentServiceStackProps) {
    super(scope, id, props, 'payment');

    const table = new ServiceTable(this, 'Payments', { deletionProtection: props.deletionProtection });

    const getPayment = this.serviceFunction('GetPayment', 'get-payment.ts', { environment: { TABLE_NAME: table.tableName } });
    grantItems(getPayment, table, { actions: ['GetItem'], partitions: [paymentPartitions.payment] });
    this.api.addRoute({ method: HttpMethod.GET, path: '/payments/{orderId}', handler: getPayment, access: 'authenticated' });

    // Three provider calls of at most 2 s each, with backoff between them, fit well within 15 s.
    const handlePaymentRequest = this.serviceFunction('HandlePaymentRequest', 'handle-payment-request.ts', {
      description: 'Charges for orders, at most once each, and refunds those of cancelled orders',
      timeout: Duration.seconds(15),
      environment: {
        TABLE_NAME: table.tableName,
        PAYMENT_ATTEMPT_TIMEOUT_MS: '2000',
        PAYMENT_MAX_ATTEMPTS: '3',
        PAYMENT_RETRY_BASE_DELAY_MS: '100',
        PAYMENT_RETRY_MAX_DELAY_MS: '1000',
        PAYMENT_BREAKER_FAILURE_THRESHOLD: '5',
        PAYMENT_BREAKER_OPEN_SECONDS: '30',
        PAYMENT_MAX_WAIT_SECONDS: String(props.maxWaitSeconds),
        PAYMENT_SIMULATOR_FAILURE_RATE: String(props.simulator.failureRate),
        PAYMENT_SIMULATOR_LATENCY_MS: String(props.simulator.latencyMs),
        PAYMENT_SIMULATOR_CHARGED_TIMEOUT_RATE: String(props.simulator.chargedTimeoutRate),
      },
    });
    // Payments carry the lease of the delivery charging them; the shared circuit breaker has an item of its own.
    grantItems(handlePaymentRequest, table, { actions: ['GetItem'], partitions: [paymentPartitions.payment, paymentPartitions.breaker] });
    grantItems(handlePaymentRequest, table, { actions: ['UpdateItem'], partitions: [paymentPartitions.payment] });
    grantItems(handlePaymentRequest, table, { actions: ['PutItem'], partitions: [paymentPartitions.breaker] });
    // The payment simulator keeps its books in the table too (what a processor's API would keep).
    grantItems(handlePaymentRequest, table, { actions: ['GetItem', 'PutItem', 'UpdateItem'], partitions: [paymentPartitions.simulatedCharge] });
    // One payment per invocation: the payment's lease then lapses exactly when the invocation ends.
    const paymentRequests = new ServiceQueue(this, 'PaymentRequests', { consumer: handlePaymentRequest, batchSize: 1 });
    // Requests put off while the provider is down go back on the same queue, with a delay.
    handlePaymentRequest.addEnvironment('PAYMENT_REQUESTS_QUEUE_URL', paymentRequests.queue.queueUrl);
    grantSendMessage(handlePaymentRequest, paymentRequests.queue);
    publishQueueAddress(this, paymentRequestsQueueName, paymentRequests.queue, handlePaymentRequest.role!);
  }
}
