// What the vitest runner and `npm run hostile` share: one scratch root, the hostile server, and
// the cases run at most two at a time (the machine has two cores, and each case is a process).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { HostileCase } from './corpus.js';
import { firstMessage, runCase, type CaseResult } from './run-case.js';
import { startHostileServer, type HostileServer } from './servers.js';

export const PARALLEL = 2;

export interface CorpusSession {
  run: (c: HostileCase) => Promise<CaseResult>;
  close: () => Promise<void>;
}

export const startCorpus = async (): Promise<CorpusSession> => {
  const root = mkdtempSync(join(tmpdir(), 'tuneset-hostile-'));
  const server: HostileServer = await startHostileServer();
  const limit = pLimit(PARALLEL);
  return {
    run: (c) => limit(() => runCase(c, root, server)),
    close: async () => {
      await server.close();
      if (!process.env['HOSTILE_KEEP']) rmSync(root, { recursive: true, force: true });
    },
  };
};

/** Whether a case's outcome is what the corpus says: a pass, or a failure the case expects. */
export const verdict = (c: HostileCase, r: CaseResult): 'PASS' | 'FAIL' | 'XFAIL' | 'XPASS' =>
  c.expectedToFail ? (r.problems.length > 0 ? 'XFAIL' : 'XPASS') : r.problems.length === 0 ? 'PASS' : 'FAIL';

/** `name | exit | first line of the message | verdict`, plus the problems and what it waits for. */
export const summaryLine = (c: HostileCase, r: CaseResult): string => {
  const exit = r.signal ? r.signal : String(r.code);
  const v = verdict(c, r);
  const why = v === 'PASS' ? '' : ` -- ${r.problems.join('; ') || 'passes: remove expectedToFail'}${c.expectedToFail ? ` [waits for ${c.expectedToFail}]` : ''}`;
  return `${v.padEnd(5)} ${c.name.padEnd(58)} exit ${exit.padEnd(3)} ${(r.ms / 1000).toFixed(1).padStart(5)}s ${String(r.peakRssMb).padStart(4)}MB  ${firstMessage(r)}${why}`;
};
