import { existsSync, statSync } from 'node:fs';
import { lookupModel as lookupOpenAIModel, type ModelInfo } from '../providers/openai/model-table.js';
import { lookupModel, modelsOf, parseTarget } from '../providers/model-lookup.js';
import { rowLabel } from '../providers/model-rows.js';
import { ConfigError, SourceError, UsageError } from '../pipeline/errors.js';
import { countFileTokens } from '../stages/token-check/count-file-tokens.js';
import { buildTokenReport } from '../stages/token-check/report.js';
import { filePurpose, type FilePurpose } from '../stages/validate/file-purpose.js';
import { OPENAI_MIN_EXAMPLES, validateTrainingFile } from '../stages/validate/validate-file.js';
import { trainingDates } from '../train/training-dates.js';
import { parseCommandLine, parseInteger } from './args.js';
import type { Io } from './cli.js';
import { formatInt, formatUsd } from './format-table.js';

const DEFAULT_MODEL = 'gpt-4o-mini-2024-07-18';

export const VALIDATE_HELP = `Usage: tuneset validate <file.jsonl> [options]

Checks a fine-tuning file against OpenAI's format rules (chat, tools, weights, images in user
content, DPO), names each bad line and its category, prints token statistics, the examples over
the model's token limit by line, the examples its chat template refuses by line, and the training
cost estimate. Exits 1 when OpenAI would reject the file, the chat template refuses an example (the
trainer would fail on it), or the model can no longer be fine-tuned (warns inside 30 days of a shutdown).

Options:
  --model M                  model to count tokens, check dates and price for
                             (default ${DEFAULT_MODEL}; an unknown name lists the known ones)
  --purpose train|validation what the file is for: only a training file needs ${OPENAI_MIN_EXAMPLES} examples
                             (default: from the name: validation when a word of it is validation,
                             val, eval, evaluation or dev and none is train or training)
  --target P:MODEL           count, limit, price and check dates for a provider's model instead
                             (together:Qwen/Qwen3-8B, local:Qwen/Qwen3-0.6B; see \`tuneset models\`)
  --epochs N                 epochs for the estimate (default: auto, as OpenAI resolves it)
  --min-examples N           fewest examples the file must hold (default ${OPENAI_MIN_EXAMPLES} for training, 0 for validation)
  -h, --help                 show this help`;

const LISTED_ERRORS = 50;
const LISTED_OVER_LIMIT = 20;
/** token-check's drop code for the same examples, so validate and a run name them alike. */
const TEMPLATE_REFUSED = 'chat_template_error';
const PURPOSES: readonly FilePurpose[] = ['train', 'validation'];

/** `--model`: a name the table does not know is a usage error naming the ones it does. */
const modelFromFlag = (name: string): ModelInfo => {
  try {
    return lookupOpenAIModel(name);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const known = modelsOf('openai').map(rowLabel);
    throw new UsageError(`--model: unknown model "${name}"; known models: ${known.join(', ')}`);
  }
};

const purposeFromFlag = (value: string | undefined): FilePurpose | undefined => {
  if (value === undefined || (PURPOSES as readonly string[]).includes(value)) return value as FilePurpose | undefined;
  throw new UsageError(`--purpose expects train or validation, got "${value}"`);
};

export const validateCommand = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parseCommandLine('validate', argv, {
    model: { type: 'string' },
    target: { type: 'string' },
    purpose: { type: 'string' },
    epochs: { type: 'string' },
    'min-examples': { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(`${VALIDATE_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`tuneset validate takes exactly one file, got ${positionals.length}. See 'tuneset validate --help'.`);
  const path = positionals[0]!;
  if (values.model !== undefined && values.target !== undefined) throw new UsageError('--model and --target name the same thing: give one (--model M is --target openai:M)');
  const target = values.target === undefined ? undefined : parseTarget(values.target as string);
  const model = target ? lookupModel(target.provider, target.model) : modelFromFlag((values.model as string | undefined) ?? DEFAULT_MODEL);
  const { purpose, byName } = filePurpose(path, purposeFromFlag(values.purpose as string | undefined));
  const epochs = values.epochs === undefined || values.epochs === 'auto' ? 'auto' : parseInteger('--epochs', values.epochs as string, 1)!;
  const minExamples = parseInteger('--min-examples', values['min-examples'] as string | undefined, 0) ?? (purpose === 'train' ? OPENAI_MIN_EXAMPLES : 0);
  if (!existsSync(path)) throw new SourceError(path, 'file not found');
  if (!statSync(path).isFile()) throw new SourceError(path, 'not a file');

  const result = await validateTrainingFile(path, { maxListedErrors: LISTED_ERRORS, minExamples });
  const how = byName ? ' (from its name; --purpose to choose)' : '';
  const read = result.encoding === 'UTF-8' ? `${formatInt(result.lines)} lines, ${formatInt(result.examples)} examples (${result.format})` : `${result.encoding}, not read`;
  const out: string[] = [`${path}: ${read}, checked as a ${purpose === 'train' ? 'training' : 'validation'} file${how}`];
  for (const e of result.errors) out.push(`  ${e.line === null ? 'file' : `line ${e.line}`}: ${e.category}: ${e.message}`);
  if (result.errorCount > result.errors.length) out.push(`  ... and ${formatInt(result.errorCount - result.errors.length)} more`);
  const counts = Object.entries(result.countsByCategory)
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  out.push(result.ok ? 'Format: OK, OpenAI would accept this file' : `Format: REJECTED, ${formatInt(result.errorCount)} errors (${counts})`);

  // Not UTF-8: there are no lines to count.
  const counted = result.encoding === 'UTF-8' ? await tokenLines(path, model, epochs, purpose) : { lines: [], refused: 0 };
  out.push(...counted.lines);
  io.stdout.write(`${out.join('\n')}\n`);

  const dates = trainingDates(model, io.clock.now());
  for (const w of dates.warnings) io.stderr.write(`warning: ${w}\n`);
  for (const e of dates.errors) io.stderr.write(`error: ${e}\n`);
  return result.ok && counted.refused === 0 && dates.errors.length === 0 ? 0 : 1;
};

/**
 * Token statistics, the examples over the model's limit by line, the examples the model's chat
 * template refuses (the trainer's apply_chat_template fails on them the same way, so they count as
 * failures: `refused`), and the training estimate.
 */
const tokenLines = async (path: string, model: ModelInfo, epochs: number | 'auto', purpose: FilePurpose): Promise<{ lines: string[]; refused: number }> => {
  const out: string[] = [];
  const tokens = await countFileTokens(path, model.tokenizer, model.tokenLimit);
  const refused = tokens.templateRefused.length;
  const report = buildTokenReport({ model, limit: model.tokenLimit, overLimit: 'flag', epochsRequested: epochs, splits: new Map([['train', tokens.counts]]) });
  const t = report.splits['train']!;
  out.push(
    `Tokens (${model.provider === 'openai' ? '' : `${model.provider}:`}${model.name}, ${model.tokenizer}) over ${formatInt(t.examples)} valid examples: total ${formatInt(t.tokens.total)}, ` +
      `min ${formatInt(t.tokens.min)}, median ${formatInt(t.tokens.median)}, p95 ${formatInt(t.tokens.p95)}, max ${formatInt(t.tokens.max)}`,
  );
  if (tokens.overLimit.length > 0) {
    const fate = model.provider === 'openai' ? 'OpenAI truncates them from the end' : "over the model's training context: cut or refused when trained";
    out.push(`  ${formatInt(tokens.overLimit.length)} examples exceed ${formatInt(model.tokenLimit)} tokens: ${fate}`);
    for (const { line, tokens: n } of tokens.overLimit.slice(0, LISTED_OVER_LIMIT)) out.push(`    line ${line}: ${formatInt(n)} tokens`);
    if (tokens.overLimit.length > LISTED_OVER_LIMIT) out.push(`    ... and ${formatInt(tokens.overLimit.length - LISTED_OVER_LIMIT)} more`);
  }
  if (tokens.uncountable > 0) out.push(`  ${formatInt(tokens.uncountable)} examples not counted: an unbroken run too long to tokenize safely`);
  if (refused > 0) {
    out.push(`  ${formatInt(refused)} examples refused by the chat template of ${model.name} (${model.tokenizer}): the trainer cannot render them`);
    for (const { line, message } of tokens.templateRefused.slice(0, LISTED_ERRORS)) out.push(`    line ${line}: ${TEMPLATE_REFUSED}: ${message}`);
    if (refused > LISTED_ERRORS) out.push(`    ... and ${formatInt(refused - LISTED_ERRORS)} more`);
  }
  if (purpose === 'validation') {
    out.push('Training estimate: none, validation tokens are not billed');
    return { lines: out, refused };
  }
  const cost = report.estimatedCostUsd === null ? 'no training price known' : formatUsd(report.estimatedCostUsd);
  out.push(
    `Training estimate: ${report.epochs.requested === 'auto' ? `auto -> ${report.epochs.resolved}` : report.epochs.resolved} epochs, ` +
      `${formatInt(report.billedTokens)} billed tokens, ${cost}`,
  );
  return { lines: out, refused };
};
