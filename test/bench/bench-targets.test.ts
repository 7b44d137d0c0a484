import { describe, expect, it } from 'vitest';
import { evaluateTargets, marginalMemory, marginalVerdict, type RunMeasure, type SizeResult } from '../../bench/results.js';

const run = (peakRssMB: number, recordsPerSec: number, streamPeakRssMB?: number): RunMeasure => ({
  ok: true,
  wallMs: 1000,
  processMs: 1100,
  recordsPerSec,
  mbPerSec: 1,
  peakRssMB,
  report: { mode: 'pipeline', wallMs: 1000, peakRssMB, samples: [], ...(streamPeakRssMB === undefined ? {} : { streamPeakRssMB }) },
});

const size = (records: number, peak: number, stream: number, rate = 1300): SizeResult => ({
  size: records,
  corpus: { path: 'x', records, passages: 1, duplicates: 0, bytes: records * 1000, seed: 1, generatorVersion: 1, cached: true },
  pipeline: run(peak, rate, stream),
  baseline: run(100, 1000),
  exactOnly: run(peak, rate),
  workers: 2,
  ratio: rate / 1000,
  exactRatio: rate / 1000,
  nearOverExact: 1,
});

const MiB = 1024 * 1024;

describe('bench targets', () => {
  it('marginal memory is the RSS difference over the records difference, for peak and streaming RSS', () => {
    // 900,000 more records, 90,000,000 more bytes of peak: 100 bytes/record.
    const [m] = marginalMemory([size(100_000, 300, 200), size(1_000_000, 300 + 90_000_000 / MiB, 200 + 45_000_000 / MiB)]);
    expect(m!.peakBytesPerRecord).toBeCloseTo(100, 6);
    expect(m!.streamBytesPerRecord).toBeCloseTo(50, 6);
  });

  it('judges the marginal row only between sizes far enough apart', () => {
    expect(marginalVerdict([size(100_000, 300, 200), size(1_000_000, 380, 250)]).verdict).toBe('PASS');
    expect(marginalVerdict([size(100_000, 300, 200), size(1_000_000, 500, 250)]).verdict).toBe('MISS');
    expect(marginalVerdict([size(200_000, 300, 200), size(500_000, 301, 200)])).toMatchObject({ verdict: 'n/a', value: expect.stringContaining('under 5x the smaller') });
    expect(marginalVerdict([size(2_000, 300, 200), size(10_000, 301, 200)])).toMatchObject({ verdict: 'n/a', value: expect.stringContaining('under 500,000') });
    expect(marginalVerdict([size(2_000, 300, 200)]).verdict).toBe('n/a');
  });

  it('asks 1.2x the baseline at every size and peak RSS under 1 GiB', () => {
    const rows = evaluateTargets([size(100_000, 300, 200, 1300), size(1_000_000, 1100, 250, 1100)]);
    const verdict = (prefix: string) => rows.filter((r) => r.target.startsWith(prefix)).map((r) => r.verdict);
    expect(verdict('full build throughput >= 1.2x')).toEqual(['PASS', 'MISS']);
    expect(verdict('pipeline peak RSS < 1024 MiB')).toEqual(['PASS', 'MISS']);
  });

  it('prints a ratio just under the target so that it reads under it', () => {
    // 1,196.6 / 1,000: at two decimals "1.20x" would stand beside a MISS.
    const [row] = evaluateTargets([size(100_000, 300, 200, 1196.6)]);
    expect(row).toEqual({ target: 'full build throughput >= 1.2x the single-threaded baseline @ 100,000', value: '1.197x (1,197 vs 1,000 records/s)', verdict: 'MISS' });
  });
});

describe('workers 1 vs N row', () => {
  it('names the files it found equal', () => {
    const hashes = { 'train.jsonl': { a: 'h', b: 'h' }, 'meta.jsonl': { a: 'm', b: 'm' } };
    const r = { ...size(2_000, 300, 200), sameAcrossWorkers: { ok: true, files: hashes, manifestDiffs: [] } };
    const row = evaluateTargets([r]).find((v) => v.target.startsWith('workers 1 vs 2'))!;
    expect(row).toEqual({ target: 'workers 1 vs 2: identical run directories @ 2,000', value: 'train, meta and manifest.json (timings apart) equal', verdict: 'PASS' });
  });

  it('fails when only manifest.json differs, naming two paths and how many more', () => {
    const hashes = { 'train.jsonl': { a: 'h', b: 'h' } };
    const r = { ...size(2_000, 300, 200), sameAcrossWorkers: { ok: false, files: hashes, manifestDiffs: ['$.a', '$.b', '$.c', '$.d'] } };
    const row = evaluateTargets([r]).find((v) => v.target.startsWith('workers 1 vs 2'))!;
    expect(row).toEqual({ target: 'workers 1 vs 2: identical run directories @ 2,000', value: 'manifest.json differs at $.a, $.b and 2 more', verdict: 'MISS' });
  });
});
