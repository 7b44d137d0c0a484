import { describe, expect, it } from 'vitest';
import type { TrainingExample } from '../../../src/stages/format/chat-example.js';
import { chatTemplate, renderExample } from '../../../src/tokenizers/chat-template.js';
import { hfTokenizerFiles } from '../../../src/tokenizers/hf-files.js';
import { tokenizerSpec } from '../../../src/tokenizers/index.js';
import { exportRun } from '../../../src/train/export/export-run.js';
import type { ExportTarget } from '../../../src/train/export/types.js';
import { PLAIN, rows, TOOL, TOOL_TOOLS, WEIGHTED, writeRun } from './run-fixture.js';

/**
 * Every row an export writes must render with the base model's own chat template, as the trainer's
 * apply_chat_template does: Qwen3's template reads `message.content` of a tool-call turn as a string
 * (`'</think>' in message.content`), so a null there fails in transformers before training starts.
 */
type Render = (messages: unknown[], tools: unknown) => string;

const renderer = (id: 'qwen3' | 'llama3'): Render => {
  const spec = tokenizerSpec(id);
  if (spec.kind !== 'hf') throw new Error(`${id} is not a Hugging Face tokenizer`);
  const { config } = hfTokenizerFiles(spec.package);
  const template = chatTemplate(spec.template, config['chat_template'], spec.package);
  return (messages, tools) => {
    // TRL and LLaMA-Factory write tools as a JSON string (the trainer parses it), axolotl as a list.
    const list = typeof tools === 'string' ? (JSON.parse(tools) as unknown[]) : (tools as unknown[] | undefined);
    return renderExample(template, { messages: messages as Record<string, unknown>[], tools: list }, config);
  };
};

/** The conversations a trainer renders from one row, by layout. */
const conversations = (row: Record<string, unknown>): unknown[][] => {
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
  if ('chosen' in row) {
    const prompt = list(row['prompt'] ?? row['messages']);
    return [
      [...prompt, ...list(row['chosen'])],
      [...prompt, ...list(row['rejected'])],
    ];
  }
  if ('completion' in row) return [[...list(row['prompt']), ...list(row['completion'])]];
  return [list(row['messages'])];
};

/** A tool-call turn that is the last message (a DPO answer calling a tool) exercises Qwen3's `loop.last` branch. */
const TOOL_PAIR: TrainingExample = {
  input: { messages: [{ role: 'user', content: 'And aloe?' }], tools: [...TOOL_TOOLS] },
  preferred_output: [{ role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'schedule', arguments: '{"species": "aloe"}' } }] }],
  non_preferred_output: [{ role: 'assistant', content: 'Every day.' }],
} as TrainingExample;

// TOOL's tool-call turn is in the middle of the conversation; WEIGHTED makes TRL expand to prompt-completion rows.
const RUNS: { name: string; targets: ExportTarget[]; train: Record<string, TrainingExample> }[] = [
  { name: 'SFT with a tool call', targets: ['trl', 'axolotl'], train: { plain: PLAIN, tool: TOOL } },
  { name: 'SFT with a tool call, expanded by weight 0', targets: ['trl'], train: { weighted: WEIGHTED, tool: TOOL } },
  { name: 'DPO whose preferred answer is a tool call', targets: ['trl'], train: { pair: TOOL_PAIR } },
];

describe('every exported row renders with the base model chat template', () => {
  for (const tokenizer of ['qwen3', 'llama3'] as const) {
    for (const run of RUNS) {
      for (const target of run.targets) {
        it(`${target}, ${run.name}: ${tokenizer}`, async () => {
          const r = await exportRun({ runDir: writeRun({ train: run.train }), target, baseModel: 'Qwen/Qwen3-0.6B' });
          const render = renderer(tokenizer);
          const written = rows(r.outDir, 'data', 'train.jsonl') as Record<string, unknown>[];
          expect(written.length).toBeGreaterThan(0);
          let rendered = 0;
          for (const row of written) {
            for (const messages of conversations(row)) {
              const text = render(messages, row['tools']);
              // The tool call is printed as the template prints calls, so the turn was not silently emptied.
              if (JSON.stringify(messages).includes('tool_calls')) expect(text).toContain('"name": "schedule"');
              rendered++;
            }
          }
          expect(rendered).toBe(written.reduce((n, row) => n + conversations(row).length, 0));
        });
      }
    }
  }
});
