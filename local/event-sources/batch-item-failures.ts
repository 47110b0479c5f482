/**
 * Reads a partial batch response (`{ batchItemFailures: [{ itemIdentifier }] }`) as Lambda does: no
 * response or an empty list means all succeeded; an identifier that is empty or not in the batch
 * makes the whole batch a failure.
 */
export const batchItemFailures = (payload: unknown, identifiers: readonly string[]): Set<string> | 'all' => {
  const failures = (payload as { batchItemFailures?: unknown } | null)?.batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return 'all';
  const failed = new Set<string>();
  for (const failure of failures) {
    const identifier = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof identifier !== 'string' || !identifiers.includes(identifier)) return 'all';
    failed.add(identifier);
  }
  return failed;
};
