export const time = (at: number) => new Date(at).toISOString().slice(11, 23);

export const ms = (value: number | undefined) => (value === undefined ? '–' : value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(1)} s`);

export const json = (value: unknown) => JSON.stringify(value, null, 2);

/** A key's values, as a person reads them: `ORDER#123 / ORDER`. */
export const keyText = (key: Record<string, unknown>) => Object.values(key).map(String).join(' / ');
