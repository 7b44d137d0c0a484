import type { ExportIssue, ReportedIssue } from './types.js';

const SHOWN_IDS = 5;

/** Issues by code, each with the ids of the examples it was found in, in file order. */
export class IssueLog {
  readonly #byCode = new Map<string, ReportedIssue>();

  add(id: string, issues: readonly ExportIssue[]): void {
    for (const issue of issues) {
      let entry = this.#byCode.get(issue.code);
      if (!entry) this.#byCode.set(issue.code, (entry = { ...issue, ids: [] }));
      if (entry.ids.at(-1) !== id) entry.ids.push(id);
    }
  }

  get refusals(): ReportedIssue[] {
    return [...this.#byCode.values()].filter((i) => i.action === 'refuse');
  }

  get warnings(): ReportedIssue[] {
    return [...this.#byCode.values()].filter((i) => i.action === 'warn');
  }
}

/** `3 examples: a, b, c` or `12 examples: a, b, c, d, e and 7 more`. */
export const describeIds = (ids: readonly string[]): string => {
  const shown = ids.slice(0, SHOWN_IDS).join(', ');
  const more = ids.length > SHOWN_IDS ? ` and ${ids.length - SHOWN_IDS} more` : '';
  return `${ids.length} example${ids.length === 1 ? '' : 's'}: ${shown}${more}`;
};

export const describeIssue = (issue: ReportedIssue): string => `${issue.code}: ${issue.message} (${describeIds(issue.ids)})`;
