import { join } from 'node:path';
import { expect, test } from 'vitest';
import { exampleCounter } from '../../../src/tokenizers/index.js';
import { exportRun } from '../../../src/train/export/export-run.js';
import { PAIR, PLAIN, read, rows, TOOL, WEIGHTED, writeRun } from './run-fixture.js';

const jsonl = (...lines: unknown[]) => lines.map((l) => `${JSON.stringify(l)}\n`).join('');
const SYSTEM = { role: 'system', content: 'You are Fernwise.' };

test('SFT: conversational messages rows, tools as a JSON string, and the trl sft config', async () => {
  const runDir = writeRun({ train: { plain: PLAIN, tool: TOOL }, validation: { val: PLAIN }, maxTokens: 700 });
  const r = await exportRun({ runDir, target: 'trl' });
  expect(r.outDir).toBe(join(runDir, 'export', 'trl'));
  expect(r.files.map((f) => f.path)).toEqual(['data/train.jsonl', 'data/validation.jsonl', 'sft_config.yaml', 'export.json']);
  expect(read(r.outDir, 'data', 'train.jsonl')).toBe(
    jsonl(
      { messages: [SYSTEM, { role: 'user', content: 'Water a snake plant?' }, { role: 'assistant', content: 'Every three weeks.' }] },
      {
        messages: [
          SYSTEM,
          { role: 'user', content: 'And aloe?' },
          { role: 'assistant', content: '', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'schedule', arguments: '{"species": "aloe"}' } }] },
          { role: 'tool', content: '{"days": 21}', tool_call_id: 'c1' },
          { role: 'assistant', content: 'Every 21 days.' },
        ],
        tools: JSON.stringify((TOOL as { tools: unknown }).tools),
      },
    ),
  );
  expect(read(r.outDir, 'sft_config.yaml')).toBe(SFT_CONFIG);
  expect(r.warnings).toEqual([]);
  expect(r.notes).toEqual([]);
});

test('weight 0: every trained assistant message becomes a prompt-completion row', async () => {
  const runDir = writeRun({ train: { weighted: WEIGHTED, plain: PLAIN } });
  const r = await exportRun({ runDir, target: 'trl' });
  const [orchid, answer] = [{ role: 'user', content: 'Orchid outside?' }, { role: 'assistant', content: 'Sure.' }];
  expect(rows(r.outDir, 'data', 'train.jsonl')).toEqual([
    { prompt: [SYSTEM, orchid, answer, { role: 'user', content: 'Sure?' }], completion: [{ role: 'assistant', content: 'Keep it indoors.' }] },
    { prompt: [SYSTEM, { role: 'user', content: 'Water a snake plant?' }], completion: [{ role: 'assistant', content: 'Every three weeks.' }] },
  ]);
  expect(r.splits).toEqual({ train: { examples: 2, rows: 2 } });
  const config = read(r.outDir, 'sft_config.yaml');
  expect(config).toContain('\ncompletion_only_loss: true\n');
  expect(config).not.toContain('assistant_only_loss');
  expect(config).toContain('\neval_strategy: "no"\n');
  expect(r.notes).toHaveLength(1);
});

test('weight 0 on every assistant message: no row, and a warning naming the example', async () => {
  const silent = { messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello', weight: 0 }] };
  const r = await exportRun({ runDir: writeRun({ train: { silent, weighted: WEIGHTED } as never }), target: 'trl' });
  expect(r.splits['train']).toEqual({ examples: 2, rows: 1 });
  expect(r.warnings.map((w) => [w.code, w.ids])).toEqual([['no_trained_message', ['silent']]]);
});

test('DPO: conversational preference rows and the trl dpo config', async () => {
  const runDir = writeRun({ train: { pair: PAIR }, train_settings: { epochs: 'auto', batchSize: 4, seed: 7 }, maxTokens: 1500 });
  const r = await exportRun({ runDir, target: 'trl', baseModel: 'meta-llama/Llama-3.2-1B-Instruct' });
  expect(r.kind).toBe('dpo');
  expect(read(r.outDir, 'data', 'train.jsonl')).toBe(
    jsonl({
      prompt: [SYSTEM, { role: 'user', content: 'Pothos toxic to dogs?' }],
      chosen: [{ role: 'assistant', content: 'Yes, keep it away.' }],
      rejected: [{ role: 'assistant', content: 'No.' }],
    }),
  );
  expect(read(r.outDir, 'dpo_config.yaml')).toBe(DPO_CONFIG);
  expect(r.command).toBe('trl dpo --config dpo_config.yaml');
});

test('DPO: a prompt longer than TRL\'s old 512-token default is covered by max_prompt_length', async () => {
  // An AR-LSAT-sized example: 572 Qwen3 tokens, nearly all of them prompt, which TRL's old max_prompt_length 512 would cut.
  const rules = Array.from({ length: 22 }, (_, i) => `Rule ${i + 1}: the fern on shelf ${i + 1} is watered before the cactus on shelf ${i + 2}.`).join(' ');
  const long = { ...PAIR, input: { messages: [SYSTEM, { role: 'user', content: `${rules} Which shelf is watered last? (A) 1 (B) 23` }] } } as typeof PAIR;
  const total = exampleCounter('qwen3').countExample(long).total;
  expect(total).toBe(572);
  const r = await exportRun({ runDir: writeRun({ train: { long } }), target: 'trl', baseModel: 'Qwen/Qwen3-0.6B' });
  const config = read(r.outDir, 'dpo_config.yaml');
  expect(config).toContain('\nmax_length: 576\nmax_prompt_length: 576\nmax_completion_length: 576\n');
  // SFT has no prompt limit to set.
  const sft = await exportRun({ runDir: writeRun({ train: { plain: PLAIN } }), target: 'trl' });
  expect(read(sft.outDir, 'sft_config.yaml')).not.toMatch(/max_prompt_length|max_completion_length/);
});

const SFT_CONFIG = `# TRL config for \`trl sft --config sft_config.yaml\`, written by \`tuneset export\` from run run-1 of pipeline plants.
# Run it from this directory: every path below is relative to it.
#
# PLACEHOLDER base model: a small open chat model as a starting point.
# Replace it with the model you want to fine-tune (or export again with --base-model).
model_name_or_path: Qwen/Qwen3-0.6B

# Data: data/<split>.jsonl; the split name comes from the file name.
dataset_name: data
dataset_train_split: train
dataset_test_split: validation
eval_strategy: epoch

# Loss on assistant messages only, as OpenAI trains. Needs {% generation %} markers in the chat
# template; TRL adds them for known families such as Qwen3 (TRL docs, sft_trainer.md).
assistant_only_loss: true

# Epochs: the epochs declared with .train().
# max_length: longest example 196 tokens by Qwen/Qwen3-0.6B's tokenizer and chat template (qwen3), recounted at export (the run counted with o200k_base), plus 1 (the EOS a DPO trainer appends) rounded up to a multiple of 8.
# Batch: OpenAI batch size 'auto' or unset; 8 accumulation steps of 1 example is a common start.
num_train_epochs: 2
max_length: 200
per_device_train_batch_size: 1
gradient_accumulation_steps: 8
learning_rate: 0.0002
output_dir: output
report_to: none

# LoRA adapter (peft), with the defaults of TRL ModelConfig.
use_peft: true
lora_r: 16
lora_alpha: 32
lora_dropout: 0.05
lora_target_modules: all-linear
`;

const DPO_CONFIG = `# TRL config for \`trl dpo --config dpo_config.yaml\`, written by \`tuneset export\` from run run-1 of pipeline plants.
# Run it from this directory: every path below is relative to it.
#
# Base model given with --base-model.
model_name_or_path: meta-llama/Llama-3.2-1B-Instruct

# Data: data/<split>.jsonl; the split name comes from the file name.
dataset_name: data
dataset_train_split: train
eval_strategy: "no"

# DPO: beta is the strength of the pull towards the reference model (TRL default 0.1).
beta: 0.1

# Epochs: 'auto' epochs as OpenAI would resolve them for this run.
# max_length: longest example 54 tokens by meta-llama/Llama-3.2-1B-Instruct's tokenizer and chat template (llama3), recounted at export (the run counted with o200k_base), plus 1 (the EOS a DPO trainer appends) rounded up to a multiple of 8.
# max_prompt_length, max_completion_length: max_length, which no prompt or completion exceeds. TRL before 0.29 cuts prompts
# to 512 tokens by default; TRL 0.29 and later dropped both settings and ignores them here.
# Batch: OpenAI batch size 4 = 1 example per device times 4 accumulation steps.
num_train_epochs: 4
max_length: 56
max_prompt_length: 56
max_completion_length: 56
per_device_train_batch_size: 1
gradient_accumulation_steps: 4
learning_rate: 0.000005
seed: 7
output_dir: output
report_to: none

# LoRA adapter (peft), with the defaults of TRL ModelConfig.
use_peft: true
lora_r: 16
lora_alpha: 32
lora_dropout: 0.05
lora_target_modules: all-linear
`;
