/**
 * AWS list prices the cost model uses: US East (N. Virginia), on-demand, without free tiers, first
 * pricing tier. Taken from each service's public pricing page (the `source`) as published in 2025;
 * `checked` says when. This machine cannot reach those pages: re-check them before relying on a
 * figure, and update the constant and its date together.
 */
export interface Price {
  readonly usd: number;
  readonly per: string;
  readonly source: string;
  readonly checked: string;
}

const checked = '2025-06';

export const prices = {
  lambdaRequests: { usd: 0.2, per: '1 million requests', source: 'https://aws.amazon.com/lambda/pricing/', checked },
  lambdaArmGbSecond: { usd: 0.0000133334, per: 'GB-second (arm64)', source: 'https://aws.amazon.com/lambda/pricing/', checked },
  lambdaX86GbSecond: { usd: 0.0000166667, per: 'GB-second (x86_64)', source: 'https://aws.amazon.com/lambda/pricing/', checked },
  httpApiRequests: { usd: 1.0, per: '1 million HTTP API requests (512 KB each)', source: 'https://aws.amazon.com/api-gateway/pricing/', checked },
  dynamoDbWriteUnits: { usd: 0.625, per: '1 million on-demand write request units', source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/', checked },
  dynamoDbReadUnits: { usd: 0.125, per: '1 million on-demand read request units', source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/', checked },
  sqsRequests: { usd: 0.4, per: '1 million standard queue requests (64 KB each)', source: 'https://aws.amazon.com/sqs/pricing/', checked },
  kinesisShardHour: { usd: 0.015, per: 'provisioned shard-hour', source: 'https://aws.amazon.com/kinesis/data-streams/pricing/', checked },
  logsIngestedGb: { usd: 0.5, per: 'GB of logs ingested (CloudWatch Logs standard)', source: 'https://aws.amazon.com/cloudwatch/pricing/', checked },
  xrayTraces: { usd: 5.0, per: '1 million traces recorded', source: 'https://aws.amazon.com/xray/pricing/', checked },
  secretMonth: { usd: 0.4, per: 'secret per month', source: 'https://aws.amazon.com/secrets-manager/pricing/', checked },
} satisfies Record<string, Price>;

/** Hours in an average month, as AWS bills monthly items. */
export const hoursPerMonth = 730;
