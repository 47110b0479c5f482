import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, type StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';

export interface ServiceTableProps {
  /**
   * Protect the table (and its data) from deletion, by CloudFormation or by hand.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /** A DynamoDB stream of the table's changes (for a transactional outbox, say). @default none */
  readonly stream?: StreamViewType;
}

/**
 * A service's own single table: string keys `pk`/`sk`, on-demand, point-in-time recovery, and TTL on
 * `expiresAt` (epoch seconds) for items that should age out.
 */
export class ServiceTable extends Table {
  static readonly timeToLiveAttribute = 'expiresAt';

  constructor(scope: Construct, id: string, props: ServiceTableProps = {}) {
    const deletionProtection = props.deletionProtection ?? true;
    super(scope, id, {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: ServiceTable.timeToLiveAttribute,
      stream: props.stream,
      deletionProtection,
      removalPolicy: deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }
}
