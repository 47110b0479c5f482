import type { TargetSpec } from '../assembly/app-model';

/** `$.detail.items[0].sku` → the value there, or undefined. */
export const valueAtPath = (document: unknown, path: string): unknown => {
  if (path === '$') return document;
  const steps = path.replace(/^\$\.?/, '').match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let value = document;
  for (const step of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[step.startsWith('[') ? Number(step.slice(1, -1)) : step];
  }
  return value;
};

/** What a target receives (JSON text): the event, a constant input, part of the event, or a transformed input. */
export const targetInput = (target: TargetSpec, event: Record<string, unknown>, rule: { arn: string; name: string }): string => {
  if (target.input !== undefined) return target.input;
  if (target.inputPath !== undefined) return JSON.stringify(valueAtPath(event, target.inputPath) ?? null);
  if (!target.inputTransformer) return JSON.stringify(event);
  const { pathsMap, template } = target.inputTransformer;
  const values: Record<string, unknown> = {
    'aws.events.rule-arn': rule.arn,
    'aws.events.rule-name': rule.name,
    'aws.events.event.ingestion-time': event.time,
    'aws.events.event': event,
    'aws.events.event.json': event,
    ...Object.fromEntries(Object.entries(pathsMap).map(([name, path]) => [name, valueAtPath(event, path)])),
  };
  // In a JSON template a string goes in escaped (the template holds its quotes); anything else as JSON. In text, as text.
  const json = /^\s*[[{"]/.test(template);
  return template.replace(/<([\w.-]+)>/g, (placeholder, name: string) => {
    if (!(name in values)) return placeholder;
    const value = values[name];
    if (typeof value === 'string') return json ? JSON.stringify(value).slice(1, -1) : value;
    return value === undefined ? (json ? 'null' : '') : JSON.stringify(value);
  });
};
