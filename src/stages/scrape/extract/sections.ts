import { closesFence, openingFence, parseHeading, type Fence } from './markdown-lines.js';
import { stripInline, stripMarkdown } from './strip-markdown.js';

export interface PageSection {
  /** The heading as plain text; '' for the content before the first heading. */
  heading: string;
  /** 1-6; 0 for the content before the first heading. */
  level: number;
  /** Headings above it, outermost first. */
  path: string[];
  /** The section's markdown without its own heading line; deeper headings stay in it. */
  markdown: string;
  text: string;
}

export interface SplitSectionsOptions {
  /** Headings of this level or above start a section. @default 3 */
  maxLevel?: number;
}

/**
 * Splits markdown into sections at headings of level <= maxLevel, for turning a docs page into question and
 * answer pairs. Content before the first heading becomes a section with heading '' (left out when empty);
 * a heading directly followed by a subheading still gives a section, with empty markdown, so that paths
 * stay complete. Headings inside code fences or indented (in a list item) never split.
 */
export function splitSections(markdown: string, options: SplitSectionsOptions = {}): PageSection[] {
  const maxLevel = options.maxLevel ?? 3;
  const sections: PageSection[] = [];
  const outline: { level: number; heading: string }[] = [];
  let current = { heading: '', level: 0, path: [] as string[], lines: [] as string[] };
  let fence: Fence | undefined;

  const finish = (): void => {
    const md = trimBlankLines(current.lines);
    if (current.level === 0 && md === '') return;
    sections.push({ heading: current.heading, level: current.level, path: current.path, markdown: md, text: stripMarkdown(md) });
  };

  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (fence !== undefined) {
      if (closesFence(line, fence)) fence = undefined;
    } else {
      fence = openingFence(line);
      const heading = fence === undefined ? parseHeading(line) : undefined;
      if (heading !== undefined && heading.level <= maxLevel) {
        finish();
        while ((outline[outline.length - 1]?.level ?? 0) >= heading.level) outline.pop();
        const text = stripInline(heading.content);
        current = { heading: text, level: heading.level, path: outline.map((h) => h.heading), lines: [] };
        outline.push({ level: heading.level, heading: text });
        continue;
      }
    }
    current.lines.push(line);
  }
  finish();
  return sections;
}

function trimBlankLines(lines: readonly string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]?.trim() === '') start++;
  while (end > start && lines[end - 1]?.trim() === '') end--;
  return lines.slice(start, end).join('\n');
}
