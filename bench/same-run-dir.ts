// Checks that two runs of the same build (--workers 1 and the default) wrote the same run directory:
// the sha256 of every data file, and manifest.json equal once the timing fields are taken out.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DATA_FILES = ['train.jsonl', 'validation.jsonl', 'test.jsonl', 'meta.jsonl', 'rejected.jsonl'] as const;

export interface SameRunDir {
  ok: boolean;
  /** sha256 per data file present in either directory (null: absent there). */
  files: Record<string, { a: string | null; b: string | null }>;
  /** JSON paths in manifest.json that differ, timing fields apart (at most 10 listed). */
  manifestDiffs: string[];
}

/**
 * Keys that hold how long something took, not what was written: stage self times (`ms`) and any
 * `...Ms` / `...Seconds` field a report adds. Nothing else may differ between worker counts.
 */
export const isTimingKey = (key: string): boolean => key === 'ms' || /(Ms|Seconds)$/.test(key);

const sha256File = (path: string): Promise<string | null> =>
  existsSync(path)
    ? new Promise((done, fail) => {
        const hash = createHash('sha256');
        createReadStream(path)
          .on('data', (chunk) => hash.update(chunk))
          .on('error', fail)
          .on('end', () => done(hash.digest('hex')));
      })
    : Promise.resolve(null);

/** The paths where `a` and `b` differ, skipping timing keys at any depth. */
export const jsonDiffs = (a: unknown, b: unknown, path = '$', out: string[] = []): string[] => {
  if (Object.is(a, b)) return out;
  const bothObjects = typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects) {
    out.push(path);
    return out;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    if (!Array.isArray(a) && isTimingKey(key)) continue;
    jsonDiffs(ra[key], rb[key], Array.isArray(a) ? `${path}[${key}]` : `${path}.${key}`, out);
  }
  return out;
};

export const compareRunDirs = async (a: string, b: string): Promise<SameRunDir> => {
  const files: SameRunDir['files'] = {};
  for (const name of DATA_FILES) {
    const [ha, hb] = await Promise.all([sha256File(join(a, name)), sha256File(join(b, name))]);
    if (ha !== null || hb !== null) files[name] = { a: ha, b: hb };
  }
  const manifest = (dir: string): unknown => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const manifestDiffs = jsonDiffs(manifest(a), manifest(b)).slice(0, 10);
  const sameFiles = Object.values(files).every((f) => f.a !== null && f.a === f.b);
  return { ok: sameFiles && Object.keys(files).length > 0 && manifestDiffs.length === 0, files, manifestDiffs };
};
