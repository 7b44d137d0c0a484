import { describe, expect, it } from 'vitest';
import { checkSchema, type Schema, type SchemaCheck } from '../../scripts/openapi/check-schema.js';
import { responseSchema, type OpenApiDocument } from '../../scripts/openapi/find-operation.js';

// A hand-written document with the constructs the published ones use (not a copy of either).
const doc: OpenApiDocument = {
  openapi: '3.1.0',
  servers: [{ url: 'https://api.example.test/v1' }],
  paths: {
    '/jobs/{id}': { get: { operationId: 'getJob', responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Job' } } } } } } },
    '/jobs/estimate': { get: { operationId: 'estimate', responses: { default: { content: { 'application/json': { schema: { type: 'object' } } } } } } },
  },
  components: {
    schemas: {
      Job: {
        type: 'object',
        required: ['id', 'status', 'error'],
        properties: {
          id: { type: 'string' },
          status: { type: 'string', enum: ['queued', 'running'] },
          error: { anyOf: [{ type: 'object', required: ['code'], properties: { code: { type: 'string' } } }, { type: 'null' }] },
          rate: { type: 'number', minimum: 0, exclusiveMinimum: true },
          note: { type: 'string', nullable: true },
          tags: { type: 'object', additionalProperties: false, properties: { a: { type: 'integer' } } },
          pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }], discriminator: { propertyName: 'kind' } },
        },
      },
      Cat: { type: 'object', properties: { kind: { const: 'Cat' }, lives: { type: 'integer' } } },
      Dog: { type: 'object', properties: { kind: { const: 'Dog' }, good: { type: 'boolean' } } },
    },
  },
};

const check = (value: unknown, schema: Schema = { $ref: '#/components/schemas/Job' }) => {
  const ctx: SchemaCheck = { document: doc, unchecked: new Map() };
  return { violations: checkSchema(ctx, schema, value), unchecked: ctx.unchecked };
};

describe('check-schema: the OpenAPI subset the fakes are checked with', () => {
  it('accepts a fitting job and names each violation by its JSON path', () => {
    expect(check({ id: 'j1', status: 'running', error: null, rate: 0.5, note: null, tags: { a: 1 }, pet: { kind: 'Dog', good: true } }).violations).toEqual([]);
    expect(check({ id: 'j1', status: 'paused', error: { code: null }, rate: 0, tags: { a: 1.5, b: 2 } }).violations).toEqual([
      '$.status: "paused" is not one of ["queued","running"]',
      '$.error: {"code":null} fits none of anyOf [object: $.error.code: expected string, got null null | null: $.error: expected null, got object {"code":null}]',
      '$.rate: 0 is below the exclusive minimum 0',
      '$.tags.a: expected integer, got number 1.5',
      '$.tags: property "b" is not allowed (additionalProperties: false)',
    ]);
  });

  it('reports a missing required property and picks a oneOf branch by its discriminator', () => {
    expect(check({ id: 'j1', status: 'queued', pet: { kind: 'Cat', lives: 'nine' } }).violations).toEqual([
      '$: required property "error" is missing',
      '$.pet.lives: expected integer, got string "nine"',
    ]);
  });

  it('without a discriminator, a value fitting two oneOf branches is a violation', () => {
    expect(check({ x: 1 }, { oneOf: [{ type: 'object' }, { type: 'object', properties: { x: { type: 'integer' } } }] }).violations).toEqual([
      '$: {"x":1} fits 2 branches of oneOf, exactly one must',
    ]);
  });

  it('collects keywords it does not check instead of passing them silently', () => {
    const { violations, unchecked } = check('x', { type: 'string', not: { const: 'y' }, 'x-vendor': true, description: 'd' });
    expect(violations).toEqual([]);
    expect([...unchecked]).toEqual([['not', 1]]);
  });

  it('finds the operation with the server path taken off, literal segments first, then status ranges and default', () => {
    expect(responseSchema(doc, 'GET', '/v1/jobs/ftjob-1', 200)).toMatchObject({ operation: 'getJob', template: '/jobs/{id}', status: '200' });
    expect(responseSchema(doc, 'GET', '/v1/jobs/estimate', 404)).toMatchObject({ operation: 'estimate', status: 'default' });
    expect(responseSchema(doc, 'GET', '/v1/jobs/ftjob-1', 404)).toBeNull();
    expect(responseSchema(doc, 'POST', '/v1/jobs/ftjob-1', 200)).toBeNull();
  });
});
