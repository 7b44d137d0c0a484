import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/pipeline/manifest.js';
import type { TrainingExample } from '../../../src/stages/format/chat-example.js';
import { baseModelTokenizer, exportSettings } from '../../../src/train/export/settings.js';
import { tempDir } from './run-fixture.js';

const EOS_NOTE = 'plus 1 (the EOS a DPO trainer appends) rounded up to a multiple of 8';

/** A manifest whose token-check report counted with `tokenizer` and found `max` as the longest example. */
const manifest = (o: { provider?: string; model: string; tokenizer?: string; encoding?: string; max?: number }): Manifest =>
  ({
    tuneset: '0.1.0',
    pipeline: 'plants',
    runId: 'run-1',
    ...(o.provider ? { provider: o.provider } : {}),
    model: o.model,
    train: { epochs: 2 },
    params: {},
    configHash: 'c0ffee',
    startedAt: '2026-12-02T12:00:00.000Z',
    versions: {},
    inputs: [],
    stages: [],
    reports:
      o.max === undefined
        ? {}
        : {
            'token-check': {
              model: o.model,
              ...(o.tokenizer ? { tokenizer: o.tokenizer } : {}),
              ...(o.encoding ? { encoding: o.encoding } : {}),
              epochs: { requested: 2, resolved: 2 },
              splits: { train: { examples: 2, tokens: { total: 1, min: 1, median: 1, p95: 1, max: o.max } } },
              billedTokens: 1,
            },
          },
    files: {},
  }) as unknown as Manifest;

// Our own examples; their counts are the reference's (HF tokenizers over the transformers render).
const SHORT: TrainingExample = { messages: [{ role: 'system', content: 'You answer with one letter.' }, { role: 'user', content: 'Which option is correct? (A) red (B) blue' }, { role: 'assistant', content: 'B' }] };
const splitFile = (...examples: TrainingExample[]): string => {
  const path = join(tempDir(), 'train.jsonl');
  writeFileSync(path, examples.map((e) => `${JSON.stringify(e)}\n`).join(''));
  return path;
};

describe('export length settings cover the longest example in the base model tokens', () => {
  it("a run counted with the base model's tokenizer: its longest count, exact (the files are not read)", async () => {
    const s = await exportSettings(manifest({ provider: 'local', model: 'Qwen/Qwen3-0.6B', tokenizer: 'qwen3', max: 593 }), undefined, ['/nonexistent/train.jsonl']);
    expect(s.sequenceLength).toBe(600);
    expect(s.sequenceSource).toBe(`longest example 593 tokens by Qwen/Qwen3-0.6B's tokenizer and chat template (qwen3), as the run counted them, ${EOS_NOTE}`);
  });

  it('one more token than a multiple of 8 still fits the EOS a DPO trainer appends', async () => {
    const s = await exportSettings(manifest({ provider: 'local', model: 'Qwen/Qwen3-0.6B', tokenizer: 'qwen3', max: 592 }), undefined);
    expect(s.sequenceLength).toBe(600);
  });

  it("a run counted with OpenAI's tokenizer: the split files are recounted with the base model's", async () => {
    const file = splitFile(SHORT, SHORT);
    const qwen = await exportSettings(manifest({ model: 'gpt-4o-mini-2024-07-18', tokenizer: 'o200k_base', max: 35 }), undefined, [file]);
    // 39 Qwen3 tokens (the reference's count of SHORT).
    expect(qwen.sequenceLength).toBe(40);
    expect(qwen.sequenceSource).toBe(
      `longest example 39 tokens by Qwen/Qwen3-0.6B's tokenizer and chat template (qwen3), recounted at export (the run counted with o200k_base), ${EOS_NOTE}`,
    );
    const llama = await exportSettings(manifest({ model: 'gpt-4o-mini-2024-07-18', tokenizer: 'o200k_base', max: 35 }), 'meta-llama/Llama-3.1-8B-Instruct', [file]);
    // 56 Llama 3.1 tokens: BOS and the knowledge-date system header.
    expect(llama.sequenceLength).toBe(64);
    expect(llama.sequenceSource).toMatch(/^longest example 56 tokens by meta-llama\/Llama-3.1-8B-Instruct's tokenizer and chat template \(llama3\), recounted at export/);
  });

  it('a run made before tokenizers had ids (encoding in its report) is recounted too', async () => {
    // A model the pipeline added under `models` (the manifest does not keep it): only the report names its encoding.
    const s = await exportSettings(manifest({ model: 'house-model-2026', encoding: 'o200k_base', max: 35 }), undefined, [splitFile(SHORT)]);
    expect([s.sequenceLength, s.sequenceSource]).toEqual([40, expect.stringContaining('recounted at export (the run counted with o200k_base)')]);
  });

  it('a base model no table knows keeps the power-of-two headroom and says so', async () => {
    const s = await exportSettings(manifest({ model: 'gpt-4o-mini-2024-07-18', tokenizer: 'o200k_base', max: 700 }), 'acme/parrot-7b', [splitFile(SHORT)]);
    expect(s.sequenceLength).toBe(1024);
    expect(s.sequenceSource).toBe(
      "longest example 700 tokens by the run's tokenizer (o200k_base), rounded up to a power of two as headroom: tuneset ships no tokenizer for acme/parrot-7b, so check it",
    );
  });

  it('no counts and no tokenizer for the base model: the fallback', async () => {
    const s = await exportSettings(manifest({ model: 'gpt-4o-mini-2024-07-18' }), 'acme/parrot-7b', []);
    expect([s.sequenceLength, s.sequenceSource]).toEqual([2048, 'no token counts in the manifest']);
  });

  it("finds a base model's tokenizer in any provider's table, whatever the case of the id", () => {
    expect(baseModelTokenizer('Qwen/Qwen3-0.6B')).toBe('qwen3');
    expect(baseModelTokenizer('qwen/qwen3-0.6b')).toBe('qwen3');
    expect(baseModelTokenizer('meta-llama/Llama-3.1-8B-Instruct')).toBe('llama3');
    expect(baseModelTokenizer('openai/gpt-oss-20b')).toBe('gpt-oss');
    expect(baseModelTokenizer('acme/parrot-7b')).toBeUndefined();
  });
});
