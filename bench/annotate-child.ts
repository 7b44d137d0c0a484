// One annotation run in its own process, against the fake OpenAI server the parent started:
//   OPENAI_BASE_URL=<fake>/v1 OPENAI_API_KEY=sk-bench \
//   node --import tsx bench/annotate-child.ts stage <annotations> <concurrency> <cache dir> <run dir>
//   node --import tsx bench/annotate-child.ts bare <requests> <concurrency>
// Prints one JSON line (AnnotateChildReport or BareLoopReport) on stdout; warnings and errors go to stderr.
import { runBareLoop } from './annotate-bare.js';
import { runAnnotateBench } from './annotate-pipeline.js';

const [mode, count, concurrency, cacheDir, outDir] = process.argv.slice(2);

const run = (): Promise<unknown> => {
  if (mode === 'bare') return runBareLoop(Number(count), Number(concurrency));
  if (mode === 'stage') return runAnnotateBench(Number(count), Number(concurrency), cacheDir!, outDir!);
  throw new Error('usage: annotate-child.ts stage <annotations> <concurrency> <cache dir> <run dir> | bare <requests> <concurrency>');
};

Promise.resolve()
  .then(run)
  .then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (error: unknown) => {
      process.stderr.write(`annotate-child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
