import { expect, test } from 'vitest';
import { exportRun } from '../../../src/train/export/export-run.js';
import { PAIR, PLAIN, read, rows, TOOL, TOOL_TOOLS, WEIGHTED, writeRun } from './run-fixture.js';

const SYSTEM = { role: 'system', content: 'You are Fernwise.' };
const TOOLS_STRING = JSON.stringify([TOOL_TOOLS[0]]);

test('SFT: sharegpt turns with OpenAI tags, tool calls as function_call/observation, dataset_info and train_lora.yaml', async () => {
  const runDir = writeRun({ train: { plain: PLAIN, tool: TOOL }, validation: { val: PLAIN }, maxTokens: 3000 });
  const r = await exportRun({ runDir, target: 'llama-factory' });
  expect(r.files.map((f) => f.path)).toEqual(['data/train.jsonl', 'data/validation.jsonl', 'data/dataset_info.json', 'train_lora.yaml', 'export.json']);
  expect(rows(r.outDir, 'data', 'train.jsonl')).toEqual([
    { messages: [SYSTEM, { role: 'user', content: 'Water a snake plant?' }, { role: 'assistant', content: 'Every three weeks.' }], tools: '' },
    {
      messages: [
        SYSTEM,
        { role: 'user', content: 'And aloe?' },
        // FunctionFormatter reads {name, arguments} with arguments as an object.
        { role: 'function_call', content: '{"name":"schedule","arguments":{"species":"aloe"}}' },
        { role: 'observation', content: '{"days": 21}' },
        { role: 'assistant', content: 'Every 21 days.' },
      ],
      tools: TOOLS_STRING,
    },
  ]);
  expect(JSON.parse(read(r.outDir, 'data', 'dataset_info.json'))).toEqual({
    plants_train: { file_name: 'train.jsonl', formatting: 'sharegpt', columns: { messages: 'messages', tools: 'tools' }, tags: TAGS },
    plants_validation: { file_name: 'validation.jsonl', formatting: 'sharegpt', columns: { messages: 'messages', tools: 'tools' }, tags: TAGS },
  });
  expect(read(r.outDir, 'train_lora.yaml')).toBe(TRAIN_LORA);
});

test('weight 0: one row per trained assistant message, cut after it, with mask_history', async () => {
  const r = await exportRun({ runDir: writeRun({ train: { weighted: WEIGHTED } }), target: 'llama-factory' });
  expect(rows(r.outDir, 'data', 'train.jsonl')).toEqual([
    {
      messages: [
        SYSTEM,
        { role: 'user', content: 'Orchid outside?' },
        { role: 'assistant', content: 'Sure.' },
        { role: 'user', content: 'Sure?' },
        { role: 'assistant', content: 'Keep it indoors.' },
      ],
    },
  ]);
  const yaml = read(r.outDir, 'train_lora.yaml');
  expect(yaml).toContain('\ncutoff_len: 48\nmask_history: true\n');
  expect(yaml).not.toContain('eval_dataset');
});

test('DPO: ranking dataset with one chosen and one rejected assistant turn, stage dpo', async () => {
  const r = await exportRun({ runDir: writeRun({ train: { pair: PAIR } }), target: 'llama-factory', baseModel: 'mistralai/Mistral-7B-Instruct-v0.3' });
  expect(rows(r.outDir, 'data', 'train.jsonl')).toEqual([
    {
      messages: [SYSTEM, { role: 'user', content: 'Pothos toxic to dogs?' }],
      chosen: { role: 'assistant', content: 'Yes, keep it away.' },
      rejected: { role: 'assistant', content: 'No.' },
    },
  ]);
  expect(JSON.parse(read(r.outDir, 'data', 'dataset_info.json'))).toEqual({
    plants_train: { file_name: 'train.jsonl', formatting: 'sharegpt', ranking: true, columns: { messages: 'messages', chosen: 'chosen', rejected: 'rejected' }, tags: TAGS },
  });
  const yaml = read(r.outDir, 'train_lora.yaml');
  expect(yaml).toContain('\nstage: dpo\n');
  expect(yaml).toContain('\npref_beta: 0.1\npref_loss: sigmoid\n');
  // Another model needs its own template: an invalid name fails loudly instead of training with the wrong one.
  expect(yaml).toContain('\n# template: CHANGE_ME, set the LLaMA-Factory template of your base model (its README lists them).\n');
  expect(yaml).toContain('\ntemplate: CHANGE_ME\n');
});

test('what sharegpt cannot hold is refused with the examples named', async () => {
  const parallel = {
    messages: [
      { role: 'user', content: 'Both?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'a', type: 'function', function: { name: 'schedule', arguments: '{"species": "aloe"}' } },
          { id: 'b', type: 'function', function: { name: 'schedule', arguments: '{"species": "jade"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'a', content: '21' },
      { role: 'tool', tool_call_id: 'b', content: '14' },
      { role: 'assistant', content: 'Aloe 21, jade 14.' },
    ],
  };
  const lateSystem = { messages: [{ role: 'user', content: 'Hi' }, { role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi?' }, { role: 'assistant', content: 'Hi.' }] };
  const runDir = writeRun({ train: { plain: PLAIN, parallel, lateSystem } as never });
  await expect(exportRun({ runDir, target: 'llama-factory' })).rejects.toThrow(
    [
      `${runDir}: cannot export to llama-factory; nothing was written:`,
      '  parallel_tool_results: several tool results in a row (parallel tool calls): the sharegpt format has one observation turn between function calls and replies (1 example: parallel)',
      '  system_after_start: a system or developer message after the first message: LLaMA-Factory takes the system prompt from the first message only (1 example: lateSystem)',
    ].join('\n'),
  );
  // The same data goes to TRL unchanged.
  const trl = await exportRun({ runDir, target: 'trl' });
  expect(trl.splits['train']).toEqual({ examples: 3, rows: 3 });
});

test('messages after the last assistant are dropped with a warning; a test split is exported and described too', async () => {
  const trailing = { messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello.' }, { role: 'user', content: 'Thanks!' }] };
  const r = await exportRun({ runDir: writeRun({ train: { trailing, plain: PLAIN } as never, test: { held: PLAIN } }), target: 'llama-factory' });
  expect(rows(r.outDir, 'data', 'train.jsonl')[0]).toEqual({ messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello.' }] });
  expect(r.warnings.map((w) => [w.code, w.action, w.ids])).toEqual([['trailing_messages_dropped', 'warn', ['trailing']]]);
  expect(rows(r.outDir, 'data', 'test.jsonl')).toHaveLength(1);
  expect(Object.keys(JSON.parse(read(r.outDir, 'data', 'dataset_info.json')))).toEqual(['plants_train', 'plants_test']);
  // The test split is kept for evaluation later, never trained on.
  expect(read(r.outDir, 'train_lora.yaml')).not.toContain('plants_test');
});

const TAGS = {
  role_tag: 'role',
  content_tag: 'content',
  user_tag: 'user',
  assistant_tag: 'assistant',
  system_tag: 'system',
  function_tag: 'function_call',
  observation_tag: 'observation',
};

const TRAIN_LORA = `# LLaMA-Factory config for \`llamafactory-cli train train_lora.yaml\`, written by \`tuneset export\` from run run-1 of pipeline plants.
# Run it from this directory: every path below is relative to it.
#
# PLACEHOLDER base model: a small open chat model as a starting point.
# Replace it with the model you want to fine-tune (or export again with --base-model).
model_name_or_path: Qwen/Qwen3-0.6B

# Method: LoRA on every linear layer.
stage: sft
do_train: true
finetuning_type: lora
lora_rank: 16
lora_alpha: 32
lora_dropout: 0.05
lora_target: all

# Data: the datasets described in data/dataset_info.json.
# template: qwen3_nothink matches the placeholder model (no reasoning traces in OpenAI data).
# cutoff_len: longest example 196 tokens by Qwen/Qwen3-0.6B's tokenizer and chat template (qwen3), recounted at export (the run counted with o200k_base), plus 1 (the EOS a DPO trainer appends) rounded up to a multiple of 8.
dataset_dir: data
dataset: plants_train
eval_dataset: plants_validation
template: qwen3_nothink
cutoff_len: 200

# Output
output_dir: output
logging_steps: 10
plot_loss: true
report_to: none

# Epochs: the epochs declared with .train().
# Batch: OpenAI batch size 'auto' or unset; 8 accumulation steps of 1 example is a common start.
per_device_train_batch_size: 1
gradient_accumulation_steps: 8
learning_rate: 0.0001
num_train_epochs: 2
lr_scheduler_type: cosine
warmup_ratio: 0.1
bf16: true
per_device_eval_batch_size: 1
eval_strategy: epoch
`;

test('DPO: a preferred answer that calls a tool is a function_call turn, not an empty answer', async () => {
  const call = { id: 'c1', type: 'function', function: { name: 'schedule', arguments: '{"species": "aloe"}' } } as const;
  const pair = {
    input: { messages: [{ role: 'user', content: 'And aloe?' }], tools: [...TOOL_TOOLS] },
    preferred_output: [{ role: 'assistant', content: null, tool_calls: [call] }],
    non_preferred_output: [{ role: 'assistant', content: 'Every day.' }],
  };
  const r = await exportRun({ runDir: writeRun({ train: { pair } as never }), target: 'llama-factory' });
  // LLaMA-Factory's converter takes an assistant or function_call tag for chosen and rejected (converter.py, pairwise example).
  expect(rows(r.outDir, 'data', 'train.jsonl')).toEqual([
    {
      messages: [{ role: 'user', content: 'And aloe?' }],
      chosen: { role: 'function_call', content: '{"name":"schedule","arguments":{"species":"aloe"}}' },
      rejected: { role: 'assistant', content: 'Every day.' },
      tools: TOOLS_STRING,
    },
  ]);
  expect(r.warnings).toEqual([]);
});
