import { readFileSync } from 'node:fs';
import { TunesetError, UsageError } from '../pipeline/errors.js';
import type { SuiteScore } from '../train/eval/eval-types.js';
import type { ScoringItem } from '../train/eval/scorer-types.js';
import { TEXT_SCORERS } from '../train/eval/scorers/index.js';
import { suiteScore } from '../train/eval/statistics.js';
import { parseCommandLine } from './args.js';
import type { Io } from './cli.js';
import { bleuVerbose, lineCount, SCORE_NAMES, scoreText } from './score-text.js';

export const SCORE_HELP = `Usage: tuneset score --scorer bleu|rouge|exact|letter --prediction FILE --reference FILE [--reference FILE ...] [--json]

Scores a file of predictions against reference files line by line, with no model, as sacreBLEU's
command does: line i of the prediction file is scored against line i of every reference file.
Give one --reference file per reference set (multi-reference BLEU and ROUGE use them all; exact
and letter count a line right when it matches any of them). Every file must have as many lines
as the prediction file; an empty line is an empty prediction or reference, and a final newline
does not start another line. Files are UTF-8; Windows line ends (CRLF) are read as line ends.

Scorers:
  bleu    corpus BLEU, 0..100, exactly as sacreBLEU computes it with its defaults (13a tokens,
          mixed case, 4-grams, exp smoothing): same numbers, same printed line
  rouge   ROUGE-L F1, 0..1, with ROUGE-1 and ROUGE-2 F1, as Google's rouge-score package
          computes them (no stemming), the best reference per line, averaged over lines
  exact   share of lines whose trimmed, lower-cased prediction equals a reference
  letter  share of lines whose first standalone option letter (A-J) equals a reference's

Each score has a 95% interval: Wilson for exact and letter, a seeded percentile bootstrap of
1000 resamples of the lines for bleu and rouge (the same files always give the same interval).

Options:
  --scorer S         bleu, rouge, exact or letter (default: bleu)
  --prediction FILE  the predictions (system output), one per line
  --reference FILE   a reference set, one reference per line; repeat for more sets
  --json             print one JSON object: name, score (unrounded), signature, interval95 {low,
                     high}, n (lines scored), and the parts (BLEU: sacreBLEU's keys verbose_score,
                     nrefs, case, eff, tok, smooth, version, plus precisions, bp, ratio, hyp_len,
                     ref_len; ROUGE: rouge1, rouge2, rougeL; exact and letter: correct)
  -h, --help         show this help

The signature (BLEU: nrefs:N|case:mixed|eff:no|tok:13a|smooth:exp|version:tuneset-bleu-1) names
the settings and our implementation's version: scores agree only when their signatures do.

Exit codes: 0 scored, 1 a file that cannot be read or line counts that differ, 2 usage error.`;

const RESAMPLES = 1000;

/** A file's lines: a final newline ends the last line rather than starting one; \r\n is a line end; a UTF-8 byte-order mark is not text. */
export const readLines = (file: string, flag: string): string[] => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new TunesetError(`cannot read the ${flag} file ${file}: ${why}`);
  }
  if (text.startsWith('\ufeff')) text = text.slice(1);
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
};

/** sacreBLEU's JSON for BLEU: the signature's fields as strings, then the parts by its names. */
const bleuJson = (s: SuiteScore, signature: string) => {
  const c = s.components ?? {};
  const fields = Object.fromEntries(signature.split('|').map((pair) => pair.split(':') as [string, string]));
  return {
    verbose_score: bleuVerbose(c),
    ...fields,
    precisions: [c['p1'], c['p2'], c['p3'], c['p4']],
    bp: c['bp'],
    ratio: c['ratio'],
    hyp_len: c['sys_len'],
    ref_len: c['ref_len'],
  };
};

export const scoreCommand = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parseCommandLine('score', argv, {
    scorer: { type: 'string', multiple: true },
    prediction: { type: 'string', multiple: true },
    reference: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  });
  if (values.help) return void io.stdout.write(`${SCORE_HELP}\n`), 0;
  if (positionals.length > 0) throw new UsageError(`tuneset score takes no positional arguments, got "${positionals[0]}": give files with --prediction and --reference. See 'tuneset score --help'.`);
  const scorers = (values.scorer as string[] | undefined) ?? ['bleu'];
  if (scorers.length > 1) throw new UsageError(`tuneset score takes one --scorer, got ${scorers.length} (${scorers.join(', ')}); run it once per scorer`);
  const name = scorers[0]!;
  const scorer = TEXT_SCORERS[name];
  if (!scorer) {
    const judge = name === 'judge' ? ' (the judge asks a model: use tuneset eval --scorer judge)' : '';
    throw new UsageError(`--scorer expects ${Object.keys(TEXT_SCORERS).join(', ')}, got "${name}"${judge}`);
  }
  const predictions = (values.prediction as string[] | undefined) ?? [];
  if (predictions.length !== 1) {
    throw new UsageError(`tuneset score needs one --prediction FILE (the predictions, one per line), got ${predictions.length}. See 'tuneset score --help'.`);
  }
  const references = (values.reference as string[] | undefined) ?? [];
  if (references.length === 0) {
    throw new UsageError(`tuneset score needs at least one --reference FILE (one per reference set, a reference per line). See 'tuneset score --help'.`);
  }
  const predictionFile = predictions[0]!;
  const replies = readLines(predictionFile, '--prediction');
  const referenceSets = references.map((file) => {
    const lines = readLines(file, '--reference');
    if (lines.length !== replies.length) {
      throw new TunesetError(
        `--prediction ${predictionFile} has ${lineCount(replies.length)} but --reference ${file} has ${lineCount(lines.length)}: the files are scored line by line, so they must have as many lines`,
      );
    }
    return lines;
  });
  if (replies.length === 0) throw new TunesetError(`--prediction ${predictionFile} has no lines: nothing to score`);

  const items: ScoringItem[] = replies.map((reply, i) => ({ suite: 'score', model: 'prediction', id: `line ${i + 1}`, prompt: [], references: referenceSets.map((set) => set[i]!), reply }));
  const { scores } = await scorer.scoreAll(items, { cacheDir: '', env: io.env ?? process.env, now: () => io.clock.now(), log: (line) => void io.stderr.write(`${line}\n`) });
  // Fixed names, not the file paths: the interval's seed depends on the lines alone.
  const result = suiteScore(scorer, scores, { suite: 'score', model: 'prediction' }, { resamples: RESAMPLES });
  const signature = scorer.version(references.length);
  if (!values.json) return void io.stdout.write(scoreText(result, signature, RESAMPLES)), 0;
  const parts = name === 'bleu' ? bleuJson(result, signature) : { ...(result.components ?? {}), ...(result.correct === undefined ? {} : { correct: result.correct }) };
  const json = { name: SCORE_NAMES[name] ?? name, scorer: name, score: result.score, signature, interval95: result.interval95, method: result.method, n: result.n, ...(result.unscored ? { unscored: result.unscored } : {}), ...parts };
  io.stdout.write(`${JSON.stringify(json, null, 1)}\n`);
  return 0;
};
