import { createHash } from 'node:crypto';
import type { JobTag } from '../../train/trainer.js';

/**
 * Fireworks takes ids the client chooses (datasetId, supervisedFineTuningJobId) and keeps them
 * unique per account: what makes a re-run find what an earlier, killed run made. Both ids here
 * are pure functions of what the run already knows, so a re-run computes the same ones. Ids
 * follow the rule Fireworks' resource ids share (Google AIP-122 user-settable ids): lowercase
 * letters, digits and hyphens, first a letter, last a letter or digit, at most 63 characters.
 */
export const MAX_ID_LENGTH = 63;
export const RESOURCE_ID = /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Lowercase, anything else a hyphen, no runs of hyphens, none at either end. */
const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** `text` cut to `length` without leaving a hyphen at the cut. */
const clip = (text: string, length: number): string => text.slice(0, length).replace(/-+$/, '');

/**
 * The dataset id for an upload: its file name (which holds the run id, the split and the sha256 of
 * the content) as an id. A name too long keeps its start and gets 12 hex of the full name's sha256,
 * so two names never share an id because their ends were cut.
 */
export const datasetIdFor = (filename: string): string => {
  let id = slug(filename.replace(/\.jsonl$/i, ''));
  if (!/^[a-z]/.test(id)) id = `ds-${id}`;
  if (id.length <= MAX_ID_LENGTH) return id;
  const hash = sha256(filename).slice(0, 12);
  return `${clip(id, MAX_ID_LENGTH - hash.length - 1)}-${hash}`;
};

/**
 * The job id for a tag: `tuneset-<run id, cut>-<16 hex of the tag's sha256>-a<attempt>`. The hash
 * covers the whole tag (run id, manifest sha256, attempt), so a different manifest or attempt is a
 * different id even where the run id was cut.
 */
export const jobIdFor = (tag: JobTag): string => {
  const hash = sha256(`${tag.runId}\n${tag.manifestSha256}\n${tag.attempt}`).slice(0, 16);
  const tail = `-${hash}-a${tag.attempt}`;
  const run = clip(slug(tag.runId), MAX_ID_LENGTH - 'tuneset-'.length - tail.length);
  return `tuneset${run ? `-${run}` : ''}${tail}`;
};

/**
 * The job's displayName: the tag again, readable in Fireworks' console, and a second check that a
 * job with our id is ours. Kept under 64 characters (manifest sha256 cut to 16 hex; the id holds
 * the hash of the whole tag).
 */
export const displayNameFor = (tag: JobTag): string => clip(`tuneset ${tag.manifestSha256.slice(0, 16)} #${tag.attempt} ${tag.runId}`, MAX_ID_LENGTH);

/** The last segment of a resource name (`accounts/a/datasets/x` → `x`). */
export const lastSegment = (name: string): string => name.slice(name.lastIndexOf('/') + 1);
