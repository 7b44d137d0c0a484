import { createHash } from 'node:crypto';
import type { JobTag } from '../../train/trainer.js';

/**
 * Together keeps no metadata on a fine-tuning job, so the tag rides in the one free-text field it
 * stores and lists back: the `suffix` (at most 40 characters, which also names the fine-tuned
 * model). The suffix ends in `ts-` and 20 hex digits of the sha256 of run id, manifest sha256 and
 * attempt: 80 bits, so another run, another manifest or another attempt never produces it, and a
 * job whose suffix does not end in exactly it is never adopted.
 */
export const SUFFIX_MAX = 40;
const MARK_HEX = 20;

export const tagMark = (tag: JobTag): string =>
  `ts-${createHash('sha256').update(`${tag.runId}\n${tag.manifestSha256}\n${tag.attempt}`).digest('hex').slice(0, MARK_HEX)}`;

/** The user's suffix (letters, digits and hyphens kept, cut to fit) followed by the tag's mark. */
export const taggedSuffix = (userSuffix: string | undefined, tag: JobTag): string => {
  const mark = tagMark(tag);
  const room = SUFFIX_MAX - mark.length - 1;
  const user = (userSuffix ?? '').replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, room).replace(/-+$/, '');
  return user ? `${user}-${mark}` : mark;
};

/** Whether a job's suffix carries exactly this tag (ends in its mark, as a whole word). */
export const suffixHasTag = (suffix: string | null | undefined, tag: JobTag): boolean => {
  if (!suffix) return false;
  const mark = tagMark(tag);
  return suffix === mark || suffix.endsWith(`-${mark}`);
};
