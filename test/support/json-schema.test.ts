/** The compact JSON Schema check the OpenAPI test relies on: each keyword it claims to check can fail. */
import { describe, expect, it } from 'vitest';
import { validate, type Schema } from './json-schema.js';

const document: Schema = { components: { schemas: { id: { type: 'integer' } } } };
const check = (value: unknown, schema: Schema) => validate(value, schema, document);

describe('json-schema validate', () => {
  it('checks type, including integer and null, and local $ref', () => {
    expect(check(1.5, { type: 'integer' })).toEqual(['$: expected integer, got number']);
    expect(check(null, { type: ['string', 'null'] })).toEqual([]);
    expect(check([], { type: 'object' })).toEqual(['$: expected object, got array']);
    expect(check('7', { $ref: '#/components/schemas/id' })).toEqual(['$: expected integer, got string']);
  });

  it('checks properties, required, additionalProperties and items', () => {
    const schema: Schema = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } } };
    expect(check({ id: 1, tags: ['a'] }, schema)).toEqual([]);
    expect(check({ tags: ['a', 2], other: true }, schema).sort()).toEqual(['$.id: required, missing', '$.other: not in the document', '$.tags[1]: expected string, got number']);
    expect(check({ id: 1, more: 'x' }, { properties: { id: {} }, additionalProperties: { type: 'integer' } })).toEqual(['$.more: expected integer, got string']);
  });

  it('checks nullable, enum, anyOf and oneOf', () => {
    expect(check(null, { type: 'string', nullable: true })).toEqual([]);
    expect(check(null, { type: 'string' })).toEqual(['$: expected string, got null']);
    expect(check('c', { enum: ['a', 'b'] })).toEqual(['$: "c" is not one of ["a","b"]']);
    expect(check(true, { anyOf: [{ type: 'string' }, { type: 'integer' }] })).toEqual(['$: matches none of anyOf']);
    expect(check(3, { oneOf: [{ type: 'string' }, { type: 'integer' }] })).toEqual([]);
    expect(check(3, { oneOf: [{ type: 'number' }, { type: 'integer' }] })).toEqual(['$: matches 2 of oneOf, not exactly one']);
  });

  it('checks allOf, pattern, lengths, item counts, numeric bounds and date-time', () => {
    expect(check('12a', { allOf: [{ type: 'string' }, { pattern: '^[0-9]+$' }] })).toEqual(['$: "12a" does not match ^[0-9]+$']);
    expect(check('', { minLength: 1 })).toEqual(['$: shorter than 1']);
    expect(check('abc', { maxLength: 2 })).toEqual(['$: longer than 2']);
    expect(check([1], { minItems: 2, maxItems: 2 })).toEqual(['$: fewer than 2 items']);
    expect(check([1, 2, 3], { maxItems: 2 })).toEqual(['$: more than 2 items']);
    expect(check(4, { minimum: 5, maximum: 100 })).toEqual(['$: 4 is below 5']);
    expect(check(101, { minimum: 5, maximum: 100 })).toEqual(['$: 101 is above 100']);
    expect(check('2026-11-30T06:00:00.000Z', { format: 'date-time' })).toEqual([]);
    expect(check('30 Nov 2026', { format: 'date-time' })).toEqual(['$: "30 Nov 2026" is not a date-time']);
  });

  it('with closed, an object that lists its properties refuses others; without, it does not', () => {
    const schema: Schema = { type: 'object', properties: { id: { type: 'string' } } };
    expect(check({ id: '1', invented: true }, schema)).toEqual([]);
    expect(validate({ id: '1', invented: true }, schema, document, '$', { closed: true })).toEqual(['$.invented: not in the document']);
    expect(validate({ anything: 1 }, { type: 'object' }, document, '$', { closed: true })).toEqual([]);
  });
});
