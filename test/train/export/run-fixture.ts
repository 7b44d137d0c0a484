import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { TrainingExample } from '../../../src/stages/format/chat-example.js';

export interface FixtureRun {
  train: Record<string, TrainingExample>;
  validation?: Record<string, TrainingExample>;
  test?: Record<string, TrainingExample>;
  train_settings?: Record<string, unknown>;
  /** Longest example by OpenAI's tokenizer, as token-check reports it. */
  maxTokens?: number;
}

const made: string[] = [];
// Each test file loads this module afresh, so the hook removes that file's directories.
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-export-'));
  made.push(dir);
  return dir;
};

/** A hand-written run directory: split files, meta.jsonl with the ids, and a manifest listing them. */
export const writeRun = (run: FixtureRun, dir = join(tempDir(), 'run')): string => {
  mkdirSync(dir, { recursive: true });
  const files: Record<string, { sha256: string; bytes: number; lines: number }> = {};
  const meta: string[] = [];
  for (const [split, examples] of Object.entries({ train: run.train, validation: run.validation, test: run.test })) {
    if (!examples) continue;
    const entries = Object.entries(examples);
    writeFileSync(join(dir, `${split}.jsonl`), entries.map(([, e]) => `${JSON.stringify(e)}\n`).join(''));
    files[`${split}.jsonl`] = { sha256: 'x', bytes: 0, lines: entries.length };
    for (const [id] of entries) meta.push(JSON.stringify({ id, split }));
  }
  writeFileSync(join(dir, 'meta.jsonl'), `${meta.join('\n')}\n`);
  const tokens = run.maxTokens === undefined ? {} : {
    'token-check': {
      epochs: { requested: 'auto', resolved: 4 },
      splits: { train: { examples: 1, tokens: { total: 1, min: 1, median: 1, p95: 1, max: run.maxTokens } } },
      billedTokens: 1,
    },
  };
  const manifest = {
    tuneset: '0.1.0',
    pipeline: 'plants',
    runId: 'run-1',
    model: 'gpt-4o-mini-2024-07-18',
    train: run.train_settings ?? { epochs: 2 },
    params: {},
    configHash: 'c0ffee',
    startedAt: '2026-11-23T12:00:00.000Z',
    versions: {},
    inputs: [],
    stages: [],
    reports: tokens,
    files,
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
};

export const read = (...parts: string[]): string => readFileSync(join(...parts), 'utf8');

/** A JSONL file's rows, parsed. */
export const rows = (...parts: string[]): unknown[] =>
  read(...parts)
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);

const SYSTEM = { role: 'system', content: 'You are Fernwise.' } as const;

/** The examples most tests share: a plain exchange and a tool call. */
export const PLAIN: TrainingExample = {
  messages: [SYSTEM, { role: 'user', content: 'Water a snake plant?' }, { role: 'assistant', content: 'Every three weeks.' }],
};

export const TOOL_TOOLS = [
  { type: 'function', function: { name: 'schedule', description: 'Watering interval.', parameters: { type: 'object', properties: { species: { type: 'string' } } } } },
] as const;

export const TOOL: TrainingExample = {
  messages: [
    SYSTEM,
    { role: 'user', content: 'And aloe?' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'schedule', arguments: '{"species": "aloe"}' } }] },
    { role: 'tool', tool_call_id: 'c1', content: '{"days": 21}' },
    { role: 'assistant', content: 'Every 21 days.' },
  ],
  tools: [...TOOL_TOOLS],
};

/** Two assistant turns, the first one weighted 0 (a wrong answer kept as context). */
export const WEIGHTED: TrainingExample = {
  messages: [
    SYSTEM,
    { role: 'user', content: 'Orchid outside?' },
    { role: 'assistant', content: 'Sure.', weight: 0 },
    { role: 'user', content: 'Sure?' },
    { role: 'assistant', content: 'Keep it indoors.', weight: 1 },
  ],
};

export const PAIR: TrainingExample = {
  input: { messages: [SYSTEM, { role: 'user', content: 'Pothos toxic to dogs?' }] },
  preferred_output: [{ role: 'assistant', content: 'Yes, keep it away.' }],
  non_preferred_output: [{ role: 'assistant', content: 'No.' }],
};
