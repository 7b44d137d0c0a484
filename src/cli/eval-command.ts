import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { redactSecrets } from '../providers/openai/redact.js';
import { TunesetError, UsageError } from '../pipeline/errors.js';
import { AnswerCache } from '../train/eval/answer-cache.js';
import { readEvalExamples } from '../train/eval/eval-examples.js';
import { writeEvaluation } from '../train/eval/eval-record.js';
import { evaluateModel, type Evaluation } from '../train/eval/evaluate.js';
import { inferencePrices } from '../train/eval/inference-prices.js';
import { readManifest } from '../train/run-directory.js';
import { unusableRunReason } from '../train/unusable-run.js';
import { SCORERS } from '../train/eval/scorers.js';
import { parseCommandLine, parseInteger } from './args.js';
import type { Io } from './cli.js';
import { evalTable, spendLine } from './eval-report-text.js';
import { readTrainState } from '../train/train-state.js';
import { chooseProvider, providerOptionHelp } from './provider-choice.js';
import { refreshReport } from './refresh-report.js';

export const EVAL_HELP = `Usage: tuneset eval <run-dir> --model M [options]

Runs a run's held-out split through the provider's chat completions and scores the answers, for
the model and optionally a baseline to compare with. Prints accuracy with a 95% interval, n, tokens and cost, and
what was spent now. Each evaluation gets its own <run-dir>/evals/<time>-<model>/ with eval.json
(the scores) and predictions.jsonl (per example: id, expected, predicted, reply, correct, tokens,
cached, cost); <run-dir>/eval.json is a copy of the latest. Answers are cached per (model, example)
in <run-dir>/eval-cache.jsonl with what they cost when bought, so a re-run costs nothing and says
what its answers cost. Prices come from the provider's model table: an OpenAI ft: model at its
base's fine-tuned price, any other model the table lists at its base price, any other unpriced.
Checkpoint models work like final models.

Options:
  --model M          the model to evaluate (a fine-tuned ft:... name, a checkpoint, or a base model)
  --baseline B       a second model to compare with (e.g. the base model)
  --split S          validation (default) or test
  --scorer S         letter (default: the answer's option letter) or exact
  --deployment NAME  Azure: the deployment serving --model (Azure serves fine-tunes only once deployed)
  --baseline-deployment NAME  Azure: the deployment serving --baseline
  --concurrency N    requests in flight (default 8)
  --provider P       ${providerOptionHelp(21)}
  -h, --help         show this help`;

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
  const unusable = unusableRunReason(manifest);
  if (unusable !== undefined) throw new TunesetError(`${runDir}: ${unusable}`);
  const file = join(runDir, `${split}.jsonl`);
  if (!manifest.files[`${split}.jsonl`] || !existsSync(file)) {
    const how = split === 'test' ? ` (a pipeline writes one when given a test share, e.g. \`tuneset run pipelines/ar-lsat.ts --param test=0.1\`)` : '';
    throw new TunesetError(`${file}: not found; the run has no ${split} split${how}`);
  }
  const examples = readEvalExamples(runDir, split);
  if (examples.length === 0) throw new TunesetError(`${file}: no example ends with an assistant answer to score against`);

  const env = io.env ?? process.env;
  const provider = chooseProvider(values.provider, [readTrainState(runDir)?.provider, manifest.provider], env);
  // Every key in the environment, not only the one in use: any may be echoed in an error.
  const { chat, secrets } = provider.chatFromEnv(env);
  const redact = (text: string) => redactSecrets(text, secrets);
  const cache = new AnswerCache(join(runDir, 'eval-cache.jsonl'));
  if (cache.tornLines > 0) io.stderr.write(`warning: ${cache.path}: the last line was cut short by an interrupted eval; that answer is asked again\n`);
  const concurrency = parseInteger('--concurrency', values.concurrency as string | undefined, 1) ?? 8;
  const targets: [string, string][] = [[values.model as string, (values.deployment as string | undefined) ?? (values.model as string)]];
  if (values.baseline) targets.push([values.baseline as string, (values['baseline-deployment'] as string | undefined) ?? (values.baseline as string)]);

  const evaluatedAt = io.clock.now().toISOString();
  const evaluations: Evaluation[] = [];
  for (const [model, requestedAs] of targets) {
    try {
      evaluations.push(await evaluateModel(model, requestedAs, examples, { chat, scorer, cache, concurrency, prices: inferencePrices(model, provider.name), now: evaluatedAt }));
    } catch (error) {
      throw new TunesetError(redact(`evaluating ${model}: ${error instanceof Error ? error.message : String(error)}`), { cause: error });
    }
  }
  const results = evaluations.map((e) => e.result);
  io.stdout.write(`${evalTable(results)}\n`);
  for (const r of results) io.stdout.write(`${spendLine(r)}\n`);
  const record = writeEvaluation(
    runDir,
    { evaluatedAt, split, scorer: scorerName, examples: examples.length, results },
    evaluations.flatMap((e) => e.predictions),
    redact,
  );
  io.stdout.write(`Wrote ${join(runDir, record.dir)}/: eval.json (scores) and predictions.jsonl; ${join(runDir, 'eval.json')} is a copy of the latest\n`);
  await refreshReport(runDir, io);
  return results.some((r) => r.errors > 0) ? 1 : 0;
};
