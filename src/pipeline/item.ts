/** A JSON value: every record, meta field and report section must be one. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Where a record came from, so any output line can be traced back to its input. */
export interface ItemSource {
  uri: string;
  line?: number;
  /** Crawled pages: the URL after redirects, when and how it was fetched, and what robots.txt said. */
  finalUrl?: string;
  fetchedAt?: string;
  status?: number;
  etag?: string;
  lastModified?: string;
  contentHash?: string;
  robots?: string;
  render?: string;
}

/** The record every stage passes on (design.md, "Records"). */
export interface Item<T> {
  /** Stable across runs: the source's own id (an AR-LSAT question id) or a normalised URL. */
  id: string;
  /** Items that must land in the same split; split resolves it through the run's union-find. */
  group?: string;
  source: ItemSource;
  data: T;
  meta: Record<string, Json>;
}

/** Why a record left the pipeline: a snake_case code plus structured detail. */
export interface DropReason {
  code: string;
  detail?: Json;
}

/** A plain object (not null, not an array): the shape checks of JSON records start here. */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "array", "null", "string"...: for messages that say what was found instead of what was expected. */
export const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
