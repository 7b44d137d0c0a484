import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../src/pipeline/clock.js';
import type { Item } from '../../src/pipeline/item.js';
import { pipeline } from '../../src/pipeline/pipeline.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import type { ChatExample } from '../../src/stages/format/chat-example.js';
import { tokenCheck } from '../../src/stages/token-check/index.js';
import { memorySource } from '../helpers/memory-source.js';

const chat = (q: string, a: string): ChatExample => ({
  messages: [
    { role: 'user', content: q },
    { role: 'assistant', content: a },
  ],
});

type Planted = [id: string, split: string, label: string, question: string, answer: string];

const example = ([id, split, label, q, a]: Planted): Item<ChatExample> => ({ id, source: { uri: `memory://${id}` }, data: chat(q, a), meta: { split, label } });

/** Run A: six examples over two splits and two labels. */
export const RUN_A: Planted[] = [
  ['e1', 'train', 'x', 'What is one?', 'One is 1.'],
  ['e2', 'train', 'x', 'What is two?', 'Two is 2.'],
  ['e3', 'validation', 'y', 'What is three?', 'Three is 3.'],
  ['e4', 'train', 'y', 'What is four?', 'Four is 4.'],
  ['e5', 'train', 'x', 'What is five?', 'Five is 5.'],
  ['e6', 'validation', 'y', 'What is six?', 'Six is 6.'],
];

/** Run B: e2 and e3 changed, e4 removed, e5 moved to validation (same content), e7 added. */
export const RUN_B: Planted[] = [
  ['e1', 'train', 'x', 'What is one?', 'One is 1.'],
  ['e2', 'train', 'x', 'What is two?', 'Two is 2, the only even prime.'],
  ['e3', 'validation', 'y', 'What is three, exactly?', 'Three is 3.'],
  ['e5', 'validation', 'x', 'What is five?', 'Five is 5.'],
  ['e6', 'validation', 'y', 'What is six?', 'Six is 6.'],
  ['e7', 'train', 'z', 'What is seven?', 'Seven is 7.'],
];

/**
 * A finished run made by the real runner (token-check counts, gpt-4o-mini, 3 epochs) from planted
 * examples whose split and label are set in meta, so the test decides exactly what moves.
 */
export const makeRun = async (root: string, examples: Planted[], at: string, name = 'planted'): Promise<string> => {
  const p = pipeline(name, { model: 'gpt-4o-mini' })
    .from(memorySource(examples.map((e) => ({ children: [example(e)] }))))
    .pipe(tokenCheck())
    .train({ epochs: 3 });
  const { runDir } = await runPipeline(p, { outputRoot: root, clock: fixedClock(at) });
  return runDir;
};

export const tempRoot = () => mkdtempSync(join(tmpdir(), 'tuneset-runs-'));

/** Runs A (10:00) and B (11:00) of the pipeline "planted" under one output root. */
export const plantedRuns = async (root = tempRoot()) => ({
  root,
  a: await makeRun(root, RUN_A, '2026-11-23T10:00:00Z'),
  b: await makeRun(root, RUN_B, '2026-11-23T11:00:00Z'),
});
