import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeRunReport } from '../report/write-report.js';
import type { Io } from './cli.js';
import { displayPath } from './display-path.js';

/**
 * Rebuilds a run's report.html after a command wrote to the run (run, train, watch, eval). The
 * report only shows what the command did, so a failure to build it is a warning naming the file,
 * never the command's failure. Returns the report's path when it was written.
 */
export const refreshReport = async (runDir: string | undefined, io: Io): Promise<string | undefined> => {
  if (runDir === undefined || !existsSync(join(runDir, 'manifest.json'))) return undefined;
  try {
    return await writeRunReport(runDir, io.clock.now());
  } catch (error) {
    io.stderr.write(`warning: ${displayPath(join(runDir, 'report.html'))} was not rebuilt: ${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
};
