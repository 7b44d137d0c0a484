import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTraining } from '../../../src/train/start-training.js';
import { KEY, makeRun, noSleep, preflightFor, startTogetherFake, trainerFor } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('Together: the fake request log file', () => {
  it('one line per request on Together paths; a second train adds no POST line; no key in the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuneset-together-log-'));
    dirs.push(dir);
    const file = join(dir, 'requests.jsonl');
    const fake = await startTogetherFake({ requestLog: file });
    const { trainer } = trainerFor(fake);
    const run = makeRun();
    await startTraining(run, preflightFor(), trainer, { sleep: noSleep });
    await startTraining(run, preflightFor(), trainer, { sleep: noSleep });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(KEY);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { method: string; path: string; status: number; bodySha256: string });
    expect(lines.filter((l) => l.method === 'POST').map((l) => `${l.path} ${l.status}`)).toEqual(['/v1/files/upload 200', '/v1/files/upload 200', '/v1/fine-tunes 200']);
    expect(lines.every((l) => /^[0-9a-f]{64}$/.test(l.bodySha256))).toBe(true);
    expect(lines).toHaveLength(fake.requests.length);
  });
});
