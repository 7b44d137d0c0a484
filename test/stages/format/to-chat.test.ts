import { expect, test } from 'vitest';
import { letteredOptions } from '../../../src/stages/format/lettered-options.js';
import { toChat } from '../../../src/stages/format/to-chat.js';
import { item, runStage } from '../../helpers/run-stage.js';

interface Q {
  question: string;
  options: string[];
  answer: string;
}

const template = toChat<Q>({ system: 'Answer with a letter.', user: (q) => `${q.question}\n${letteredOptions(q.options)}`, assistant: (q) => q.answer });

test('maps an item to system, user and assistant messages, keeping id, group and meta', async () => {
  const { out } = await runStage(template, [item('q1', { question: 'Which?', options: ['x', 'y', 'z', 'w'], answer: 'D' }, { group: 'p', meta: { answer: 'D' } })]);
  expect(out[0]).toMatchObject({
    id: 'q1',
    group: 'p',
    meta: { answer: 'D' },
    data: {
      messages: [
        { role: 'system', content: 'Answer with a letter.' },
        { role: 'user', content: 'Which?\nA. x\nB. y\nC. z\nD. w' },
        { role: 'assistant', content: 'D' },
      ],
    },
  });
});

test('an empty turn is dropped as empty_message naming the role', async () => {
  const { drops } = await runStage(template, [item('q2', { question: 'Which?', options: ['x'], answer: ' ' })]);
  expect(drops.map((d) => [d.id, d.code, d.detail])).toEqual([['q2', 'empty_message', { role: 'assistant' }]]);
});

test('letters follow the number of options', () => {
  expect(letteredOptions(['a', 'b', 'c', 'd', 'e'])).toBe('A. a\nB. b\nC. c\nD. d\nE. e');
});

test('a system function gives each record its own system prompt; undefined leaves it out, blank text is dropped', async () => {
  const perRecord = toChat<{ q: string; a: string; system?: string }>({ system: (r) => r.system, user: (r) => r.q, assistant: (r) => r.a });
  const { out, drops } = await runStage(perRecord, [
    item('own', { q: 'Q1', a: 'A1', system: 'You bill.' }),
    item('none', { q: 'Q2', a: 'A2' }),
    item('blank', { q: 'Q3', a: 'A3', system: '  ' }),
  ]);
  expect(out.map((o) => [o.id, o.data.messages.map((m) => `${m.role}:${String(m.content)}`)])).toEqual([
    ['own', ['system:You bill.', 'user:Q1', 'assistant:A1']],
    ['none', ['user:Q2', 'assistant:A2']],
  ]);
  expect(drops.map((d) => [d.id, d.code, d.detail])).toEqual([['blank', 'empty_message', { role: 'system' }]]);
});
