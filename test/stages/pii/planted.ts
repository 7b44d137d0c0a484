import { readFileSync } from 'node:fs';
import { findPii } from '../../../src/stages/pii/find-pii.js';

export interface PlantedLine {
  kind: string;
  value?: string;
  text: string;
}

export const loadPlanted = (path = 'fixtures/pii/planted.jsonl'): PlantedLine[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as PlantedLine);

/**
 * Scores the detector on the fixture: a planted item is recalled when a span of the expected kind
 * covers the whole planted value; a lookalike line is a false positive when anything is found in it.
 */
export const score = (lines: readonly PlantedLine[]) => {
  const planted = lines.filter((l) => l.kind !== 'none');
  const lookalikes = lines.filter((l) => l.kind === 'none');
  const misses = planted.filter((l) => {
    const at = l.text.indexOf(l.value!);
    return !findPii(l.text).some((s) => s.kind === l.kind && s.start <= at && s.end >= at + l.value!.length);
  });
  const falsePositives = lookalikes.filter((l) => findPii(l.text).length > 0);
  return { planted: planted.length, lookalikes: lookalikes.length, recall: 1 - misses.length / planted.length, misses, falsePositives };
};
