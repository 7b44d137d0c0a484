import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { exportRun } from '../../../src/train/export/export-run.js';
import { PAIR, PLAIN, read, rows, TOOL, TOOL_TOOLS, WEIGHTED, writeRun } from './run-fixture.js';

const SYSTEM = { role: 'system', content: 'You are Fernwise.' };

test('SFT with weights: OpenAI messages with a per-message train flag, and axolotl.yaml', async () => {
  const runDir = writeRun({ train: { weighted: WEIGHTED, tool: TOOL }, validation: { val: PLAIN }, maxTokens: 300 });
  const r = await exportRun({ runDir, target: 'axolotl' });
  expect(rows(r.outDir, 'data', 'train.jsonl')).toEqual([
    {
      messages: [
        SYSTEM,
        { role: 'user', content: 'Orchid outside?' },
        { role: 'assistant', content: 'Sure.', train: false },
        { role: 'user', content: 'Sure?' },
        { role: 'assistant', content: 'Keep it indoors.', train: true },
      ],
    },
    // Tool calls pass through with their JSON-string arguments (axolotl parses them); tools stay a list.
    {
      messages: [
        SYSTEM,
        { role: 'user', content: 'And aloe?' },
        { role: 'assistant', content: '', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'schedule', arguments: '{"species": "aloe"}' } }] },
        { role: 'tool', content: '{"days": 21}', tool_call_id: 'c1' },
        { role: 'assistant', content: 'Every 21 days.' },
      ],
      tools: [TOOL_TOOLS[0]],
    },
  ]);
  expect(read(r.outDir, 'axolotl.yaml')).toBe(AXOLOTL_YAML);
  expect(r.notes).toEqual(['assistant message weights were written as the per-message "train" field (message_field_training: train).']);
});

test('DPO: chat_template.default rows with single chosen and rejected messages, rl: dpo', async () => {
  const r = await exportRun({ runDir: writeRun({ train: { pair: PAIR } }), target: 'axolotl' });
  expect(rows(r.outDir, 'data', 'train.jsonl')).toEqual([
    {
      messages: [SYSTEM, { role: 'user', content: 'Pothos toxic to dogs?' }],
      chosen: { role: 'assistant', content: 'Yes, keep it away.' },
      rejected: { role: 'assistant', content: 'No.' },
    },
  ]);
  const yaml = read(r.outDir, 'axolotl.yaml');
  expect(yaml).toContain(
    [
      'rl: dpo',
      'dpo_beta: 0.1',
      'chat_template: tokenizer_default',
      'datasets:',
      '  - path: data/train.jsonl',
      '    ds_type: json',
      '    split: train',
      '    type: chat_template.default',
      '    field_messages: messages',
      '    field_chosen: chosen',
      '    field_rejected: rejected',
      '    message_property_mappings:',
      '      role: role',
      '      content: content',
      '    roles:',
      '      user: ["user"]',
      '      assistant: ["assistant"]',
      '      system: ["system"]',
      'dataset_prepared_path: last_run_prepared',
    ].join('\n'),
  );
});

test('DPO with tools is refused: axolotl has no tools field for preference data', async () => {
  const runDir = writeRun({ train: { pair: PAIR, tooled: { ...PAIR, input: { ...(PAIR as { input: object }).input, tools: (TOOL as { tools: unknown }).tools } } } as never });
  await expect(exportRun({ runDir, target: 'axolotl' })).rejects.toThrow(
    `${runDir}: cannot export to axolotl; nothing was written:\n` +
      "  dpo_tools: tools or tool calls in a DPO input: axolotl's chat_template.default DPO format has no tools field (1 example: tooled)",
  );
  expect(existsSync(join(runDir, 'export'))).toBe(false);
});

const AXOLOTL_YAML = `# axolotl config for \`axolotl train axolotl.yaml\`, written by \`tuneset export\` from run run-1 of pipeline plants.
# Run it from this directory: every path below is relative to it.
#
# PLACEHOLDER base model: a small open chat model as a starting point.
# Replace it with the model you want to fine-tune (or export again with --base-model).
base_model: Qwen/Qwen3-0.6B

# Data: OpenAI messages, rendered with the base model's own chat template.
# Assistant messages are trained; a message with "train": false (OpenAI weight 0) is not.
chat_template: tokenizer_default
datasets:
  - path: data/train.jsonl
    ds_type: json
    type: chat_template
    field_messages: messages
    message_property_mappings:
      role: role
      content: content
    roles_to_train: ["assistant"]
    train_on_eos: turn
    message_field_training: train
test_datasets:
  - path: data/validation.jsonl
    ds_type: json
    split: train
    type: chat_template
    field_messages: messages
    message_property_mappings:
      role: role
      content: content
    roles_to_train: ["assistant"]
    train_on_eos: turn
    message_field_training: train
dataset_prepared_path: last_run_prepared

# sequence_len: longest example 196 tokens by Qwen/Qwen3-0.6B's tokenizer and chat template (qwen3), recounted at export (the run counted with o200k_base), plus 1 (the EOS a DPO trainer appends) rounded up to a multiple of 8.
sequence_len: 200
sample_packing: false

# LoRA adapter on every linear layer.
adapter: lora
lora_r: 16
lora_alpha: 32
lora_dropout: 0.05
lora_target_linear: true

# Epochs: the epochs declared with .train().
# Batch: OpenAI batch size 'auto' or unset; 8 accumulation steps of 1 example is a common start.
num_epochs: 2
micro_batch_size: 1
gradient_accumulation_steps: 8
learning_rate: 0.0002
optimizer: adamw_torch_fused
lr_scheduler: cosine
bf16: auto
output_dir: output
`;
