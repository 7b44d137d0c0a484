import { createHash } from 'node:crypto';
import type { JobTag } from '../../train/trainer.js';

/**
 * Nebius' job object has no `metadata` (its create body and job schema list none), but it keeps the
 * `suffix` we send (string, at most 64 characters) and returns it on every job, listed or
 * retrieved. So the JobTag lives at the end of the suffix: `<pipeline suffix>-ts-<token>`, where
 * the token is the first 24 hex digits (96 bits) of sha256 over the run id, the manifest sha256 and
 * the attempt. A job is ours only if its suffix ends with exactly that token: a stranger's job
 * would need the same run id, manifest hash and attempt to carry it, and a different attempt or a
 * changed manifest gives a different token.
 */
const SUFFIX_MAX = 64;
const TOKEN_HEX = 24;
const MARK = 'ts-';

export const tagToken = (tag: JobTag): string =>
  `${MARK}${createHash('sha256').update(`${tag.runId}\n${tag.manifestSha256}\n${tag.attempt}`).digest('hex').slice(0, TOKEN_HEX)}`;

/** The suffix to send: the pipeline's suffix (lower-case letters, digits and dashes) then the tag token. */
export const taggedSuffix = (suffix: string | undefined, tag: JobTag): string => {
  const token = tagToken(tag);
  const room = SUFFIX_MAX - token.length - 1;
  const readable = (suffix ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, room)
    .replace(/-+$/, '');
  return readable ? `${readable}-${token}` : token;
};

/** Whether a job's suffix carries exactly this tag. */
export const suffixHasTag = (suffix: string | null | undefined, tag: JobTag): boolean => {
  if (!suffix) return false;
  const token = tagToken(tag);
  return suffix === token || suffix.endsWith(`-${token}`);
};
