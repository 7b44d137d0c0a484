import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get_encoding } from 'tiktoken';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../../src/pipeline/errors.js';
import type { ChatExample, TrainingExample } from '../../../src/stages/format/chat-example.js';
import { tiktokenFor } from '../../../src/tokenizers/tiktoken-encoder.js';
import { exampleCounter } from '../../../src/tokenizers/index.js';
import { measureExample } from '../../../src/stages/token-check/measure-example.js';
import { tokenCheck } from '../../../src/stages/token-check/token-check.js';
import { inlinePool } from '../../../src/pipeline/workers/inline-pool.js';
import type { WorkerPool } from '../../../src/pipeline/workers/pool.js';
import { item, runStage } from '../../helpers/run-stage.js';

const o200k = get_encoding('o200k_base');
const len = (s: string) => o200k.encode(s).length;

const SYSTEM = 'You are a helpful assistant.';
const qa = (q: string, a: string): ChatExample => ({
  messages: [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: q },
    { role: 'assistant', content: a },
  ],
});
const tokensOf = (q: string, a: string) => 3 + 1 + len(SYSTEM) + 3 + 1 + len(q) + 3 + 1 + len(a) + 3;

afterEach(() => vi.restoreAllMocks());

describe('tokenCheck stage', () => {
  it('sets meta.tokens and meta.assistantTokens on every kept item', async () => {
    const run = await runStage(tokenCheck(), [item('a', qa('Hello!', 'Hi! How can I help?'), { meta: { label: 'x' } }), item('b', qa('2+2?', '4'))]);
    expect(run.out.map((o) => o.meta)).toEqual([
      { label: 'x', tokens: 30, assistantTokens: 7 },
      { tokens: tokensOf('2+2?', '4'), assistantTokens: len('4') },
    ]);
    expect(run.drops).toEqual([]);
    expect(run.counters.balanced()).toBe(true);
  });

  it('counts what the cache does not know through ctx.workers, one task per batch, and reuses the cache on the next run', async () => {
    const asked: { task: string; questions: string[] }[] = [];
    const pool = inlinePool();
    const spy: WorkerPool = { ...pool, run: (task, input) => (asked.push({ task: task.name, questions: (input as { examples: ChatExample[] }).examples.map((e) => e.messages[1]!.content as string) }), pool.run(task, input)) };
    const cacheDir = mkdtempSync(join(tmpdir(), 'tuneset-token-pool-'));
    const first = await runStage(tokenCheck(), [item('a', qa('q1', 'a1')), item('b', qa('q2', 'a2'))], { workers: spy, cacheDir });
    expect(asked).toEqual([{ task: 'countExamples', questions: ['q1', 'q2'] }]);
    const again = await runStage(tokenCheck(), [item('a', qa('q1', 'a1')), item('c', qa('q3', 'a3'))], { workers: spy, cacheDir });
    expect(asked.slice(1)).toEqual([{ task: 'countExamples', questions: ['q3'] }]);
    expect([...first.out, ...again.out].map((o) => o.meta['tokens'])).toEqual([tokensOf('q1', 'a1'), tokensOf('q2', 'a2'), tokensOf('q1', 'a1'), tokensOf('q3', 'a3')]);
  });

  it("uses the pipeline model's encoding", async () => {
    const example = qa('お誕生日おめでとう', 'ありがとう');
    const o = await runStage(tokenCheck(), [item('a', example)], { pipeline: { model: 'gpt-4o-mini' } });
    const c = await runStage(tokenCheck(), [item('a', example)], { pipeline: { model: 'gpt-3.5-turbo-0125' } });
    expect(o.out[0]!.meta['tokens']).toBe(tokensOf('お誕生日おめでとう', 'ありがとう'));
    expect(c.out[0]!.meta['tokens']).not.toBe(o.out[0]!.meta['tokens']);
  });

  it("counts with the target model's own tokenizer and chat template: Qwen3 for local:Qwen/Qwen3-0.6B", async () => {
    const example = qa('Which option is correct? (A) red (B) blue', 'B');
    const run = await runStage(tokenCheck(), [item('a', example)], { pipeline: { provider: 'local', model: 'Qwen/Qwen3-0.6B' } });
    // Hugging Face's Rust tokenizers over transformers' rendering of the Qwen3 template gives 39.
    expect(run.out[0]!.meta).toEqual({ tokens: 39, assistantTokens: 1 });
    expect(exampleCounter('qwen3').countExample(example)).toEqual({ total: 39, assistant: 1 });
  });

  it("drops an example the target's chat template refuses, with the template's words; the run goes on", async () => {
    const twoCalls: ChatExample = {
      messages: [
        { role: 'user', content: 'Weather in Bern and Basel?' },
        {
          role: 'assistant',
          content: '',
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"city": "Bern"}' } },
            { id: 'c2', type: 'function', function: { name: 'weather', arguments: '{"city": "Basel"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: '7' },
        { role: 'tool', tool_call_id: 'c2', content: '9' },
        { role: 'assistant', content: 'Bern 7, Basel 9.' },
      ],
    };
    const pipeline = { provider: 'local', model: 'meta-llama/Llama-3.1-8B-Instruct' };
    const run = await runStage(tokenCheck(), [item('two-calls', twoCalls), item('fine', qa('x', 'y'))], { pipeline });
    expect(run.drops).toEqual([
      { id: 'two-calls', code: 'chat_template_error', detail: { message: 'This model only supports single tool-calls at once!' }, source: { uri: 'test://fixture', line: 1 } },
    ]);
    expect(run.out.map((o) => o.id)).toEqual(['fine']);
    expect(run.counters.balanced()).toBe(true);
    // Qwen3's template takes several calls in one message.
    const qwen = await runStage(tokenCheck(), [item('two-calls', twoCalls)], { pipeline: { provider: 'local', model: 'Qwen/Qwen3-0.6B' } });
    expect(qwen.drops).toEqual([]);
  });

  it('drops an example over the limit with its tokens and the limit', async () => {
    const long = 'word '.repeat(100);
    const run = await runStage(tokenCheck({ maxTokens: 50 }), [item('short', qa('Hi', 'Yo')), item('long', qa(long, 'ok'))]);
    expect(run.out.map((o) => o.id)).toEqual(['short']);
    expect(run.drops).toEqual([
      { id: 'long', code: 'over_token_limit', detail: { tokens: tokensOf(long, 'ok'), limit: 50 }, source: { uri: 'test://fixture', line: 1 } },
    ]);
    expect(run.counters.droppedByCode.get('over_token_limit')).toBe(1);
    expect(run.counters.balanced()).toBe(true);
  });

  it("uses the model's limit, overridable from the pipeline's models", async () => {
    const run = await runStage(tokenCheck(), [item('a', qa('Hello!', 'Hi! How can I help?'))], {
      pipeline: { model: 'gpt-4o-mini', models: { 'gpt-4o-mini': { tokenLimit: 29 } } },
    });
    expect(run.drops.map((d) => d.detail)).toEqual([{ tokens: 30, limit: 29 }]);
  });

  it("with overLimit 'flag' keeps the example and marks it", async () => {
    const run = await runStage(tokenCheck({ overLimit: 'flag', maxTokens: 29 }), [item('a', qa('Hello!', 'Hi! How can I help?')), item('b', qa('x', 'y'))]);
    expect(run.drops).toEqual([]);
    expect(run.out.map((o) => o.meta)).toEqual([
      { tokens: 30, assistantTokens: 7, overTokenLimit: true },
      { tokens: tokensOf('x', 'y'), assistantTokens: 1 },
    ]);
  });

  it('drops a record with a 200,000-character run without ever encoding it', async () => {
    const encode = vi.spyOn(tiktokenFor('o200k_base'), 'encode_ordinary');
    const hostile = qa(`Look: ${'='.repeat(200_000)}`, 'ok');
    // Words no other test counts: the counter's string cache lives as long as its thread, so these must reach the encoder.
    const fine = qa('Hostile-record neighbour, counted for real?', 'Counted for real.');
    const run = await runStage(tokenCheck(), [item('hostile', hostile), item('fine', fine)]);
    expect(run.drops).toEqual([
      {
        id: 'hostile',
        code: 'unbroken_run_too_long',
        detail: { longestRun: 200_000, threshold: 8192, equivalentRun: 200_000 },
        source: { uri: 'test://fixture', line: 1 },
      },
    ]);
    expect(run.out.map((o) => [o.id, o.meta['tokens']])).toEqual([['fine', tokensOf('Hostile-record neighbour, counted for real?', 'Counted for real.')]]);
    // The encoder saw only the other record's strings.
    expect(encode).toHaveBeenCalled();
    expect(Math.max(...encode.mock.calls.map(([s]) => s.length))).toBeLessThan(100);
    expect(run.counters.balanced()).toBe(true);
  });

  it('measureExample checks before it counts: the counter is never called for a hostile record', () => {
    const counter = { texts: exampleCounter('qwen3').texts, countExample: vi.fn(() => ({ total: 7, assistant: 1 })) };
    const hostile: TrainingExample = { input: qa('a'.repeat(200_000), ''), preferred_output: [], non_preferred_output: [] };
    expect(measureExample(hostile, counter)).toMatchObject({ code: 'unbroken_run_too_long' });
    expect(counter.countExample).not.toHaveBeenCalled();
    expect(measureExample(qa('a', 'b'), counter)).toEqual({ total: 7, assistant: 1 });
    expect(counter.countExample).toHaveBeenCalledTimes(1);
  });

  it('fails with the unknown model named', async () => {
    await expect(runStage(tokenCheck(), [item('a', qa('x', 'y'))], { pipeline: { model: 'gpt-9' } })).rejects.toThrow(/unknown model "gpt-9"/);
    await expect(runStage(tokenCheck(), [item('a', qa('x', 'y'))], { pipeline: { model: 'gpt-9' } })).rejects.toBeInstanceOf(ConfigError);
  });

  it('rejects bad options when the pipeline is declared', () => {
    expect(() => tokenCheck({ maxTokens: 0 })).toThrow(expect.objectContaining({ message: 'stage "token-check": option maxTokens: expected a number greater than 0, got 0' }));
    expect(() => tokenCheck({ overLimit: 'truncate' as 'drop' })).toThrow(/overLimit/);
    expect(tokenCheck().options).toEqual({ overLimit: 'drop' });
  });
});

describe('tokenCheck afterWrite report', () => {
  const metaLine = (id: string, split: string, tokens: number) =>
    JSON.stringify({ id, split, group: id, source: { uri: 'test://fixture' }, meta: { tokens, assistantTokens: 1 } });

  const writeRun = (lines: string[]) => {
    const runDir = mkdtempSync(join(tmpdir(), 'tuneset-token-report-'));
    writeFileSync(join(runDir, 'meta.jsonl'), `${lines.join('\n')}\n`);
    return runDir;
  };

  it('reports tokens per split, epochs and the training cost', async () => {
    const runDir = writeRun([
      metaLine('t1', 'train', 100),
      metaLine('v1', 'validation', 50),
      metaLine('t2', 'train', 300),
      metaLine('t3', 'train', 200),
      metaLine('v2', 'validation', 70),
    ]);
    const stage = tokenCheck();
    const { ctx } = await runStage(stage, [], { pipeline: { model: 'gpt-4o-mini', train: { epochs: 'auto' } } });
    const report = await stage.afterWrite!({ runDir, meta: join(runDir, 'meta.jsonl'), splits: {} }, ctx);
    // 3 training examples: 'auto' resolves to min(25, ⌊100/3⌋) = 25 epochs; 600 × 25 = 15,000 tokens at $3/1M.
    expect(report).toEqual({
      model: 'gpt-4o-mini-2024-07-18',
      tokenizer: 'o200k_base',
      tokenLimit: 65_536,
      modelTokenLimit: 65_536,
      overLimit: 'drop',
      epochs: { requested: 'auto', resolved: 25 },
      trainingPricePerMTokens: 3,
      shutdownDate: '2027-01-14',
      newJobsEndDate: '2027-01-06',
      splits: {
        train: { examples: 3, overLimit: 0, tokens: { total: 600, min: 100, median: 200, p95: 300, max: 300 } },
        validation: { examples: 2, overLimit: 0, tokens: { total: 120, min: 50, median: 50, p95: 70, max: 70 } },
      },
      billedTokens: 15_000,
      estimatedCostUsd: 0.045,
    });
  });

  it('counts flagged examples per split and caps billing at the model limit', async () => {
    const runDir = writeRun([metaLine('t1', 'train', 20_000), metaLine('t2', 'train', 70_000), metaLine('x1', 'test', 10)]);
    const stage = tokenCheck({ overLimit: 'flag', maxTokens: 16_000 });
    const { ctx } = await runStage(stage, [], { pipeline: { model: 'gpt-4.1-2025-04-14', train: { epochs: 2 } } });
    const report = (await stage.afterWrite!({ runDir, meta: join(runDir, 'meta.jsonl'), splits: {} }, ctx)) as Record<string, unknown>;
    expect(report['tokenLimit']).toBe(16_000);
    expect(report['overLimit']).toBe('flag');
    expect(report['splits']).toEqual({
      train: { examples: 2, overLimit: 2, tokens: { total: 90_000, min: 20_000, median: 20_000, p95: 70_000, max: 70_000 } },
      test: { examples: 1, overLimit: 0, tokens: { total: 10, min: 10, median: 10, p95: 10, max: 10 } },
    });
    // (20,000 + min(65,536, 70,000)) × 2 epochs = 171,072 tokens at $25/1M = $4.2768
    expect(report['billedTokens']).toBe(171_072);
    expect(report['estimatedCostUsd']).toBe(4.2768);
  });

  it('reports records without a token count instead of guessing', async () => {
    const runDir = writeRun([metaLine('t1', 'train', 10), JSON.stringify({ id: 't2', split: 'train', meta: {} })]);
    const stage = tokenCheck();
    const { ctx } = await runStage(stage, [], {});
    const report = (await stage.afterWrite!({ runDir, meta: join(runDir, 'meta.jsonl'), splits: {} }, ctx)) as Record<string, unknown>;
    expect(report['uncounted']).toBe(1);
    expect((report['splits'] as Record<string, { examples: number }>)['train']!.examples).toBe(1);
  });
});
