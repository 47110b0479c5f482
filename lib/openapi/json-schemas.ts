import { toJSONSchema } from 'zod/mini';
import type * as z from '../../functions/shared/zod';

export type JsonSchema = Record<string, unknown>;

/**
 * The document's named schemas (`components.schemas`), filled as schemas are converted: a schema
 * marked with an `id` (zod's `z.meta({ id })`, a protobuf message's full name) is described once there
 * and referred to everywhere else.
 */
export class SchemaComponents {
  readonly schemas = new Map<string, JsonSchema>();

  add(name: string, schema: JsonSchema): void {
    const known = this.schemas.get(name);
    if (known && JSON.stringify(known) !== JSON.stringify(schema)) throw new Error(`Two different schemas are named ${name}`);
    this.schemas.set(name, schema);
  }

  ref(name: string): JsonSchema {
    return { $ref: `#/components/schemas/${name}` };
  }

  /** JSON Schema 2020-12 of a zod schema, as a request reads it (`input`) or an answer shows it (`output`). */
  fromZod(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
    const { $schema: _, $defs, ...converted } = toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    for (const [name, definition] of Object.entries($defs ?? {})) this.add(name, this.relocated(definition));
    const { id, ...rest } = this.relocated(converted) as JsonSchema & { id?: string };
    if (typeof id !== 'string') return rest;
    this.add(id, rest);
    return this.ref(id);
  }

  /** `#/$defs/X` references point into the components instead. */
  private relocated(schema: JsonSchema): JsonSchema {
    return JSON.parse(JSON.stringify(schema).replace(/"#\/\$defs\//g, '"#/components/schemas/')) as JsonSchema;
  }
}
