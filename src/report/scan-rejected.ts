import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord, type Json } from '../pipeline/item.js';
import { readLines } from '../stages/validate/read-lines.js';
import { snippet } from './text-snippet.js';

/** A dropped record as the report shows it: who, why, and a glance at what it held. */
export interface DroppedExample {
  id: string;
  detail?: Json;
  source: string;
  text: string;
}

/** A kept record and the copies of it that were dropped (exact `duplicate` or `near_duplicate`). */
export interface DuplicateCluster {
  keptId: string;
  kind: 'exact' | 'near';
  /** Every dropped member, counted. */
  dropped: number;
  /** The first MEMBERS_SHOWN of them. */
  members: { id: string; similarity?: number; text: string }[];
}

export interface RejectedScan {
  /** `stage\u0000code` -> the first EXAMPLES_PER_CODE records dropped with it. */
  examples: Map<string, DroppedExample[]>;
  clusters: DuplicateCluster[];
  /** Drops naming a kept id past CLUSTERS_TRACKED distinct ones are counted only. */
  clustersUntracked: number;
  /** URLs robots.txt kept the crawl from (robots_disallowed), the first ROBOTS_SHOWN. */
  robotsDisallowed: string[];
  /** Examples dropped as over_token_limit, per token count (from their detail): the histogram shows them past the limit. */
  overLimitTokens: Map<number, number>;
}

export const EXAMPLES_PER_CODE = 3;
const MEMBERS_SHOWN = 6;
const CODES_TRACKED = 300;
const CLUSTERS_TRACKED = 10_000;
const ROBOTS_SHOWN = 100;
const OVER_LIMIT_TRACKED = 50_000;

export const exampleKey = (stage: string, code: string) => `${stage}\u0000${code}`;

const sourceText = (source: unknown): string => {
  if (!isRecord(source) || typeof source['uri'] !== 'string') return '';
  return typeof source['line'] === 'number' ? `${source['uri']}:${source['line']}` : source['uri'];
};

/**
 * One streaming pass over rejected.jsonl: a few records per drop code, duplicate clusters (kept id
 * and dropped members, from the `keptId` in a duplicate's detail) and the URLs robots.txt refused.
 * Bounded: at most CLUSTERS_TRACKED clusters and MEMBERS_SHOWN members each are held.
 */
export const scanRejected = async (runDir: string): Promise<RejectedScan> => {
  const scan: RejectedScan = { examples: new Map(), clusters: [], clustersUntracked: 0, robotsDisallowed: [], overLimitTokens: new Map() };
  const path = join(runDir, 'rejected.jsonl');
  if (!existsSync(path)) return scan;
  const clusters = new Map<string, DuplicateCluster>();
  for await (const line of readLines(path)) {
    if (line.text === undefined || line.text === '') continue;
    let r: unknown;
    try {
      r = JSON.parse(line.text);
    } catch {
      continue;
    }
    if (!isRecord(r) || typeof r['stage'] !== 'string' || typeof r['code'] !== 'string') continue;
    const id = typeof r['id'] === 'string' ? r['id'] : `rejected.jsonl:${line.number}`;
    const key = exampleKey(r['stage'], r['code']);
    const list = scan.examples.get(key) ?? (scan.examples.size < CODES_TRACKED ? [] : undefined);
    if (list && list.length < EXAMPLES_PER_CODE) {
      list.push({ id, ...(r['detail'] !== undefined ? { detail: r['detail'] as Json } : {}), source: sourceText(r['source']), text: snippet(r['data']) });
      scan.examples.set(key, list);
    }
    const detail = isRecord(r['detail']) ? r['detail'] : {};
    if ((r['code'] === 'duplicate' || r['code'] === 'near_duplicate') && typeof detail['keptId'] === 'string') {
      const kind = r['code'] === 'duplicate' ? 'exact' : 'near';
      const ck = `${kind}\u0000${detail['keptId']}`;
      let cluster = clusters.get(ck);
      if (!cluster) {
        if (clusters.size >= CLUSTERS_TRACKED) {
          scan.clustersUntracked++;
          continue;
        }
        clusters.set(ck, (cluster = { keptId: detail['keptId'], kind, dropped: 0, members: [] }));
      }
      cluster.dropped++;
      if (cluster.members.length < MEMBERS_SHOWN) {
        cluster.members.push({ id, ...(typeof detail['similarity'] === 'number' ? { similarity: detail['similarity'] } : {}), text: snippet(r['data'], 160) });
      }
    }
    if (r['code'] === 'over_token_limit' && typeof detail['tokens'] === 'number' && scan.overLimitTokens.size < OVER_LIMIT_TRACKED) {
      scan.overLimitTokens.set(detail['tokens'], (scan.overLimitTokens.get(detail['tokens']) ?? 0) + 1);
    }
    if (r['code'] === 'robots_disallowed' && scan.robotsDisallowed.length < ROBOTS_SHOWN) scan.robotsDisallowed.push(id);
  }
  // Largest first; near before exact at equal size (the issue asks for near-duplicate clusters).
  scan.clusters = [...clusters.values()].sort((a, b) => b.dropped - a.dropped || (a.kind === b.kind ? (a.keptId < b.keptId ? -1 : 1) : a.kind === 'near' ? -1 : 1));
  return scan;
};
