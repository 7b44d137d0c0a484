import { UsageError } from '../pipeline/errors.js';
import { describeIssue } from '../train/export/issue-log.js';
import { exportRun } from '../train/export/export-run.js';
import { EXPORT_TARGETS, type ExportTarget } from '../train/export/types.js';
import { parseCommandLine } from './args.js';
import type { Io } from './cli.js';
import { displayPath } from './display-path.js';

export const EXPORT_HELP = `Usage: tuneset export <run-dir> --to trl|axolotl|llama-factory [options]

Writes a finished run's dataset in an open trainer's layout, with a ready-to-edit LoRA config:
  trl            data/*.jsonl (conversational) + sft_config.yaml or dpo_config.yaml  (trl sft|dpo --config ...)
  axolotl        data/*.jsonl (chat_template) + axolotl.yaml                         (axolotl train axolotl.yaml)
  llama-factory  data/*.jsonl + data/dataset_info.json (sharegpt) + train_lora.yaml (llamafactory-cli train train_lora.yaml)
Data a trainer cannot express is refused (nothing written) or converted with a warning naming
the examples; export.json records every conversion. Nothing is downloaded.

Options:
  --to TRAINER       trl, axolotl or llama-factory (required)
  --out DIR          write to DIR (must be new or empty) (default: <run-dir>/export/<trainer>/)
  --base-model NAME  Hugging Face model id for the config (default: the run's target when it names an
                     open model, local:<id> or a row such as together:Qwen/Qwen3-8B; else a marked
                     placeholder, Qwen/Qwen3-0.6B)
  -h, --help         show this help

Exit codes: 0 success, 1 failed export (no manifest, data the trainer cannot express), 2 usage error.`;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const isTarget = (v: string): v is ExportTarget => (EXPORT_TARGETS as readonly string[]).includes(v);


export const exportCommand = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parseCommandLine('export', argv, {
    to: { type: 'string' },
    out: { type: 'string' },
    'base-model': { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(`${EXPORT_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`tuneset export takes exactly one run directory, got ${positionals.length}. See 'tuneset export --help'.`);
  const to = values.to as string | undefined;
  if (to === undefined || !isTarget(to)) throw new UsageError(`--to expects one of ${EXPORT_TARGETS.join(', ')}, got ${to === undefined ? 'nothing' : `"${to}"`}`);
  const result = await exportRun({
    runDir: positionals[0]!,
    target: to,
    ...(values.out !== undefined ? { outDir: values.out as string } : {}),
    ...(values['base-model'] !== undefined ? { baseModel: values['base-model'] as string } : {}),
  });

  for (const w of result.warnings) io.stderr.write(`warning: ${describeIssue(w)}\n`);
  const dir = displayPath(result.outDir);
  const lines = [`Exported ${result.kind.toUpperCase()} data for ${result.target} to ${dir}/`];
  for (const [split, c] of Object.entries(result.splits)) lines.push(`  ${split}: ${plural(c.examples, 'example')} -> ${plural(c.rows, 'row')}`);
  for (const f of result.files) lines.push(`  ${f.path}`);
  for (const n of result.notes) lines.push(`Note: ${n}`);
  lines.push('', 'Edit the base model and settings in the config, then train:', `  cd ${dir} && ${result.command}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
};
