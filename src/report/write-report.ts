import { join } from 'node:path';
import { writeFileAtomic } from '../pipeline/atomic-file.js';
import { buildReportHtml } from './build-report.js';
import { collectReport } from './collect-report.js';

/**
 * Writes (or rewrites) `<runDir>/report.html` from what the run directory holds now (run, and
 * later train, watch and eval add to it); returns its path. Refuses a directory that is not a
 * finished run, as every reader of one does.
 */
export const writeRunReport = async (runDir: string, now: Date = new Date()): Promise<string> => {
  const path = join(runDir, 'report.html');
  writeFileAtomic(path, buildReportHtml(await collectReport(runDir, now)));
  return path;
};
