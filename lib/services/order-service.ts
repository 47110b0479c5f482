import { Duration } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { StreamViewType } from 'aws-cdk-lib/aws-dynamodb';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Construct } from 'constructs';
import { orderPartitions, ordersByDeadlineIndex, ordersByUserIndex } from '../../functions/order/table-layout';
import { OrderService } from '../../functions/shared/gen/shop/v1/order_pb';
import { DeadLetterQueue } from '../constructs/dead-letter-queue';
import { grantIndexQuery, grantItems, grantSendMessage, grantStreamRead } from '../constructs/least-privilege';
import { PageTokenKey } from '../constructs/page-token-key';
import { allowAnswersFrom, importQueueAddress } from '../constructs/queue-address';
import { ScheduledInvocation } from '../constructs/scheduled-invocation';
import { ServiceQueue } from '../constructs/service-queue';
import { ServiceTable } from '../constructs/service-table';
import { addTableIndex } from '../constructs/table-index';
import { stockRequestsQueueName } from './inventory-service';
import { paymentRequestsQueueName } from './payment-service';
import { ServiceStack, type ServiceStackProps } from './service-stack';

export interface OrderServiceStackProps extends ServiceStackProps {
  /** How long an order may stay under way before the sweeper cancels it. */
  readonly orderTimeoutSeconds: number;
}

/**
 * Orders and the saga that takes each to CONFIRMED, REJECTED, PAYMENT_FAILED or, past its deadline,
 * CANCELLED: it asks Inventory to reserve stock and Payment to charge, through their request queues,
 * and takes their answers on queues of its own. Every message leaves through a transactional outbox on
 * the Orders table; a sweeper cancels, once a minute, the orders still under way past their deadline.
 */
export class OrderServiceStack extends ServiceStack {
  constructor(scope: Construct, id: string, props: OrderServiceStackProps) {
    super(scope, id, props, 'order');

    const table = new ServiceTable(this, 'Orders', { deletionProtection: props.deletionProtection, stream: StreamViewType.NEW_IMAGE });
    addTableIndex(table, ordersByUserIndex);
    addTableIndex(table, ordersByDeadlineIndex);
    const environment = { TABLE_NAME: table.tableName };

    const placing = { environment: { ...environment, ORDER_TIMEOUT_SECONDS: String(props.orderTimeoutSeconds) } };
    const placeOrder = this.serviceFunction('PlaceOrder', 'place-order.ts', placing);
    const getOrder = this.serviceFunction('GetOrder', 'get-order.ts', { environment });
    const listOrders = this.serviceFunction('ListOrders', 'list-orders.ts', { environment });
    // The same calls for Connect and gRPC-Web clients (shop.v1.OrderService), one function per method like the routes.
    const getOrderRpc = this.serviceFunction('GetOrderRpc', 'get-order-rpc.ts', { environment });
    const placeOrderRpc = this.serviceFunction('PlaceOrderRpc', 'place-order-rpc.ts', placing);
    const listOrdersRpc = this.serviceFunction('ListOrdersRpc', 'list-orders-rpc.ts', { environment });
    // The order and its outbox items share the order's partition; idempotency keys have their own.
    for (const placer of [placeOrder, placeOrderRpc]) {
      grantItems(placer, table, { actions: ['PutItem'], partitions: [orderPartitions.order, orderPartitions.idempotencyKey] });
      grantItems(placer, table, { actions: ['GetItem'], partitions: [orderPartitions.idempotencyKey] });
    }
    for (const reading of [getOrder, getOrderRpc]) grantItems(reading, table, { actions: ['GetItem'], partitions: [orderPartitions.order] });
    const pageTokenKey = new PageTokenKey(this, 'PageTokenKey');
    for (const listing of [listOrders, listOrdersRpc]) {
      grantIndexQuery(listing, table, ordersByUserIndex.indexName);
      pageTokenKey.grantSigning(listing);
    }
    this.api.addRoute({ method: HttpMethod.POST, path: '/orders', handler: placeOrder, access: 'authenticated' });
    this.api.addRoute({ method: HttpMethod.GET, path: '/orders/{orderId}', handler: getOrder, access: 'authenticated' });
    this.api.addRoute({ method: HttpMethod.GET, path: '/orders', handler: listOrders, access: 'authenticated' });
    this.api.addRpcRoute(OrderService.method.getOrder, getOrderRpc);
    this.api.addRpcRoute(OrderService.method.placeOrder, placeOrderRpc);
    this.api.addRpcRoute(OrderService.method.listOrders, listOrdersRpc);

    const consumerProps = { environment, timeout: Duration.seconds(5) };
    const handleStockResult = this.serviceFunction('HandleStockResult', 'handle-stock-result.ts', {
      ...consumerProps,
      description: "Moves orders on by Inventory's answers",
    });
    const handlePaymentResult = this.serviceFunction('HandlePaymentResult', 'handle-payment-result.ts', {
      ...consumerProps,
      description: "Moves orders on by Payment's answers",
    });
    for (const consumer of [handleStockResult, handlePaymentResult]) {
      grantItems(consumer, table, { actions: ['GetItem', 'PutItem'], partitions: [orderPartitions.order] });
    }
    const stockResults = new ServiceQueue(this, 'StockResults', { consumer: handleStockResult });
    const paymentResults = new ServiceQueue(this, 'PaymentResults', { consumer: handlePaymentResult });

    const stockRequests = importQueueAddress(this, 'StockRequests', stockRequestsQueueName);
    const paymentRequests = importQueueAddress(this, 'PaymentRequests', paymentRequestsQueueName);
    allowAnswersFrom(stockResults.queue, stockRequests);
    allowAnswersFrom(paymentResults.queue, paymentRequests);

    const sweepExpiredOrders = this.serviceFunction('SweepExpiredOrders', 'sweep-expired-orders.ts', {
      environment,
      description: 'Cancels the orders still under way past their deadline',
      timeout: Duration.seconds(55),
    });
    // It finds orders through the deadline index, then decides each as a result handler does.
    grantIndexQuery(sweepExpiredOrders, table, ordersByDeadlineIndex.indexName);
    grantItems(sweepExpiredOrders, table, { actions: ['GetItem', 'PutItem'], partitions: [orderPartitions.order] });
    new ScheduledInvocation(this, 'OrderDeadlines', {
      target: sweepExpiredOrders,
      every: Duration.minutes(1),
      description: 'Cancels the orders still under way past their deadline (orderTimeoutSeconds)',
    });

    const publishOutbox = this.serviceFunction('PublishOutbox', 'publish-outbox.ts', {
      description: "Sends the messages written to the Orders table's outbox",
      environment: {
        ...environment,
        STOCK_REQUESTS_QUEUE_URL: stockRequests.queue.queueUrl,
        STOCK_RESULTS_QUEUE_URL: stockResults.queue.queueUrl,
        PAYMENT_REQUESTS_QUEUE_URL: paymentRequests.queue.queueUrl,
        PAYMENT_RESULTS_QUEUE_URL: paymentResults.queue.queueUrl,
      },
    });
    grantSendMessage(publishOutbox, stockRequests.queue);
    grantSendMessage(publishOutbox, paymentRequests.queue);
    // It takes the payment token out of a published CapturePayment's outbox item.
    grantItems(publishOutbox, table, { actions: ['UpdateItem'], partitions: [orderPartitions.order] });
    grantStreamRead(this, publishOutbox, table);
    publishOutbox.addEventSourceMapping('OrdersStream', {
      eventSourceArn: table.tableStreamArn!,
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 10,
      reportBatchItemFailures: true,
      bisectBatchOnError: true,
      retryAttempts: 10,
      onFailure: new SqsDlq(new DeadLetterQueue(this, 'OutboxFailures', { forStream: true })),
    });
  }
}
