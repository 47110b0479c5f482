/** A value created on first use and kept for the life of the execution environment. */
export const lazily = <T>(create: () => T): (() => T) => {
  let instance: T | undefined;
  return () => (instance ??= create());
};
