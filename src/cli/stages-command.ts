import { UsageError } from '../pipeline/errors.js';
import { describeOptions } from '../pipeline/option-docs.js';
import { CATALOG, findCatalogEntry, type CatalogEntry } from '../stages/catalog.js';
import { parseCommandLine } from './args.js';
import type { Io } from './cli.js';
import { formatOptionList, wrapText } from './option-text.js';

export const STAGES_HELP = `Usage: tuneset stages [name]

Lists every source and stage a pipeline can use: name, factory, what it does, its options and its
drop codes. With a name (the stage name or the factory, e.g. near-dedupe or nearDedupe), prints
that one in full: each option's type, default and description, and what each drop code means.
docs/reference.md holds the same, generated from the same schemas.

Options:
  -h, --help   show this help`;

const kindLabel = (e: CatalogEntry) => (e.kind === 'source' ? 'a source' : 'a stage');

const INDENT = '    ';

const brief = (e: CatalogEntry, nameWidth: number): string[] => {
  const options = describeOptions(e.options).filter((o) => !o.path.includes('.'));
  const codes = Object.keys(e.dropCodes);
  return [
    `  ${e.name.padEnd(nameWidth)}  ${e.factory}()`,
    ...wrapText(e.summary, INDENT),
    // The label is part of the first line's indent, so the list lines up under itself.
    ...wrapText(options.map((o) => o.path).join(', ') || 'none', `${INDENT}options: `, `${INDENT}         `),
    ...wrapText(codes.join(', ') || 'nothing', `${INDENT}drops:   `, `${INDENT}         `),
  ];
};

/** The whole catalog, one short block per entry. */
export const formatStageList = (): string => {
  const nameWidth = Math.max(...CATALOG.map((e) => e.name.length));
  const group = (kind: CatalogEntry['kind']) => CATALOG.filter((e) => e.kind === kind).flatMap((e) => brief(e, nameWidth));
  return ['Sources', ...group('source'), '', 'Stages', ...group('transform'), '', "Run 'tuneset stages <name>' for one in full."].join('\n');
};

const errorCodeLines = (e: CatalogEntry): string[] => {
  const codes = Object.entries(e.errorCodes ?? {});
  if (codes.length === 0) return [];
  const width = Math.max(...codes.map(([c]) => c.length));
  return ['', 'Error codes (error entries within maxErrors, detail.code in rejected.jsonl):', ...codes.flatMap(([code, meaning]) => wrapText(meaning, `  ${code.padEnd(width)}  `, ' '.repeat(width + 4)))];
};

/** One entry in full: what it is, every option, every drop code with its meaning. */
export const formatStage = (e: CatalogEntry): string => {
  const options = describeOptions(e.options);
  const codes = Object.entries(e.dropCodes);
  const codeWidth = Math.max(0, ...codes.map(([c]) => c.length));
  return [
    `${e.name}: ${e.factory}(options), ${kindLabel(e)}`,
    ...wrapText(e.summary, ''),
    ...(e.notes ? ['', ...wrapText(e.notes, '')] : []),
    '',
    'Options:',
    ...(options.length > 0 ? formatOptionList(options) : ['  none']),
    '',
    'Drop codes:',
    ...(codes.length > 0
      ? codes.flatMap(([code, meaning]) => wrapText(meaning, `  ${code.padEnd(codeWidth)}  `, ' '.repeat(codeWidth + 4)))
      : ['  none: it drops nothing']),
    ...errorCodeLines(e),
  ].join('\n');
};

export const stagesCommand = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parseCommandLine('stages', argv, {});
  if (values.help) {
    io.stdout.write(`${STAGES_HELP}\n`);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`tuneset stages takes at most one name, got ${positionals.length}. See 'tuneset stages --help'.`);
  const name = positionals[0];
  if (name === undefined) {
    io.stdout.write(`${formatStageList()}\n`);
    return 0;
  }
  const entry = findCatalogEntry(name);
  if (!entry) throw new UsageError(`no source or stage named "${name}". Known: ${CATALOG.map((e) => e.name).join(', ')}`);
  io.stdout.write(`${formatStage(entry)}\n`);
  return 0;
};
