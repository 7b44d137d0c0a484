import { closeSync, mkdirSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { eachAppendOnlyJsonl } from '../../pipeline/append-only-jsonl.js';
import { AtomicLineFile } from '../../pipeline/atomic-file.js';
import { sha256 } from '../../pipeline/hash.js';
import { isRecord } from '../../pipeline/item.js';
import type { ExampleTokens } from '../../tokenizers/index.js';
import type { TrainingExample } from '../format/chat-example.js';
import { COUNT_KEY, CountIndex } from './count-index.js';

/** One counted example: the key (sha256 of the example, 32 hex digits), total and assistant tokens. */
interface CountLine {
  k: string;
  t: number;
  a: number;
}

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 2 ** 32;
const isCountLine = (v: unknown): v is CountLine => isRecord(v) && typeof v['k'] === 'string' && COUNT_KEY.test(v['k']) && isCount(v['t']) && isCount(v['a']);

/** ~55 bytes a line and 35-61 in memory (count-index.ts): 1M examples is about 55 MB on disk and 60 MB loaded. */
export const MAX_CACHED_COUNTS = 1_000_000;
const FLUSH_LINES = 512;

/**
 * Token counts of whole examples kept across runs, in `<cacheDir>/token-counts/<tokenizer>-<version>.jsonl`:
 * the key is the sha256 of the example as written, the version (tokenizer-version.ts) covers the
 * tokenizer, its package and data and the counting code, so a count is reused only for the same bytes
 * counted the same way; files of other versions of the tokenizer are deleted. Read on the first
 * lookup, appended as new examples are counted (a line cut short by a kill is skipped); past
 * MAX_CACHED_COUNTS the oldest lines are dropped when the file is next read. Only what the file
 * held when it was read stays in memory: a count made in this run is appended and forgotten, so
 * memory does not grow with the run (an example repeated within one run is counted again, to the
 * same numbers, and appended again; reading keeps one of the equal lines).
 */
export class CountCache {
  private readonly path: string;
  private counts: CountIndex | undefined;
  private pending: string[] = [];
  private fd: number | undefined;
  hits = 0;
  misses = 0;

  constructor(
    private readonly dir: string,
    private readonly tokenizer: string,
    version: string,
    private readonly maxEntries = MAX_CACHED_COUNTS,
  ) {
    this.path = join(dir, `${tokenizer}-${version}.jsonl`);
  }

  /** The key of an example: JSON.stringify is exact (a different example never shares it; a reordered one only misses). */
  static key(example: TrainingExample): string {
    return sha256(JSON.stringify(example)).slice(0, 32);
  }

  get(key: string): ExampleTokens | undefined {
    const hit = this.load().get(key);
    if (hit === undefined) this.misses++;
    else this.hits++;
    return hit;
  }

  put(key: string, tokens: ExampleTokens): void {
    const line: CountLine = { k: key, t: tokens.total, a: tokens.assistant };
    // Read first, so a torn last line is cut off before anything is appended after it.
    if (this.load().get(key) !== undefined) return;
    this.pending.push(`${JSON.stringify(line)}\n`);
    if (this.pending.length >= FLUSH_LINES) this.flush();
  }

  /** Writes what is pending (whole lines, so a kill tears at most the last). */
  flush(): void {
    if (this.pending.length === 0) return;
    this.fd ??= openSync(this.path, 'a');
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private load(): CountIndex {
    if (this.counts) return this.counts;
    mkdirSync(this.dir, { recursive: true });
    const mine = `${this.tokenizer}-`;
    for (const f of readdirSync(this.dir)) {
      if (f.startsWith(mine) && f.endsWith('.jsonl') && join(this.dir, f) !== this.path && /^[0-9a-f]{16}\.jsonl$/.test(f.slice(mine.length))) rmSync(join(this.dir, f), { force: true });
    }
    // Streamed straight into the index: a file of a million counts is never a string or an array of lines.
    // Repaired: the next line is appended to this file and must not land on a torn fragment.
    const read = (visit: (line: CountLine) => void) =>
      eachAppendOnlyJsonl(this.path, { check: isCountLine, what: 'a token count', remedy: 'Delete it; the examples are then counted again.', repair: true }, visit).values;
    let counts = new CountIndex();
    const lines = read((l) => counts.add(l.k, { total: l.t, assistant: l.a }));
    if (lines > this.maxEntries) {
      // Past the bound (rare): read again, keeping and rewriting only the newest lines.
      counts = new CountIndex();
      const file = new AtomicLineFile(this.path);
      let skip = lines - this.maxEntries;
      try {
        read((l) => {
          if (skip > 0) return void skip--;
          counts.add(l.k, { total: l.t, assistant: l.a });
          file.writeLine(JSON.stringify(l));
        });
        file.commit();
      } catch (error) {
        file.abort();
        throw error;
      }
    }
    return (this.counts = counts);
  }
}
