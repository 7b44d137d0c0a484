export interface LeakageReport {
  ok: boolean;
  /** Groups found on more than one side (never expected: assignment is per group). */
  sharedGroups: string[];
  /** Content hashes found on more than one side. */
  sharedContent: string[];
}

/** Checks, independently of how splits were assigned, that no group and no content is on two sides. */
export const checkLeakage = (items: Iterable<{ group: string; content: string | number; split: string | number }>): LeakageReport => {
  const groupSide = new Map<string, string | number>();
  const contentSide = new Map<string | number, string | number>();
  const sharedGroups = new Set<string>();
  const sharedContent = new Set<string>();
  for (const { group, content, split } of items) {
    const g = groupSide.get(group);
    if (g === undefined) groupSide.set(group, split);
    else if (g !== split) sharedGroups.add(group);
    const c = contentSide.get(content);
    if (c === undefined) contentSide.set(content, split);
    else if (c !== split) sharedContent.add(typeof content === 'number' ? content.toString(16) : content);
  }
  return { ok: sharedGroups.size === 0 && sharedContent.size === 0, sharedGroups: [...sharedGroups].sort(), sharedContent: [...sharedContent].sort() };
};
