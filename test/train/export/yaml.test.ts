import { expect, test } from 'vitest';
import { renderYaml } from '../../../src/train/export/yaml.js';

test('scalars a YAML 1.1 reader could misread are quoted; numbers never use exponents', () => {
  expect(
    renderYaml([
      {
        comment: ['Title', ''],
        entries: { model: 'Qwen/Qwen3-0.6B', no: 'no', on: 'On', num: '3', spaced: 'a b', colon: 'a: b', empty: '', small: 0.000001, big: 2048, yes: true, nil: null },
      },
    ]),
  ).toBe(
    [
      '# Title',
      '#',
      'model: Qwen/Qwen3-0.6B',
      'no: "no"',
      'on: "On"',
      'num: "3"',
      'spaced: "a b"',
      'colon: "a: b"',
      'empty: ""',
      'small: 0.000001',
      'big: 2048',
      'yes: true',
      'nil: null',
      '',
    ].join('\n'),
  );
});

test('lists of maps are block lists, nested maps indent, scalar lists are flow lists; blocks are blank-line separated', () => {
  expect(
    renderYaml([
      { entries: { a: 1 } },
      { comment: ['Data'], entries: { datasets: [{ path: 'data/train.jsonl', mappings: { role: 'role' }, roles: ['assistant'] }, { path: 'x' }] } },
    ]),
  ).toBe(['a: 1', '', '# Data', 'datasets:', '  - path: data/train.jsonl', '    mappings:', '      role: role', '    roles: ["assistant"]', '  - path: x', ''].join('\n'));
});
