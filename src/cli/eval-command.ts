import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { redactSecrets } from '../providers/openai/redact.js';
import { TunesetError, UsageError } from '../pipeline/errors.js';
import { AnswerCache } from '../train/eval/answer-cache.js';
import { resolveEvalModels } from '../train/eval/eval-models.js';
import { writeEvaluation } from '../train/eval/eval-record.js';
import type { Prediction } from '../train/eval/eval-types.js';
import { inferencePrices } from '../train/eval/inference-prices.js';
import { runEvaluation } from '../train/eval/run-evaluation.js';
import { isScorerName, SCORER_NAMES } from '../train/eval/scorers/index.js';
import { DEFAULT_JUDGE_MODEL, DEFAULT_JUDGE_SCALE } from '../train/eval/scorers/judge-defaults.js';
import { parseSuiteOption, readSuiteFile, splitSuite } from '../train/eval/suite-file.js';
import { readManifest } from '../train/run-directory.js';
import { readTrainState } from '../train/train-state.js';
import { unusableRunReason } from '../train/unusable-run.js';
import { parseCommandLine, parseInteger } from './args.js';
import type { Io } from './cli.js';
import { evalTable, scorerSpendLine, spendLine } from './eval-report-text.js';
import { judgeSettings, type JudgeFlags } from './eval-judge-options.js';
import { chooseProvider, providerOptionHelp } from './provider-choice.js';
import { refreshReport } from './refresh-report.js';

export const EVAL_HELP = `Usage: tuneset eval <run-dir> --model M [--model M2 ...] [--baseline B] [options]

Asks each model every example of each suite through the provider's chat completions, scores the
answers, and prints one table: per suite, scorer and model the score with its 95% interval and n,
and with --baseline each model's difference from the baseline, its 95% interval, and whether it is
significant (the interval leaves out 0; for percentages the difference is in percentage points,
pts).
Then what each model's answers (and the judge's grades) cost now and when bought.

Suites: the run's held-out split (--split), plus any --suite files, e.g. a general-knowledge set
kept to check that fine-tuning did not cost the model what it knew before (retention). A suite file
is chat JSONL (the last assistant message is the reference) or OpenAI-evals JSONL ({"input":
[messages], "ideal": "answer" or ["answer", ...]}). A suite's scorers: those after the file's last
colon (general.jsonl:letter); else letter when every reference is a single option letter; else
the --scorer list.

Choosing a scorer:
  letter   multiple choice: the option letter the answer gives equals the reference's (% right)
  exact    short answers: the trimmed, case-folded answer equals a reference (% right)
  rouge    free text: ROUGE-L F1 against the reference(s), 0-1 (ROUGE-1/2 kept in eval.json)
  bleu     free text, translation-like: corpus BLEU, sacreBLEU's 13a numbers, 0-100
  judge    free text where wording varies: a model grades each answer by a rubric on a scale
           (--judge-model, --rubric or --rubric-file); its cost is reported
Intervals: Wilson for letter and exact; a seeded bootstrap (the same answers give the same
numbers) for the others; differences by a paired bootstrap over the examples both models answered.

Models: --model may be repeated; it takes a model name, or checkpoint:<step> for a checkpoint of
the run's job (tuneset watch lists them); --checkpoints adds every checkpoint, to pick the one that
generalises best. Prices come from the provider's model table: an OpenAI ft: model (and its
checkpoints) at its base's fine-tuned price, any other model the table lists at its base price, any
other unpriced.

Files: each evaluation gets its own <run-dir>/evals/<time>-<models>/ with eval.json (the run id
and dataset hash, split, models, suites with their sha256, scorer versions, scores, comparisons,
spend) and predictions.jsonl (per suite, model and example: reply, each scorer's score, tokens,
cost), and with --html compare.html (the side-by-side page); <run-dir>/eval.json is a copy of the
latest. An answer may have at most 16 tokens in a suite scored only by letter (the option letter),
1,024 in any other (the whole answer). Answers are cached per (model, prompt, that cap) in
<run-dir>/eval-cache.jsonl and the judge's grades in <run-dir>/judge-cache/, so a re-run asks
nothing, costs nothing and prints the same table.
Exits 1 when an answer failed after every retry or the judge left an answer ungraded.

Options:
  --model M          a model to evaluate (ft:..., checkpoint:<step>, or a base model); repeatable
  --baseline B       the model the others are compared with (e.g. the base model)
  --checkpoints      also evaluate every checkpoint of the run's job
  --split S          the held-out split: validation (default) or test
  --scorer S         ${SCORER_NAMES.join(', ')}; repeatable (default: letter)
  --suite FILE[:S]   an extra suite file, scored by S (or as above); repeatable
  --judge-model M    the judge scorer's model (default ${DEFAULT_JUDGE_MODEL})
  --rubric TEXT      what a good answer is, for the judge (default: it says what the
                     reference says, in any wording)
  --rubric-file F    the rubric, read from a file
  --judge-scale LO-HI  the judge's grades (default ${DEFAULT_JUDGE_SCALE.join('-')})
  --judge-max-cost USD  the most the judge may spend; past it answers stay ungraded
  --html             also write compare.html, the side-by-side page
  --json             print eval.json instead of the table
  --deployment NAME  Azure: the deployment serving the first --model (Azure serves fine-tunes only once deployed)
  --baseline-deployment NAME  Azure: the deployment serving --baseline
  --concurrency N    requests in flight (default 8)
  --provider P       ${providerOptionHelp(21)}
  -h, --help         show this help`;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const evalCommand = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parseCommandLine('eval', argv, {
    model: { type: 'string', multiple: true },
    baseline: { type: 'string' },
    checkpoints: { type: 'boolean' },
    split: { type: 'string' },
    scorer: { type: 'string', multiple: true },
    suite: { type: 'string', multiple: true },
    'judge-model': { type: 'string' },
    rubric: { type: 'string' },
    'rubric-file': { type: 'string' },
    'judge-scale': { type: 'string' },
    'judge-max-cost': { type: 'string' },
    html: { type: 'boolean' },
    json: { type: 'boolean' },
    deployment: { type: 'string' },
    'baseline-deployment': { type: 'string' },
    concurrency: { type: 'string' },
    provider: { type: 'string' },
  });
  if (values.help) return void io.stdout.write(`${EVAL_HELP}\n`), 0;
  if (positionals.length !== 1 || (!values.model && !values.checkpoints)) throw new UsageError(`tuneset eval takes a run directory and --model (or --checkpoints). See 'tuneset eval --help'.`);
  const runDir = positionals[0]!;
  const split = values.split ?? 'validation';
  if (split !== 'validation' && split !== 'test') throw new UsageError(`--split expects validation or test, got "${split}"`);
  const scorers = values.scorer ?? ['letter'];
  for (const name of scorers) if (!isScorerName(name)) throw new UsageError(`--scorer expects ${SCORER_NAMES.join(', ')}, got "${name}"`);
  const concurrency = parseInteger('--concurrency', values.concurrency, 1) ?? 8;
  const suiteOptions = (values.suite ?? []).map(parseSuiteOption);

  const { manifest } = readManifest(runDir);
  const unusable = unusableRunReason(manifest);
  if (unusable !== undefined) throw new TunesetError(`${runDir}: ${unusable}`);
  const file = join(runDir, `${split}.jsonl`);
  if (!manifest.files[`${split}.jsonl`] || !existsSync(file)) {
    const how = split === 'test' ? ` (a pipeline writes one when given a test share, e.g. \`tuneset run pipelines/ar-lsat.ts --param test=0.1\`)` : '';
    throw new TunesetError(`${file}: not found; the run has no ${split} split${how}`);
  }
  const suites = [splitSuite(runDir, split, scorers), ...suiteOptions.map((o) => readSuiteFile(o, scorers))];
  if (suites[0]!.examples.length === 0) throw new TunesetError(`${file}: no example ends with an assistant answer to score against`);
  const judge = judgeSettings(values as JudgeFlags, suites.some((s) => s.scorers.includes('judge')), concurrency);

  const env = io.env ?? process.env;
  const provider = chooseProvider(values.provider, [readTrainState(runDir)?.provider, manifest.provider], env);
  const models = await resolveEvalModels(
    runDir,
    {
      models: values.model ?? [],
      ...(values.baseline === undefined ? {} : { baseline: values.baseline }),
      checkpoints: values.checkpoints ?? false,
      ...(values.deployment === undefined ? {} : { deployment: values.deployment }),
      ...(values['baseline-deployment'] === undefined ? {} : { baselineDeployment: values['baseline-deployment'] }),
      provider,
    },
    env,
  );
  // Every key in the environment, not only the one in use: any may be echoed in an error.
  const { chat, secrets } = provider.chatFromEnv(env);
  const redact = (text: string) => redactSecrets(text, secrets);
  const cache = new AnswerCache(join(runDir, 'eval-cache.jsonl'));
  if (cache.tornLines > 0) io.stderr.write(`warning: ${cache.path}: the last line was cut short by an interrupted eval; that answer is asked again\n`);

  const evaluatedAt = io.clock.now().toISOString();
  let evaluated;
  try {
    evaluated = await runEvaluation(
      { runId: manifest.runId, datasetHash: manifest.dataset?.hash ?? null, split, suites, models, ...(judge ? { judge } : {}), evaluatedAt },
      {
        chat,
        cache,
        concurrency,
        pricesFor: (model) => inferencePrices(model, provider.name),
        scoring: { cacheDir: join(runDir, 'judge-cache'), env, now: () => io.clock.now(), log: (line) => io.stderr.write(`${redact(line)}\n`) },
      },
    );
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new TunesetError(redact(message(error)), { cause: error });
  }
  const record = writeEvaluation(runDir, evaluated.record, evaluated.predictions, redact, { html: values.html ?? false, suites });
  if (values.json) io.stdout.write(`${redact(JSON.stringify(record, null, 2))}\n`);
  else {
    io.stdout.write(`${evalTable(record)}\n`);
    for (const s of record.spend) io.stdout.write(`${spendLine(s)}\n`);
    for (const s of record.scorerSpend) io.stdout.write(`${scorerSpendLine(s)}\n`);
    const html = record.html === undefined ? '' : ', compare.html (side by side)';
    io.stdout.write(`Wrote ${join(runDir, record.dir)}/: eval.json (scores), predictions.jsonl${html}; ${join(runDir, 'eval.json')} is a copy of the latest\n`);
  }
  const problems = shortfalls(evaluated.predictions);
  for (const line of problems) io.stderr.write(`${redact(line)}\n`);
  await refreshReport(runDir, io);
  return problems.length > 0 ? 1 : 0;
};

/** Per model, the answers that failed after every pass; and the answers the judge left ungraded. */
const shortfalls = (predictions: readonly Prediction[]): string[] => {
  const lines: string[] = [];
  for (const model of new Set(predictions.map((p) => p.model))) {
    const failed = predictions.filter((p) => p.model === model && p.reply === null);
    if (failed.length > 0) lines.push(`error: ${model}: ${failed.length} of ${predictions.filter((p) => p.model === model).length} answers failed after every retry, so they are not scored; the first error: ${failed[0]!.error ?? 'unknown'}`);
  }
  const ungraded = predictions.filter((p) => p.reply !== null && p.scores['judge'] === null);
  if (ungraded.length > 0) {
    const reason = ungraded[0]!.details?.['judge'];
    const why = reason === undefined ? '' : `; the first: ${Object.values(reason).join(': ')}`;
    lines.push(`error: the judge left ${ungraded.length} answer${ungraded.length === 1 ? '' : 's'} ungraded, so they are not in its scores${why}`);
  }
  return lines;
};
