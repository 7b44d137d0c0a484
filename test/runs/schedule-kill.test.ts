import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { LockHolder } from '../../src/runs/run-lock.js';
import { startGatedSite, type GatedSite } from '../helpers/gated-site.js';
import { BIN, DOCS_QA, DOCS_SITE, runDirs } from './run-process.js';

/**
 * Issue 12's second acceptance test: `kill -9` of a scheduled run. `tuneset schedule` runs every
 * second, two runs at most; the first run's crawl is held at one page (the site answers it only
 * when told), and the test kills that run's process (the pid in run.lock) with SIGKILL. The
 * schedule goes on: the next run clears the dead run's lock, saying so, and finishes.
 */
let site: GatedSite;
beforeAll(async () => void (site = await startGatedSite(DOCS_SITE, '/guide/deploy.html')));
afterAll(() => site.close());

test('kill -9 during a scheduled run: the next scheduled run clears the stale lock and finishes', async () => {
  const work = mkdtempSync(join(tmpdir(), 'tuneset-schedule-kill-'));
  const args = ['schedule', DOCS_QA, '--cron', '* * * * * *', '--max-runs', '2', '--input', site.url('/'), '--param', 'render=static', '--param', 'rps=1000', '--param', 'validation=0', '--cache', 'cache'];
  const scheduler = spawn(process.execPath, [BIN, ...args], { cwd: work });
  let stdout = '';
  let stderr = '';
  scheduler.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  scheduler.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => scheduler.on('close', resolve));

  // The run is inside its crawl, holding the lock it took before starting.
  await site.held;
  const holder = JSON.parse(readFileSync(join(work, 'cache', 'run.lock'), 'utf8')) as LockHolder;
  expect(holder.pid).not.toBe(scheduler.pid);
  expect(holder.command).toBe(`tuneset run ${DOCS_QA} --input ${site.url('/')} --param render=static --param rps=1000 --param validation=0 --cache ${join(work, 'cache')} --lock`);
  process.kill(holder.pid, 'SIGKILL');

  expect(await exited, stderr).toBe(0);
  const ts = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z docs-qa:';
  // One line per run; ticks that fell while a run was going were skipped and are counted in its line.
  const lines = stdout.trimEnd().split('\n');
  const skipped = '(; \\d+ ticks? skipped while it ran)?';
  expect(lines).toHaveLength(4);
  expect(lines[0]).toMatch(new RegExp(`^${ts} scheduled "\\* \\* \\* \\* \\* \\*", 2 runs$`));
  expect(lines[1]).toMatch(new RegExp(`^${ts} failed after \\d+\\.\\d s: killed by SIGKILL${skipped}$`));
  expect(lines[2]).toMatch(new RegExp(`^${ts} cleared a stale lock cache/run.lock: pid ${holder.pid} \\(tuneset run .* --lock, started ${holder.startedAt}\\) is no longer running$`));
  // validation=0: docs-qa's stable split places pages by a hash of their URL, whose port is not fixed
  // here, so a held-out share could leave train under OpenAI's 10-example minimum and fail the run.
  const finished = new RegExp(`^${ts} run (\\S+): 15 examples \\(train 15\\), hash [0-9a-f]{12} in \\d+\\.\\d s${skipped}$`).exec(lines[3]!);
  expect(finished, lines[3]).not.toBeNull();
  const runId = finished![1]!;
  expect(existsSync(join(work, 'output', 'docs-qa', runId, 'manifest.json'))).toBe(true);
  // The killed run left its directory unfinished (no manifest.json), which no reader takes for a run.
  const unfinished = runDirs(work, 'docs-qa').filter((d) => d !== runId);
  expect(unfinished).toHaveLength(1);
  expect(existsSync(join(work, 'output', 'docs-qa', unfinished[0]!, 'manifest.json'))).toBe(false);
  // The finished run released its lock.
  expect(existsSync(join(work, 'cache', 'run.lock'))).toBe(false);
}, 300_000);
