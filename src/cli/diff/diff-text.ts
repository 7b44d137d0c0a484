import type { ChangedExample } from '../../runs/changed-examples.js';
import type { ExampleCounts, RunDiff } from '../../runs/types.js';
import { displayPath } from '../display-path.js';
import { formatInt, formatTable, formatUsd } from '../format-table.js';
import { makePaint } from '../show/paint.js';
import { renderTranscript } from '../show/render-example.js';
import { alignLines, renderSideBySide } from './side-by-side.js';

// Generous: only the changes and their context are shown, and the cut must not hide a change.
const CLIP = { lines: 400, chars: 40_000 };
const plain = makePaint(false);
const IDS_SHOWN = 10;
const STABLE_HINT =
  'split({ ..., stable: true }) places each group by a hash of its own key, so adding, removing or changing other examples moves none (with the same seed and shares); the default balances groups, and one more or less can move others';

const counts = (label: string, c: ExampleCounts): string[] => [label, formatInt(c.added), formatInt(c.removed), formatInt(c.changed), formatInt(c.unchanged)];
const table = (first: string, rows: [string, ExampleCounts][]) => formatTable([first, 'added', 'removed', 'changed', 'unchanged'], rows.map(([k, c]) => counts(k, c)));
const signed = (n: number, text: string) => (n > 0 ? `+${text}` : n < 0 ? `-${text}` : text);
const idList = (ids: readonly string[]) => (ids.length <= IDS_SHOWN ? ids.join(', ') : `${ids.slice(0, IDS_SHOWN).join(', ')} and ${formatInt(ids.length - IDS_SHOWN)} more`);

const costLine = (cost: RunDiff['cost']): string => {
  if (cost.a === null || cost.b === null || cost.delta === null) return 'Cost estimate: not known for both runs (no token count or no training price)';
  return `Cost estimate: ${formatUsd(cost.a)} -> ${formatUsd(cost.b)} (${signed(cost.delta, formatUsd(Math.abs(cost.delta)))})`;
};

const transcript = (line: string): string[] => {
  try {
    return renderTranscript(JSON.parse(line), { paint: plain, clip: CLIP });
  } catch {
    return [line];
  }
};

/** One changed example, old | new, aligned line by line. */
export const changedExampleText = (ex: ChangedExample, width: number): string[] => {
  const rows = alignLines(transcript(ex.a.line), transcript(ex.b.line));
  const where = (side: { split: string }) => side.split;
  return [`${ex.id}${ex.a.split !== ex.b.split ? ` (moved ${ex.a.split} -> ${ex.b.split})` : ''}`, ...renderSideBySide(rows, { width, titles: [`old (${where(ex.a)})`, `new (${where(ex.b)})`] }), ''];
};

/** `tuneset diff` as text: counts, per split and label, tokens and cost, warnings, then a few changed examples. */
export const formatRunDiff = (d: RunDiff, shown: readonly ChangedExample[], width: number): string => {
  const out: string[] = [
    `a: ${d.a.runId}  ${displayPath(d.a.runDir)}  hash ${d.a.hash.slice(0, 12)}`,
    `b: ${d.b.runId}  ${displayPath(d.b.runDir)}  hash ${d.b.hash.slice(0, 12)}${d.a.hash === d.b.hash ? ' (the same examples)' : ''}`,
    '',
    table('examples', [['all', d.examples], ...Object.entries(d.splits)]),
    '',
    table(`label (meta.${d.labelField})`, Object.entries(d.labels)),
    '',
    `Tokens: ${formatInt(d.tokens.a)} -> ${formatInt(d.tokens.b)} (${signed(d.tokens.delta, formatInt(Math.abs(d.tokens.delta)))})`,
    costLine(d.cost),
  ];
  if (d.ids.added.length > 0) out.push(`Added: ${idList(d.ids.added)}`);
  if (d.ids.removed.length > 0) out.push(`Removed: ${idList(d.ids.removed)}`);
  if (d.ids.changed.length > 0) out.push(`Changed: ${idList(d.ids.changed)}`);
  if (d.moved.count > 0) {
    out.push(
      '',
      `warning: ${formatInt(d.moved.count)} example${d.moved.count === 1 ? '' : 's'} moved between splits (${idList(d.moved.ids)}): the split is not stable ` +
        'between these runs, so scores on their validation or test splits are not comparable',
      // Where the fix is: the default split balances groups, so a change elsewhere can move a group.
      `  ${STABLE_HINT}`,
    );
  }
  if (d.duplicates.a + d.duplicates.b > 0) {
    out.push('', `warning: repeated ids (a: ${d.duplicates.a}, b: ${d.duplicates.b}); each repeat is compared as <id>#2, <id>#3, ... in meta.jsonl order`);
  }
  if (shown.length > 0) {
    out.push('', `Changed examples (${shown.length} of ${formatInt(d.ids.changed.length)}; --show N for more):`, '');
    for (const ex of shown) out.push(...changedExampleText(ex, width));
  }
  return `${out.join('\n').trimEnd()}\n`;
};
