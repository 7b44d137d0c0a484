import { expect, test } from 'vitest';
import { clean } from '../../../src/stages/clean/clean.js';
import { normalizeText } from '../../../src/stages/clean/normalize-text.js';
import { item, runStage } from '../../helpers/run-stage.js';

test('normalises to NFC, removes invisible and control characters, collapses spaces', () => {
  expect(normalizeText('  Cafe\u0301\u00a0\u200bbar\t\tbaz\u0007 \r\n\r\n\r\nnext  ')).toBe('Café bar baz\n\nnext');
  expect(normalizeText('a\n\n b \n c', 'collapse')).toBe('a b c');
});

test('cleans the named fields, array elements included', async () => {
  const { out } = await runStage(clean({ fields: ['q', 'options'] }), [item('x', { q: ' Who\u00a0sits  first? ', options: [' Ann ', 'Bo\u200b'], n: 1 })]);
  expect(out[0]!.data).toEqual({ q: 'Who sits first?', options: ['Ann', 'Bo'], n: 1 });
});

test('drop codes name the field: missing_content, too_short, too_long', async () => {
  const { drops, counters } = await runStage(clean({ fields: ['q', 'options'], minChars: 2, maxChars: 10 }), [
    item('blank', { q: '  \n ', options: ['ok'] }),
    item('absent', { options: ['ok'] }),
    item('short', { q: 'ok?', options: ['ok', 'x'] }),
    item('long', { q: 'far too long a question', options: ['ok'] }),
  ]);
  expect(drops.map(({ id, code, detail }) => ({ id, code, detail }))).toEqual([
    { id: 'blank', code: 'missing_content', detail: { field: 'q', reason: 'empty' } },
    { id: 'absent', code: 'missing_content', detail: { field: 'q', reason: 'absent' } },
    { id: 'short', code: 'too_short', detail: { field: 'options[1]', chars: 1, min: 2 } },
    { id: 'long', code: 'too_long', detail: { field: 'q', chars: 23, max: 10 } },
  ]);
  expect(counters.balanced()).toBe(true);
});
