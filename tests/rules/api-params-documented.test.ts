import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ORDERS_PARAMS } from '../../src/server/api/orders-query.ts';
import { FLAGS_PARAMS } from '../../src/server/api/flags-query.ts';

/**
 * Every query parameter the API accepts is documented on /api-docs/ (in the spirit of
 * datasette's test_docs.py): a parameter added to a parser without a line in the docs fails here.
 */
const docs = readFileSync(path.resolve(import.meta.dirname, '../../src/site/pages/api-docs.astro'), 'utf8');

describe('the API docs name every parameter', () => {
  it.each([...ORDERS_PARAMS, ...FLAGS_PARAMS])('%s', (name) => {
    expect(docs).toContain(`<code>${name}</code>`);
  });
  it('would notice a missing one', () => {
    expect(docs).not.toContain('<code>no_such_parameter</code>');
  });
});
