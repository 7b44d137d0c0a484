/**
 * Line-level markdown syntax shared by splitSections and stripMarkdown: code fences (so that `# comment` in
 * a shell snippet is never a heading) and ATX headings. Only what extractPage's markdown uses is recognised;
 * headings count only at the start of a line, since indented ones belong to a list item or code.
 */
export interface Fence {
  readonly char: '`' | '~';
  readonly length: number;
}

const FENCE_OPEN = /^\s*(`{3,}|~{3,})/;
const FENCE_CLOSE = /^\s*(`{3,}|~{3,})[ \t]*$/;

/** The fence a line opens, if it opens one (a backtick fence's info string may not contain a backtick). */
export function openingFence(line: string): Fence | undefined {
  const run = FENCE_OPEN.exec(line)?.[1];
  if (run === undefined) return undefined;
  const char = run.charAt(0) === '`' ? '`' : '~';
  if (char === '`' && line.indexOf('`', line.indexOf(run) + run.length) !== -1) return undefined;
  return { char, length: run.length };
}

/** Whether `line` closes `fence`: the same character, at least as many, nothing after. */
export function closesFence(line: string, fence: Fence): boolean {
  const run = FENCE_CLOSE.exec(line)?.[1];
  return run !== undefined && run.charAt(0) === fence.char && run.length >= fence.length;
}

export interface Heading {
  level: number;
  /** The heading's inline markdown, without the `#`s or a closing sequence. */
  content: string;
}

const HEADING = /^(#{1,6})(?:[ \t]+|$)/;

export function parseHeading(line: string): Heading | undefined {
  const match = HEADING.exec(line);
  if (match === null) return undefined;
  let content = line.slice(match[0].length).trimEnd();
  // An optional closing sequence: `## Title ##`. `C#` keeps its `#` (no space before it), so does `\#`.
  let end = content.length;
  while (end > 0 && content.charAt(end - 1) === '#') end--;
  if (end < content.length && (end === 0 || content.charAt(end - 1) === ' ' || content.charAt(end - 1) === '\t')) {
    content = content.slice(0, end).trimEnd();
  }
  return { level: match[1]?.length ?? 1, content };
}
