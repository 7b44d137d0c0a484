import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import arLsat from '../../pipelines/ar-lsat.js';
import { main } from '../../src/cli/cli.js';
import { answerKeyFromChatJsonl, startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../../src/providers/fake/index.js';
import { fixedClock } from '../../src/pipeline/clock.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import { captureIo } from './capture-io.js';

/** A key distinctive enough that finding it anywhere in output means it leaked. */
export const SECRET_KEY = 'sk-test-LEAKCANARY-7f3a9c2e1b0d4e5f';
export const NOW = '2026-11-23T12:00:00Z';

/** A fresh AR-LSAT run directory built from the fixtures, as `tuneset run` would write it. */
export const freshRun = async (): Promise<string> => {
  const dir = join(mkdtempSync(join(tmpdir(), 'tuneset-handoff-')), 'run');
  await runPipeline(arLsat, { outDir: dir, clock: fixedClock(NOW) });
  return dir;
};

/** A fake whose answer key holds the run's validation answers, so fine-tuned models score above chance. */
export const fakeFor = (runDir: string, options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> =>
  startFakeOpenAI({ now: NOW, answerKey: answerKeyFromChatJsonl(readFileSync(join(runDir, 'validation.jsonl'), 'utf8')), ...options });

export const openaiEnv = (fake: FakeOpenAI) => ({ OPENAI_API_KEY: SECRET_KEY, OPENAI_BASE_URL: fake.baseURL });

/** Runs a tuneset command in-process, as the CLI would, against the given environment. */
export const tuneset = async (env: NodeJS.ProcessEnv, ...argv: string[]) => {
  const c = captureIo(NOW);
  const code = await main(argv, { ...c.io, env });
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};

export const countRequests = (fake: FakeOpenAI, method: string, path: string) => fake.requests.filter((r) => r.method === method && r.path === path).length;

/** Every file under a directory, read as text, for leak checks. */
export const allText = (dir: string): string =>
  readdirSync(dir)
    .map((f) => join(dir, f))
    .map((p) => (statSync(p).isDirectory() ? allText(p) : readFileSync(p, 'utf8')))
    .join('\n');
