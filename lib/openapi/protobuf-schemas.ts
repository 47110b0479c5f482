import { type DescEnum, type DescField, type DescMessage, ScalarType } from '@bufbuild/protobuf';
import type { JsonSchema, SchemaComponents } from './json-schemas';

/*
 * JSON Schema of protobuf messages as the Connect protocol writes them in JSON: the canonical proto3
 * JSON mapping (lowerCamelCase names, 64-bit integers as strings, enums by name, Timestamp as RFC 3339).
 * Fields holding their default value are left out of an answer, so none is required.
 */

const int32Range = { [ScalarType.INT32]: [-(2 ** 31), 2 ** 31 - 1], [ScalarType.SINT32]: [-(2 ** 31), 2 ** 31 - 1], [ScalarType.SFIXED32]: [-(2 ** 31), 2 ** 31 - 1], [ScalarType.UINT32]: [0, 2 ** 32 - 1], [ScalarType.FIXED32]: [0, 2 ** 32 - 1] } as Record<number, [number, number]>;

const scalarSchema = (scalar: ScalarType): JsonSchema => {
  switch (scalar) {
    case ScalarType.STRING:
      return { type: 'string' };
    case ScalarType.BOOL:
      return { type: 'boolean' };
    case ScalarType.BYTES:
      return { type: 'string', contentEncoding: 'base64' };
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      return { type: 'number' };
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      // Written as a decimal string; a request may also give a number.
      return { type: ['string', 'integer'], pattern: '^-?[0-9]+$' };
    default: {
      const [minimum, maximum] = int32Range[scalar]!;
      return { type: 'integer', minimum, maximum };
    }
  }
};

const enumSchema = (components: SchemaComponents, desc: DescEnum): JsonSchema => {
  components.add(desc.typeName, { type: 'string', enum: desc.values.map((value) => value.name) });
  return components.ref(desc.typeName);
};

const wellKnown: Record<string, JsonSchema> = {
  'google.protobuf.Timestamp': { type: 'string', format: 'date-time' },
};

const fieldSchema = (components: SchemaComponents, field: DescField): JsonSchema => {
  switch (field.fieldKind) {
    case 'scalar':
      return scalarSchema(field.scalar);
    case 'enum':
      return enumSchema(components, field.enum);
    case 'message':
      return messageSchema(components, field.message);
    case 'list': {
      const item =
        field.listKind === 'scalar' ? scalarSchema(field.scalar) : field.listKind === 'enum' ? enumSchema(components, field.enum) : messageSchema(components, field.message);
      return { type: 'array', items: item };
    }
    case 'map': {
      const value =
        field.mapKind === 'scalar' ? scalarSchema(field.scalar) : field.mapKind === 'enum' ? enumSchema(components, field.enum) : messageSchema(components, field.message);
      return { type: 'object', additionalProperties: value };
    }
  }
};

/** A reference to the message's schema, which joins the components (with those of its fields) on first use. */
export const messageSchema = (components: SchemaComponents, desc: DescMessage): JsonSchema => {
  const known = wellKnown[desc.typeName];
  if (known) return known;
  if (!components.schemas.has(desc.typeName)) {
    components.add(desc.typeName, { type: 'object' }); // a placeholder, so a message that contains itself ends
    const properties = Object.fromEntries(desc.fields.map((field) => [field.jsonName, fieldSchema(components, field)]));
    components.schemas.set(desc.typeName, { type: 'object', properties, additionalProperties: false });
  }
  return components.ref(desc.typeName);
};
