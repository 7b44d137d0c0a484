import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportRun } from '../../../src/train/export/export-run.js';
import { PLAIN, read, writeRun } from './run-fixture.js';

/** A run built for `provider:model` (the manifest records both, as `tuneset run --target` writes them). */
const runFor = (provider: string | undefined, model: string): string => {
  const dir = writeRun({ train: { plain: PLAIN } });
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, `${JSON.stringify({ ...manifest, ...(provider ? { provider } : {}), model }, null, 2)}\n`);
  return dir;
};

const TARGET_NOTE = (target: string) => `# Base model: the one the run was built for (target ${target}); export with --base-model to choose another.\n`;
const PLACEHOLDER_NOTE = '# PLACEHOLDER base model: a small open chat model as a starting point.\n';

describe('without --base-model, exports train the model the run was built for', () => {
  it('a local target: its Hugging Face id, in every trainer config', async () => {
    const runDir = runFor('local', 'Qwen/Qwen3-1.7B');
    const trl = await exportRun({ runDir, target: 'trl' });
    const sft = read(trl.outDir, 'sft_config.yaml');
    expect(sft).toContain(`${TARGET_NOTE('local:Qwen/Qwen3-1.7B')}model_name_or_path: Qwen/Qwen3-1.7B\n`);
    expect(sft).not.toContain('PLACEHOLDER');
    const axolotl = await exportRun({ runDir, target: 'axolotl' });
    expect(read(axolotl.outDir, 'axolotl.yaml')).toContain(`${TARGET_NOTE('local:Qwen/Qwen3-1.7B')}base_model: Qwen/Qwen3-1.7B\n`);
    const lf = await exportRun({ runDir, target: 'llama-factory' });
    expect(read(lf.outDir, 'train_lora.yaml')).toContain(`${TARGET_NOTE('local:Qwen/Qwen3-1.7B')}model_name_or_path: Qwen/Qwen3-1.7B\n`);
  });

  it("a provider's open model: the row's baseModel (together:Qwen/Qwen3-8B -> Qwen/Qwen3-8B)", async () => {
    const r = await exportRun({ runDir: runFor('together', 'Qwen/Qwen3-8B'), target: 'trl' });
    expect(read(r.outDir, 'sft_config.yaml')).toContain(`${TARGET_NOTE('together:Qwen/Qwen3-8B')}model_name_or_path: Qwen/Qwen3-8B\n`);
  });

  it('an OpenAI target (or a run from before targets) keeps the marked placeholder', async () => {
    for (const provider of ['openai', undefined]) {
      const r = await exportRun({ runDir: runFor(provider, 'gpt-4o-mini-2024-07-18'), target: 'trl' });
      expect(read(r.outDir, 'sft_config.yaml')).toContain(`${PLACEHOLDER_NOTE}# Replace it with the model you want to fine-tune (or export again with --base-model).\nmodel_name_or_path: Qwen/Qwen3-0.6B\n`);
    }
  });

  it('--base-model still wins over the target', async () => {
    const r = await exportRun({ runDir: runFor('local', 'Qwen/Qwen3-1.7B'), target: 'trl', baseModel: 'meta-llama/Llama-3.2-1B-Instruct' });
    expect(read(r.outDir, 'sft_config.yaml')).toContain('# Base model given with --base-model.\nmodel_name_or_path: meta-llama/Llama-3.2-1B-Instruct\n');
  });
});
