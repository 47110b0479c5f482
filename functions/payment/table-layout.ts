/** Partition key prefixes of the Payments table's items; the stack grants each function the ones it touches. */
export const paymentPartitions = { payment: 'PAYMENT#', breaker: 'BREAKER#', simulatedCharge: 'SIMULATED-CHARGE#' } as const;
