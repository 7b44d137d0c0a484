import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, settingsFromEnv } from '../openai/client.js';
import { sdkChatModel } from '../openai/chat-model.js';
import { redactSecrets } from '../openai/redact.js';
import { lookupModel } from '../openai/model-table.js';
import { writeFileAtomic } from '../pipeline/atomic-file.js';
import { TunesetError, UsageError } from '../pipeline/errors.js';
import { AnswerCache } from '../train/eval/answer-cache.js';
import { evaluateModel, readEvalExamples, type ModelResult } from '../train/eval/evaluate.js';
import { readManifest } from '../train/run-directory.js';
import { SCORERS } from '../train/eval/scorers.js';
import { parseCommandLine, parseInteger } from './args.js';
import type { Io } from './cli.js';
import { formatInt, formatTable, formatUsd } from './format-table.js';
import { parseProvider } from './train-command.js';

export const EVAL_HELP = `Usage: tuneset eval <run-dir> --model M [options]

Runs a run's held-out split through chat completions and scores the answers, for the model and
optionally a baseline to compare with. Prints accuracy with a 95% interval, n, tokens and cost, and
writes eval.json to the run directory. Answers are cached per (model, example) in
<run-dir>/eval-cache.jsonl, so a re-run costs nothing. Checkpoint models work like final models.

Options:
  --model M          the model to evaluate (a fine-tuned ft:... name, a checkpoint, or a base model)
  --baseline B       a second model to compare with (e.g. the base model)
  --split S          validation (default) or test
  --scorer S         letter (default: the answer's option letter) or exact
  --deployment NAME  Azure: the deployment serving --model (Azure serves fine-tunes only once deployed)
  --baseline-deployment NAME  Azure: the deployment serving --baseline
  --concurrency N    requests in flight (default 8)
  --provider P       openai or azure (default: from the environment)
  -h, --help         show this help`;

const priceOf = (model: string) => {
  try {
    const info = lookupModel(model);
    return { input: info.inputPricePerMTokens, output: info.outputPricePerMTokens };
  } catch {
    return { input: null, output: null };
  }
};

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export const evalCommand = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parseCommandLine('eval', argv, {
    model: { type: 'string' },
    baseline: { type: 'string' },
    split: { type: 'string' },
    scorer: { type: 'string' },
    deployment: { type: 'string' },
    'baseline-deployment': { type: 'string' },
    concurrency: { type: 'string' },
    provider: { type: 'string' },
  });
  if (values.help) return void io.stdout.write(`${EVAL_HELP}\n`), 0;
  if (positionals.length !== 1 || !values.model) throw new UsageError(`tuneset eval takes a run directory and --model. See 'tuneset eval --help'.`);
  const runDir = positionals[0]!;
  const split = (values.split as string | undefined) ?? 'validation';
  if (split !== 'validation' && split !== 'test') throw new UsageError(`--split expects validation or test, got "${split}"`);
  const scorerName = (values.scorer as string | undefined) ?? 'letter';
  const scorer = SCORERS[scorerName];
  if (!scorer) throw new UsageError(`--scorer expects ${Object.keys(SCORERS).join(' or ')}, got "${scorerName}"`);
  const { manifest } = readManifest(runDir);
  const file = join(runDir, `${split}.jsonl`);
  if (!manifest.files[`${split}.jsonl`] || !existsSync(file)) throw new TunesetError(`${file}: not found; the run has no ${split} split`);
  const examples = readEvalExamples(file);
  if (examples.length === 0) throw new TunesetError(`${file}: no example ends with an assistant answer to score against`);

  const settings = settingsFromEnv(io.env ?? process.env, parseProvider(values.provider));
  const chat = sdkChatModel(createClient(settings));
  const cache = new AnswerCache(join(runDir, 'eval-cache.jsonl'));
  if (cache.tornLines > 0) io.stderr.write(`warning: ${cache.path}: the last line was cut short by an interrupted eval; that answer is asked again\n`);
  const concurrency = parseInteger('--concurrency', values.concurrency as string | undefined, 1) ?? 8;
  const targets: [string, string][] = [[values.model as string, (values.deployment as string | undefined) ?? (values.model as string)]];
  if (values.baseline) targets.push([values.baseline as string, (values['baseline-deployment'] as string | undefined) ?? (values.baseline as string)]);

  const results: ModelResult[] = [];
  for (const [model, requestedAs] of targets) {
    try {
      results.push(await evaluateModel(model, requestedAs, examples, { chat, scorer, cache, concurrency, prices: priceOf(model) }));
    } catch (error) {
      throw new TunesetError(redactSecrets(`evaluating ${model}: ${error instanceof Error ? error.message : String(error)}`, [settings.apiKey]), { cause: error });
    }
  }
  const rows = results.map((r) => [
    r.model,
    pct(r.accuracy),
    `${pct(r.interval95.low)}-${pct(r.interval95.high)}`,
    formatInt(r.n),
    formatInt(r.promptTokens + r.completionTokens),
    r.costUsd === null ? '?' : formatUsd(r.costUsd),
  ]);
  io.stdout.write(`${formatTable(['model', 'accuracy', '95% interval', 'n', 'tokens', 'cost'], rows)}\n`);
  const cached = results.reduce((a, r) => a + r.cachedAnswers, 0);
  if (cached > 0) io.stdout.write(`(${formatInt(cached)} answers from the cache cost nothing; tokens and cost count only new requests)\n`);
  writeFileAtomic(join(runDir, 'eval.json'), `${JSON.stringify({ split, scorer: scorerName, examples: examples.length, results }, null, 2)}\n`);
  io.stdout.write(`Wrote ${join(runDir, 'eval.json')}\n`);
  return results.some((r) => r.errors > 0) ? 1 : 0;
};
