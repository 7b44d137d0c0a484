import { describeOptions, type OptionDoc } from '../pipeline/option-docs.js';
import { CATALOG, type CatalogEntry } from './catalog.js';

// A table cell holds one line, and a bare `|` would end the cell even inside a code span.
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string) => `\`${cell(text)}\``;

/** `required`, the default as code, the text of what absence means, or a dash. */
export const defaultCell = (o: OptionDoc): string => {
  if (o.default !== undefined) return code(o.default);
  if (o.whenAbsent !== undefined) return cell(o.whenAbsent);
  return o.required ? 'required' : '—';
};

const optionsTable = (entry: CatalogEntry): string[] => {
  const options = describeOptions(entry.options);
  if (options.length === 0) return ['No options.'];
  return [
    '| option | type | default | description |',
    '|---|---|---|---|',
    ...options.map((o) => `| ${code(o.path)} | ${code(o.type)} | ${defaultCell(o)} | ${cell(o.description)} |`),
  ];
};

const codesTable = (entry: CatalogEntry): string[] => {
  const codes = Object.entries(entry.dropCodes);
  if (codes.length === 0) return ['Drops nothing.'];
  return ['| code | meaning |', '|---|---|', ...codes.map(([c, meaning]) => `| ${code(c)} | ${cell(meaning)} |`)];
};

const errorCodesTable = (entry: CatalogEntry): string[] => {
  const codes = Object.entries(entry.errorCodes ?? {});
  if (codes.length === 0) return [];
  return ['', '**Error codes** (error entries, within `maxErrors`: `detail.code` in rejected.jsonl)', '', '| code | meaning |', '|---|---|', ...codes.map(([c, meaning]) => `| ${code(c)} | ${cell(meaning)} |`)];
};

const section = (entry: CatalogEntry): string[] => [
  `### ${entry.name}`,
  '',
  `\`${entry.factory}(options)\`, a ${entry.kind === 'source' ? 'source' : 'stage'}. ${entry.summary}`,
  ...(entry.notes ? ['', entry.notes] : []),
  '',
  '**Options**',
  '',
  ...optionsTable(entry),
  '',
  '**Drop codes**',
  '',
  ...codesTable(entry),
  ...errorCodesTable(entry),
  '',
];

const contents = (entries: readonly CatalogEntry[]) => entries.map((e) => `[${e.name}](#${e.name})`).join(', ');

/**
 * docs/reference.md, generated: every source and stage with its options (from the zod schemas) and
 * drop codes (from the catalog). test/docs/reference.test.ts fails when the checked-in file differs.
 */
export const renderReference = (catalog: readonly CatalogEntry[] = CATALOG): string => {
  const sources = catalog.filter((e) => e.kind === 'source');
  const stages = catalog.filter((e) => e.kind === 'transform');
  return [
    '# Reference: sources and stages',
    '',
    '<!-- Generated from src/stages/catalog.ts and the stages\' zod schemas by `npm run docs`. Do not edit by hand. -->',
    '',
    'Every source and stage a pipeline can use, with its options and the codes it drops records with',
    '(each drop is a line in `rejected.jsonl`). `tuneset stages` prints the same, `tuneset stages <name>`',
    'one of them in full. Options are checked when the pipeline file is loaded: an unknown option or a',
    'bad value fails there, naming the stage and the option path. A default in code font is the value',
    'used when the option is left out; a default in words says what leaving it out means.',
    '',
    `Sources: ${contents(sources)}.`,
    '',
    `Stages: ${contents(stages)}.`,
    '',
    '## Sources',
    '',
    ...sources.flatMap(section),
    '## Stages',
    '',
    ...stages.flatMap(section),
  ]
    .join('\n')
    .replace(/\n+$/, '\n');
};
