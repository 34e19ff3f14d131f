/**
 * An answer with every field its documented shape requires: the values the emulator knows, and for
 * the rest the neutral value of the documented type (null where the type allows it).
 */
import type { Shape } from './discourse-shapes.js';

export function fill(shape: Shape, values: Record<string, unknown> = {}): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const properties = shape.properties ?? {};
  for (const [name, property] of Object.entries(properties)) {
    if (name in values) {
      const value = values[name];
      if (Array.isArray(value) && property.items?.properties) result[name] = value.map((item) => fill(property.items!, item as Record<string, unknown>));
      else if (isRecord(value) && property.properties) result[name] = fill(property, value);
      else result[name] = value;
    } else if (shape.required?.includes(name)) {
      result[name] = neutral(property);
    }
  }
  return result;
}

function neutral(shape: Shape): unknown {
  const types = Array.isArray(shape.type) ? shape.type : [shape.type];
  if (types.includes('null')) return null;
  switch (types[0]) {
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      return fill(shape);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
