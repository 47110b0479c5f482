import { Duration } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { Stream, StreamEncryption, StreamMode } from 'aws-cdk-lib/aws-kinesis';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { catalogIndex, inventoryPartitions } from '../../functions/inventory/table-layout';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { DeadLetterQueue } from '../constructs/dead-letter-queue';
import { grantIndexQuery, grantItems } from '../constructs/least-privilege';
import { PageTokenKey } from '../constructs/page-token-key';
import { publishQueueAddress } from '../constructs/queue-address';
import { ServiceQueue } from '../constructs/service-queue';
import { ServiceTable } from '../constructs/service-table';
import { addTableIndex } from '../constructs/table-index';
import { ServiceStack, type ServiceStackProps } from './service-stack';

/** The queue on which Inventory takes stock requests (ReserveStock, ReleaseStock, CommitStock). */
export const stockRequestsQueueName = 'stock-requests';

/**
 * The catalog and its stock: products and prices (admin), stock updates through the inventory-updates
 * Kinesis stream, and reservations for orders through the stock-requests queue.
 */
export class InventoryServiceStack extends ServiceStack {
  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props, 'inventory');

    const table = new ServiceTable(this, 'Inventory', { deletionProtection: props.deletionProtection });
    addTableIndex(table, catalogIndex);

    // Records of one SKU share a partition key, so they land on one shard and are applied in order.
    const stockUpdates = new Stream(this, 'InventoryUpdates', {
      streamMode: StreamMode.PROVISIONED,
      shardCount: 2,
      retentionPeriod: Duration.hours(24),
      encryption: StreamEncryption.MANAGED,
    });

    // Other producers (a warehouse feed) find the stream here; the record shape is in docs/architecture.md.
    new StringParameter(this, 'InventoryUpdatesStreamName', {
      parameterName: '/shop/streams/inventory-updates/name',
      stringValue: stockUpdates.streamName,
    });
    new StringParameter(this, 'InventoryUpdatesStreamArn', {
      parameterName: '/shop/streams/inventory-updates/arn',
      stringValue: stockUpdates.streamArn,
    });

    const environment = { TABLE_NAME: table.tableName, STOCK_UPDATES_STREAM_NAME: stockUpdates.streamName };

    const listProducts = this.serviceFunction('ListProducts', 'list-products.ts', { environment });
    const getProduct = this.serviceFunction('GetProduct', 'get-product.ts', { environment });
    const saveProduct = this.serviceFunction('SaveProduct', 'save-product.ts', { environment });
    const requestStockUpdate = this.serviceFunction('RequestStockUpdate', 'request-stock-update.ts', { environment });
    const getStockUpdate = this.serviceFunction('GetStockUpdate', 'get-stock-update.ts', { environment });
    const { product, reservation, stockUpdate } = inventoryPartitions;
    grantIndexQuery(listProducts, table, catalogIndex.indexName);
    new PageTokenKey(this, 'PageTokenKey').grantSigning(listProducts);
    grantItems(getProduct, table, { actions: ['GetItem'], partitions: [product] });
    grantItems(saveProduct, table, { actions: ['UpdateItem'], partitions: [product] });
    grantItems(requestStockUpdate, table, { actions: ['GetItem'], partitions: [product] });
    requestStockUpdate.addToRolePolicy(new PolicyStatement({ actions: ['kinesis:PutRecord'], resources: [stockUpdates.streamArn] }));
    grantItems(getStockUpdate, table, { actions: ['GetItem'], partitions: [stockUpdate] });

    this.api.addRoute({ method: HttpMethod.GET, path: '/products', handler: listProducts, access: 'authenticated' });
    this.api.addRoute({ method: HttpMethod.GET, path: '/products/{sku}', handler: getProduct, access: 'authenticated' });
    this.api.addRoute({ method: HttpMethod.PUT, path: '/products/{sku}', handler: saveProduct, access: 'admin' });
    this.api.addRoute({ method: HttpMethod.POST, path: '/products/{sku}/stock-updates', handler: requestStockUpdate, access: 'admin' });
    this.api.addRoute({
      method: HttpMethod.GET,
      path: '/products/{sku}/stock-updates/{updateId}',
      handler: getStockUpdate,
      access: 'admin',
    });

    const applyStockUpdates = this.serviceFunction('ApplyStockUpdates', 'apply-stock-updates.ts', {
      environment,
      description: 'Applies the inventory-updates stream to the stock, in order per SKU',
    });
    grantItems(applyStockUpdates, table, { actions: ['PutItem'], partitions: [stockUpdate] });
    grantItems(applyStockUpdates, table, { actions: ['UpdateItem'], partitions: [product] });
    applyStockUpdates.addEventSource(
      new KinesisEventSource(stockUpdates, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: 5,
        onFailure: new SqsDlq(new DeadLetterQueue(this, 'StockUpdateFailures', { forStream: true })),
      }),
    );

    const handleStockRequest = this.serviceFunction('HandleStockRequest', 'handle-stock-request.ts', {
      environment,
      description: 'Reserves, releases and commits stock for orders',
      timeout: Duration.seconds(5),
    });
    grantItems(handleStockRequest, table, { actions: ['BatchGetItem'], partitions: [product] });
    grantItems(handleStockRequest, table, { actions: ['GetItem', 'PutItem'], partitions: [reservation] });
    grantItems(handleStockRequest, table, { actions: ['UpdateItem'], partitions: [reservation, product] });
    const stockRequests = new ServiceQueue(this, 'StockRequests', { consumer: handleStockRequest });
    // Answers go to the return address each reservation request names; the requester grants the send.
    publishQueueAddress(this, stockRequestsQueueName, stockRequests.queue, handleStockRequest.role!);
  }
}
