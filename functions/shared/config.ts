/** Reads a required setting from the function's environment; a missing one is a deployment bug. */
export const requiredEnv = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
};

/** Reads an optional numeric setting; a value that is not a number within bounds is a deployment bug. */
export const numberEnv = (name: string, fallback: number, bounds: { min: number; max: number }): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < bounds.min || value > bounds.max) {
    throw new Error(`Environment variable ${name}=${raw} is not a number from ${bounds.min} to ${bounds.max}`);
  }
  return value;
};
