// The process entry point: everything testable lives in cli.ts.
import { clockFromEnv, main } from './cli.js';

process.exitCode = await main(process.argv.slice(2), { clock: clockFromEnv(), stdout: process.stdout, stderr: process.stderr });
