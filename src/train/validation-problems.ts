import { isRecord, type Json } from '../pipeline/item.js';
import type { Manifest } from '../pipeline/manifest.js';
import { OPENAI_MIN_EXAMPLES } from '../stages/validate/validate-file.js';
import { validationReport } from './run-directory.js';

/** One split's section of the format-validation report (src/stages/validate/split-report.ts). */
interface SplitSection {
  ok: boolean;
  examples: number;
  errors: number;
  countsByCategory: Record<string, number>;
  format: string;
  firstErrors: { line: number | null; category: string; message: string }[];
}

/** Errors quoted per file: the first few say what is wrong; `tuneset validate` lists them all. */
const QUOTED = 3;

const isSection = (v: Json | undefined): v is Json & SplitSection => isRecord(v) && typeof v['ok'] === 'boolean' && typeof v['examples'] === 'number';

const examples = (n: number) => `${n} example${n === 1 ? '' : 's'}`;

/** "would have 4 examples; OpenAI requires at least 10", the minimum read from the report's own message. */
const tooFew = (file: string, s: SplitSection): string => {
  const error = s.firstErrors.find((e) => e.category === 'invalid_n_examples');
  const min = Number(/at least (\d+)/.exec(error?.message ?? '')?.[1] ?? NaN);
  const who = Number.isNaN(min)
    ? 'fewer than the minimum'
    : min === OPENAI_MIN_EXAMPLES
      ? `OpenAI requires at least ${min}`
      : `the pipeline requires at least ${min} (validateChat minExamples)`;
  return `${file} would have ${examples(s.examples)}; ${who}`;
};

const lineErrors = (file: string, s: SplitSection, count: number): string => {
  const byCategory = Object.entries(s.countsByCategory)
    .filter(([c]) => c !== 'invalid_n_examples')
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([c, n]) => `${c} ${n}`);
  const quoted = s.firstErrors
    .filter((e) => e.category !== 'invalid_n_examples')
    .slice(0, QUOTED)
    .map((e) => `${e.line === null ? '' : `line ${e.line} `}${e.category}: ${e.message}`);
  return `${file} has ${count} format error${count === 1 ? '' : 's'} (${byCategory.join(', ')}): ${quoted.join('; ')}${count > quoted.length ? '; …' : ''}`;
};

/**
 * Why OpenAI would refuse a run's files, one line per failing check with its numbers: a train
 * file under the minimum, the format errors of each file (counts by category, the first lines),
 * files of different formats. Empty when the run's format validation passed or there was none.
 */
export const validationProblems = (manifest: Manifest): string[] => {
  const report = validationReport(manifest) as (Record<string, Json> & { ok: boolean }) | undefined;
  if (!report || report.ok) return [];
  const problems: string[] = [];
  const formats: string[] = [];
  for (const [split, section] of Object.entries(report)) {
    if (!isSection(section)) continue;
    const file = `${split}.jsonl`;
    if (section.format !== 'empty') formats.push(`${file} ${section.format}`);
    if (section.ok) continue;
    const tooFewCount = section.countsByCategory['invalid_n_examples'] ?? 0;
    if (tooFewCount > 0) problems.push(tooFew(file, section));
    if (section.errors > tooFewCount) problems.push(lineErrors(file, section, section.errors - tooFewCount));
  }
  if (report['format'] === 'mixed') problems.push(`the files do not share one format (${formats.join(', ')}); a fine-tuning job takes one`);
  // A report this code cannot read (made by another version) still fails the run, saying where to look.
  return problems.length > 0 ? problems : ['format validation failed; its report is in manifest.json under reports'];
};
