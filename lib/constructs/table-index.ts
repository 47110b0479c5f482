import { AttributeType, ProjectionType, type Table } from 'aws-cdk-lib/aws-dynamodb';

export interface IndexLayout {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** @default 'ALL' */
  readonly projection?: 'ALL' | 'KEYS_ONLY';
}

/** Adds a global secondary index with string keys that projects whole items (or only the keys); grants name it (grantIndexQuery). */
export const addTableIndex = (table: Table, layout: IndexLayout): void => {
  table.addGlobalSecondaryIndex({
    indexName: layout.indexName,
    partitionKey: { name: layout.partitionKey, type: AttributeType.STRING },
    sortKey: { name: layout.sortKey, type: AttributeType.STRING },
    projectionType: layout.projection === 'KEYS_ONLY' ? ProjectionType.KEYS_ONLY : ProjectionType.ALL,
  });
};
