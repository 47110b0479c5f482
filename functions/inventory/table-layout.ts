/**
 * The Inventory table's secondary index, shared by the stack that creates it and the code that reads
 * it. Every product carries `catalog = "PRODUCTS"`, so the catalog is one query ordered by SKU.
 */
export const catalogIndex = { indexName: 'catalog', partitionKey: 'catalog', sortKey: 'sku', partition: 'PRODUCTS' } as const;
