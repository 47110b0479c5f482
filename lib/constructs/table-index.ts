import { Stack, Validations } from 'aws-cdk-lib';
import { AttributeType, type CfnTable, ProjectionType, type Table } from 'aws-cdk-lib/aws-dynamodb';

export interface IndexLayout {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** @default 'ALL' */
  readonly projection?: 'ALL' | 'KEYS_ONLY';
}

/**
 * Adds a global secondary index with string keys that projects whole items (or only the keys). Grants
 * on a table with indexes cover `<table>/index/*`: the table's own indexes, which is what the grant means.
 */
export const addTableIndex = (table: Table, layout: IndexLayout): void => {
  table.addGlobalSecondaryIndex({
    indexName: layout.indexName,
    partitionKey: { name: layout.partitionKey, type: AttributeType.STRING },
    sortKey: { name: layout.sortKey, type: AttributeType.STRING },
    projectionType: layout.projection === 'KEYS_ONLY' ? ProjectionType.KEYS_ONLY : ProjectionType.ALL,
  });
  const stack = Stack.of(table);
  const logicalId = stack.getLogicalId(table.node.defaultChild as CfnTable);
  Validations.of(stack).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/index/*]`,
    reason: `Access to ${table.node.id} includes its own secondary indexes, and nothing else.`,
  });
};
