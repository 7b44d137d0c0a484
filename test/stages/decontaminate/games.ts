import { readFileSync } from 'node:fs';
import type { ArLsatQuestion } from '../../../src/stages/import/index.js';

/** The fixture games as AR-LSAT training items, the shape `importArLsat` yields. */
export const fixture = (name: string): string => new URL(`../../../fixtures/decontaminate/${name}`, import.meta.url).pathname;

interface Game {
  id: string;
  passage: string;
  questions: { id: string; question: string; options: string[]; answer: string }[];
}

const games = JSON.parse(readFileSync(fixture('eval-ar-lsat.json'), 'utf8')) as Game[];

export const question = (id: string): ArLsatQuestion => {
  for (const g of games) {
    const q = g.questions.find((x) => x.id === id);
    if (q) return { passageId: g.id, passage: g.passage, question: q.question, options: [...q.options], answer: q.answer };
  }
  throw new Error(`no fixture question ${id}`);
};

const LETTERS = 'ABCDE';

/** Options in a new order, the answer letter following its option. */
export const reorder = (q: ArLsatQuestion, order: number[]): ArLsatQuestion => ({
  ...q,
  options: order.map((k) => q.options[k]!),
  answer: LETTERS[order.indexOf(LETTERS.indexOf(q.answer))]!,
});

/** The passage broken into lines of about `width` characters, indented, as a pasted copy might be. */
export const rewrap = (text: string, width: number): string =>
  text.split(' ').reduce<string[]>((lines, word) => {
    const last = lines.at(-1);
    if (last !== undefined && last.length + word.length < width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
    return lines;
  }, []).map((l) => `   ${l}`).join('\n');
