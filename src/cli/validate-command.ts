import { existsSync, statSync } from 'node:fs';
import { lookupModel } from '../openai/model-table.js';
import { SourceError, UsageError } from '../pipeline/errors.js';
import { countFileTokens } from '../stages/token-check/count-file-tokens.js';
import { buildTokenReport } from '../stages/token-check/report.js';
import { validateTrainingFile } from '../stages/validate/validate-file.js';
import { parseCommandLine, parseInteger } from './args.js';
import type { Io } from './cli.js';
import { formatInt, formatUsd } from './format-table.js';

export const VALIDATE_HELP = `Usage: tuneset validate <file.jsonl> [options]

Checks a fine-tuning file against OpenAI's format rules (chat, tools, weights, images in user
content, DPO), names each bad line and its category, prints token statistics and the training
cost estimate. Exits 1 when OpenAI would reject the file.

Options:
  --model M        model to count tokens and price for (default gpt-4o-mini-2024-07-18)
  --epochs N       epochs for the estimate (default: auto, as OpenAI resolves it)
  --min-examples N fewest examples the file must hold (default 10; 0 for a validation file)
  -h, --help       show this help`;

const LISTED_ERRORS = 50;

export const validateCommand = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parseCommandLine('validate', argv, {
    model: { type: 'string' },
    epochs: { type: 'string' },
    'min-examples': { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(`${VALIDATE_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`tuneset validate takes exactly one file, got ${positionals.length}. See 'tuneset validate --help'.`);
  const path = positionals[0]!;
  if (!existsSync(path)) throw new SourceError(path, 'file not found');
  if (!statSync(path).isFile()) throw new SourceError(path, 'not a file');
  const model = lookupModel((values.model as string | undefined) ?? 'gpt-4o-mini-2024-07-18');
  const epochs = values.epochs === undefined || values.epochs === 'auto' ? 'auto' : parseInteger('--epochs', values.epochs as string, 1)!;
  const minExamples = parseInteger('--min-examples', values['min-examples'] as string | undefined, 0);

  const result = await validateTrainingFile(path, { maxListedErrors: LISTED_ERRORS, ...(minExamples !== undefined ? { minExamples } : {}) });
  const out: string[] = [`${path}: ${formatInt(result.lines)} lines, ${formatInt(result.examples)} examples (${result.format})`];
  for (const e of result.errors) out.push(`  ${e.line === null ? 'file' : `line ${e.line}`}: ${e.category}: ${e.message}`);
  if (result.errorCount > result.errors.length) out.push(`  ... and ${formatInt(result.errorCount - result.errors.length)} more`);
  const counts = Object.entries(result.countsByCategory)
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  out.push(result.ok ? 'Format: OK, OpenAI would accept this file' : `Format: REJECTED, ${formatInt(result.errorCount)} errors (${counts})`);

  const tokens = await countFileTokens(path, model.encoding);
  const report = buildTokenReport({ model, limit: model.tokenLimit, overLimit: 'flag', epochsRequested: epochs, splits: new Map([['train', tokens.counts]]) });
  const t = report.splits['train']!;
  out.push(
    `Tokens (${model.name}, ${model.encoding}) over ${formatInt(t.examples)} valid examples: total ${formatInt(t.tokens.total)}, ` +
      `min ${formatInt(t.tokens.min)}, median ${formatInt(t.tokens.median)}, p95 ${formatInt(t.tokens.p95)}, max ${formatInt(t.tokens.max)}`,
  );
  if (t.overLimit > 0) out.push(`  ${formatInt(t.overLimit)} examples exceed ${formatInt(model.tokenLimit)} tokens: OpenAI truncates them from the end`);
  if (tokens.uncountable > 0) out.push(`  ${formatInt(tokens.uncountable)} examples not counted: an unbroken run too long to tokenize safely`);
  const cost = report.estimatedCostUsd === null ? 'no training price known' : formatUsd(report.estimatedCostUsd);
  out.push(
    `Training estimate: ${report.epochs.requested === 'auto' ? `auto -> ${report.epochs.resolved}` : report.epochs.resolved} epochs, ` +
      `${formatInt(report.billedTokens)} billed tokens, ${cost}`,
  );
  io.stdout.write(`${out.join('\n')}\n`);
  return result.ok ? 0 : 1;
};
