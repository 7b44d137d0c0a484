import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { scheduledRun } from '../../src/cli/scheduled-run.js';

// A scheduled tick while another process holds the pipeline's lock: skipped, one line naming the
// holder, no run started (the pipeline file does not even exist). The kill -9 case, where the
// holder is dead, is test/runs/schedule-kill.test.ts.
test('a tick that finds the lock held by a live process is skipped with the holder named, and starts no run', async () => {
  const work = mkdtempSync(join(tmpdir(), 'tuneset-scheduled-run-'));
  const cacheDir = join(work, 'cache');
  mkdirSync(cacheDir);
  const holder = { pid: process.pid, hostname: hostname(), startedAt: '2026-12-02T02:59:00.000Z', command: 'tuneset run pipelines/docs-qa.ts --if-changed' };
  writeFileSync(join(cacheDir, 'run.lock'), JSON.stringify(holder));
  const logged: string[] = [];
  const children: unknown[] = [];
  const line = await scheduledRun({
    pipelineFile: join(work, 'no-such-pipeline.ts'),
    runArgs: [],
    cacheDir,
    pipelineDir: join(work, 'output', 'docs-qa'),
    log: (l) => logged.push(l),
    onChild: (c) => children.push(c),
  });
  expect(line).toBe(`skipped: locked by pid ${process.pid} (tuneset run pipelines/docs-qa.ts --if-changed, since 2026-12-02T02:59:00.000Z)`);
  expect(logged).toEqual([]);
  expect(children).toEqual([]);
});
