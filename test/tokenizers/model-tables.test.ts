import { expect, it } from 'vitest';
import { allTables } from '../../src/providers/model-lookup.js';
import { TOKENIZER_IDS } from '../../src/tokenizers/index.js';

it("every provider's model table names a tokenizer tuneset ships", () => {
  const rows = Object.entries(allTables()).flatMap(([provider, table]) => Object.entries(table.models).map(([name, row]) => ({ provider, name, tokenizer: row.tokenizer })));
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.filter((r) => !(TOKENIZER_IDS as readonly string[]).includes(r.tokenizer))).toEqual([]);
});
