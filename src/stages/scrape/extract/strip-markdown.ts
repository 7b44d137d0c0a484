import { closesFence, openingFence, parseHeading, type Fence } from './markdown-lines.js';

/**
 * Markdown to plain text, for sections split out of extractPage's markdown: the same shape as extractPage's
 * `text` (no markup, list items one per line, table cells tab-separated, code verbatim) without needing
 * the page again. A simple strip, not a parser: a lone `*` touching a word (`a*b`) is taken for emphasis.
 */
export function stripMarkdown(markdown: string): string {
  const out: string[] = [];
  let fence: Fence | undefined;
  for (const line of markdown.split('\n')) {
    if (fence !== undefined) {
      if (closesFence(line, fence)) fence = undefined;
      else out.push(line);
      continue;
    }
    const opening = openingFence(stripContainers(line));
    if (opening !== undefined) {
      fence = opening;
      continue;
    }
    const text = stripLine(line);
    if (text !== undefined) out.push(text);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').replace(/^\n+|\n+$/g, '');
}

const RULE = /^(?:-{3,}|\*{3,}|_{3,})$/;
const TABLE_SEPARATOR = /^\|(?:[ \t]*:?-+:?[ \t]*\|)+$/;
const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)/;

/** Leading indentation, quote markers and list markers, in any nesting. */
function stripContainers(line: string): string {
  let s = line.trimStart();
  for (;;) {
    if (s.startsWith('>')) s = s.slice(1).trimStart();
    else if (!RULE.test(s) && LIST_MARKER.test(s)) s = s.replace(LIST_MARKER, '');
    else return s;
  }
}

/** The line as text; undefined for a table's header separator, which is not a line of the table's text. */
function stripLine(line: string): string | undefined {
  const s = stripContainers(line);
  if (TABLE_SEPARATOR.test(s)) return undefined;
  if (RULE.test(s)) return '';
  if (s.startsWith('|')) {
    const cells = s.split(/(?<!\\)\|/).map((cell) => stripInline(cell.trim()));
    return cells.slice(1, s.endsWith('|') && !s.endsWith('\\|') ? -1 : undefined).join('\t');
  }
  const heading = parseHeading(s);
  return stripInline(heading === undefined ? s : heading.content);
}

// Unescaped emphasis and strikethrough markers touching text on at least one side (`2 * 3` keeps its star).
const EMPHASIS = /(?<!\\)(?:\*{1,3}|~~)(?=\S)|(?<=\S)(?<!\\)(?:\*{1,3}|~~)/g;
// `[text](destination)` and `![alt](src)`; the destination may hold one level of balanced parentheses. The
// text may not hold an unescaped bracket (extractPage escapes them), which keeps matching linear: with
// nested brackets allowed, `[[[[...` would rescan the rest of the line from every `[`.
const LINK = /!?\[((?:\\.|[^[\]\\])*)\]\((?:[^()\s\\]|\\.|\([^()\s]*\))*\)/g;
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
const PLACEHOLDER = /\u0000(\d+)\u0000/g;

/** Inline markdown to text: code spans keep their content literally; links, emphasis and escapes go. */
export function stripInline(md: string): string {
  // Code spans are set aside first so that nothing inside them is taken for markup.
  const spans: string[] = [];
  const s = replaceCodeSpans(md.replace(/\u0000/g, ''), (code) => `\u0000${spans.push(code) - 1}\u0000`);
  return s
    .replace(LINK, '$1')
    .replace(EMPHASIS, '')
    .replace(ESCAPE, '$1')
    .replace(PLACEHOLDER, (_, i: string) => spans[Number(i)] ?? '');
}

/**
 * Calls `replace` with the content of each code span: a backtick run closed by the next run of the same
 * length. Runs are listed once and each one's next same-length run precomputed, so unclosed runs cost
 * nothing extra (a search from each of them would be quadratic).
 */
function replaceCodeSpans(s: string, replace: (code: string) => string): string {
  if (!s.includes('`')) return s;
  const starts: number[] = [];
  const lengths: number[] = [];
  for (let i = s.indexOf('`'); i !== -1; ) {
    let end = i;
    while (s.charCodeAt(end) === 96) end++;
    starts.push(i);
    lengths.push(end - i);
    i = s.indexOf('`', end);
  }
  const nextSame = new Array<number>(starts.length).fill(-1);
  const lastByLength = new Map<number, number>();
  for (let r = starts.length - 1; r >= 0; r--) {
    const length = lengths[r] ?? 0;
    nextSame[r] = lastByLength.get(length) ?? -1;
    lastByLength.set(length, r);
  }
  let out = '';
  let from = 0;
  for (let r = 0; r < starts.length; r++) {
    const close = nextSame[r] ?? -1;
    if (close === -1) continue;
    const open = starts[r] ?? 0;
    const length = lengths[r] ?? 0;
    const closeAt = starts[close] ?? 0;
    let code = s.slice(open + length, closeAt);
    if (code.length > 1 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') code = code.slice(1, -1);
    out += s.slice(from, open) + replace(code);
    from = closeAt + length;
    r = close;
  }
  return out + s.slice(from);
}
