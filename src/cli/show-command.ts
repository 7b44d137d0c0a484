import { SPLITS } from '../pipeline/runner.js';
import { TunesetError, UsageError } from '../pipeline/errors.js';
import { readManifest } from '../train/run-directory.js';
import { parseCommandLine, parseInteger } from './args.js';
import type { Io } from './cli.js';
import { NO_LIMITS, type ClipLimits } from './show/clip.js';
import { dropCounts } from './show/drop-counts.js';
import { parseGrep } from './show/grep.js';
import { streamOutput } from './show/output.js';
import { makePaint, wantsColour } from './show/paint.js';
import type { RecordLimits } from './show/render-rejected.js';
import { showExamples, type ShowTarget } from './show/show-examples.js';
import { showRejected } from './show/show-rejected.js';

export const SHOW_HELP = `Usage: tuneset show <run-dir> [options]
       tuneset show <run-dir> --rejected [--code C] [--stage S] [options]

Prints a finished run's examples as readable transcripts: a header per example (id, split and
line, group, source, tokens, labels), then each message as "role:" with its content indented, tool
calls as name(arguments), assistant messages with weight 0 marked, and for preference (DPO)
examples the preferred and non-preferred answers. With --rejected it prints the dropped records
instead: stage, code, detail, source and the record itself. Ends with what was shown of how many.

Options:
  --split S      train, validation or test (default: every split the run has)
  --id ID        only the example (or rejected record) with this id
  --grep TEXT    only those whose text contains TEXT (any case), or matches /regex/flags
  --limit N      show at most N examples per split, or N rejected records (default 10; 0 for all)
  --rejected     show the dropped records (rejected.jsonl) instead of the examples
  --code C       with --rejected: only records dropped with code C (e.g. duplicate)
  --stage S      with --rejected: only records dropped by stage S (e.g. dedupe)
  --full         show long texts and records whole (default: cut, saying how much is left out)
  -h, --help     show this help

Colour is used on a terminal unless NO_COLOR is set. Exit codes: 0 success, 1 not a finished run
or a damaged one, --id not found, 2 usage error (also an unknown split, --stage or --code).`;

const DEFAULT_LIMIT = 10;
// Cut so that one example or record fits on a screen or two; --full lifts every limit.
const TRANSCRIPT: ClipLimits = { lines: 40, chars: 4000 };
const RECORD: RecordLimits = { transcript: { lines: 12, chars: 1200 }, value: { lines: 8, chars: 600, items: 10 }, lines: 40 };
const FULL_RECORD: RecordLimits = { transcript: NO_LIMITS, value: { ...NO_LIMITS, items: Infinity }, lines: Infinity };

const isSplit = (s: string) => (SPLITS as readonly string[]).includes(s);

export const showCommand = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parseCommandLine('show', argv, {
    split: { type: 'string' },
    id: { type: 'string' },
    grep: { type: 'string' },
    limit: { type: 'string' },
    rejected: { type: 'boolean' },
    code: { type: 'string' },
    stage: { type: 'string' },
    full: { type: 'boolean' },
  });
  if (values.help) return void io.stdout.write(`${SHOW_HELP}\n`), 0;
  if (positionals.length !== 1) throw new UsageError(`tuneset show takes exactly one run directory, got ${positionals.length}. See 'tuneset show --help'.`);
  const split = values.split as string | undefined;
  const rejected = values.rejected === true;
  if (split !== undefined && !isSplit(split)) throw new UsageError(`--split expects train, validation or test, got "${split}"`);
  if (rejected && split !== undefined) throw new UsageError(`--split selects examples; rejected records have no split (drop --split or --rejected)`);
  if (!rejected && (values.code !== undefined || values.stage !== undefined)) throw new UsageError(`--code and --stage select dropped records: add --rejected`);
  const limit = parseInteger('--limit', values.limit as string | undefined, 0) ?? DEFAULT_LIMIT;
  const grep = values.grep === undefined ? undefined : parseGrep(values.grep as string);
  const id = values.id as string | undefined;

  const runDir = positionals[0]!;
  const { manifest } = readManifest(runDir);
  const files = manifest.files;
  const target: ShowTarget = {
    runDir,
    lines: (file) => files[file]?.lines,
    out: streamOutput(io.stdout),
    paint: makePaint(wantsColour(io.stdout, io.env ?? process.env)),
  };
  const common = { limit: limit === 0 ? Infinity : limit, ...(id !== undefined ? { id } : {}), ...(grep ? { grep } : {}) };
  if (rejected) {
    await showRejected(target, dropCounts(manifest.stages), {
      ...common,
      ...(values.stage !== undefined ? { stage: values.stage as string } : {}),
      ...(values.code !== undefined ? { code: values.code as string } : {}),
      limits: values.full ? FULL_RECORD : RECORD,
    });
    return 0;
  }
  const present = SPLITS.filter((s) => files[`${s}.jsonl`] !== undefined);
  if (split !== undefined && !present.includes(split as (typeof SPLITS)[number])) {
    throw new TunesetError(`${runDir} has no ${split} split; its splits: ${present.join(', ') || 'none (the run kept no example)'}`);
  }
  if (present.length === 0) return void io.stdout.write('the run kept no example (--rejected shows why)\n'), 0;
  await showExamples(target, { ...common, splits: split !== undefined ? [split] : present, clip: values.full ? NO_LIMITS : TRANSCRIPT });
  return 0;
};
