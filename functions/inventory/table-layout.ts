/**
 * The Inventory table's secondary index, shared by the stack that creates it and the code that reads
 * it. Every product carries `catalog = "PRODUCTS"`, so the catalog is one query ordered by SKU.
 */
export const catalogIndex = { indexName: 'catalog', partitionKey: 'catalog', sortKey: 'sku', partition: 'PRODUCTS' } as const;

/** Partition key prefixes of the Inventory table's items; the stack grants each function the ones it touches. */
export const inventoryPartitions = { product: 'PRODUCT#', reservation: 'RESERVATION#', stockUpdate: 'STOCK-UPDATE#' } as const;
