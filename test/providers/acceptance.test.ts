import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../../src/providers/fake/index.js';
import type { ProviderName } from '../../src/providers/provider.js';
import { PROVIDERS } from '../../src/providers/registry.js';
import { allText, NOW, tuneset } from '../helpers/hand-off.js';

/**
 * Issue 11's acceptance, once for every provider in the registry, through the CLI as a user runs
 * it against that provider's fake: `run --target`, `train`, a second `train` that sends no POST,
 * `watch` to success, checkpoints, metrics, `eval` of the fine-tune against its base, and the key
 * given in the environment in no output and no file. What differs between providers is data: the
 * table below.
 */
const ROOT = join(import.meta.dirname, '..', '..');

interface Row {
  /** The target: a model from this provider's table that takes new jobs on NOW. */
  model: string;
  /** What eval compares the fine-tune against: the model as the provider's chat endpoint names it. */
  base: string;
  /** A key distinctive enough that finding it anywhere means it leaked. */
  canary: string;
  env: (fake: FakeOpenAI) => NodeJS.ProcessEnv;
  fake?: Partial<FakeOpenAIOptions>;
  /** Every POST of the first train, in order (Fireworks' dataset ids shown as <id>). */
  posts: string[];
  /** The job's id as the provider shows it (a regex source), and its status right after the create. */
  job: { id: string; status: string };
  /** The fine-tuned model watch names, and how many checkpoints it lists (the last is that model). */
  fineTuned: RegExp;
  checkpoints: number;
  /** Where eval's chat requests go. */
  chatPath: string;
  /** Eval's arguments beyond --model and --baseline (Azure serves a fine-tune by its deployment). */
  evalArgs?: (model: string) => string[];
  /** What `train --dry-run` without a key shows of this provider's requests. */
  dryRun: { shows: (string | RegExp)[]; hides?: string[] };
  /** What else the run's preview and watch print for this provider. */
  runShows?: RegExp[];
  watchShows?: RegExp[];
}

const ROWS: Record<ProviderName, Row> = {
  openai: {
    model: 'gpt-4o-mini-2024-07-18',
    base: 'gpt-4o-mini-2024-07-18',
    canary: 'sk-proj-LEAKCANARY-openai-3c1d9e7f',
    env: (f) => ({ OPENAI_API_KEY: ROWS.openai.canary, OPENAI_BASE_URL: f.baseURL }),
    posts: ['/v1/files', '/v1/files', '/v1/fine_tuning/jobs'],
    job: { id: 'ftjob-\\w+', status: 'validating_files' },
    fineTuned: /^ft:gpt-4o-mini-2024-07-18:fake-org:ar-lsat:\w+$/,
    checkpoints: 3,
    chatPath: '/v1/chat/completions',
    // The tag goes in the job's metadata.
    dryRun: { shows: ['POST https://api.openai.com/v1/fine_tuning/jobs', '"authorization": "[REDACTED]"', '"metadata": {'] },
  },
  // Azure's v1 API on a resource endpoint, the key in an api-key header; open models train GlobalStandard.
  azure: {
    model: 'Qwen-32B',
    base: 'Qwen-32B',
    canary: 'LEAKCANARY-azure-0a9b8c7d6e5f4a3b',
    env: (f) => ({ AZURE_OPENAI_API_KEY: ROWS.azure.canary, AZURE_OPENAI_ENDPOINT: f.url }),
    fake: { azure: true },
    posts: ['/openai/v1/files', '/openai/v1/files', '/openai/v1/fine_tuning/jobs'],
    job: { id: 'ftjob-\\w+', status: 'validating_files' },
    fineTuned: /^ft:Qwen-32B:fake-org:ar-lsat:\w+$/,
    checkpoints: 3,
    chatPath: '/openai/v1/chat/completions',
    // On v1 the deployment goes as the body's model (here named after the model).
    evalArgs: (model) => ['--deployment', model],
    dryRun: {
      shows: [/^POST https:\/\/resource\.openai\.azure\.com\/openai\/v1\/fine_tuning\/jobs$/m, '"api-key": "[REDACTED]"', '"trainingType": "GlobalStandard"', '"metadata": {'],
    },
  },
  // Nebius keeps no metadata: the tag goes in the job's suffix.
  nebius: {
    model: 'Qwen/Qwen3-4B',
    base: 'Qwen/Qwen3-4B',
    canary: 'v1.LEAKCANARY-nebius-5e1f2a3b4c',
    env: (f) => ({ NEBIUS_API_KEY: ROWS.nebius.canary, NEBIUS_BASE_URL: f.baseURL }),
    posts: ['/v1/files', '/v1/files', '/v1/fine_tuning/jobs'],
    job: { id: 'ftjob-\\w+', status: 'validating_files' },
    fineTuned: /^ft:Qwen\/Qwen3-4B:fake-org:ar-lsat-ts-[0-9a-f]{24}:\w+$/,
    checkpoints: 3,
    chatPath: '/v1/chat/completions',
    dryRun: {
      shows: [
        'POST https://api.tokenfactory.nebius.com/v1/files',
        'POST https://api.tokenfactory.nebius.com/v1/fine_tuning/jobs',
        '"authorization": "[REDACTED]"',
        /"suffix": "ar-lsat-ts-[0-9a-f]{24}"/,
      ],
      hides: ['metadata'],
    },
  },
  together: {
    model: 'Qwen/Qwen3-8B',
    base: 'Qwen/Qwen3-8B',
    canary: 'tgp_v1_LEAKCANARY-together-9d8c7b6a',
    env: (f) => ({ TOGETHER_API_KEY: ROWS.together.canary, TOGETHER_BASE_URL: f.baseURL }),
    posts: ['/v1/files/upload', '/v1/files/upload', '/v1/fine-tunes'],
    job: { id: 'ft-[0-9a-f-]{36}', status: 'pending' },
    fineTuned: /^fake-org\/Qwen3-8B-ar-lsat-ts-[0-9a-f]{20}-[0-9a-f]{8}$/,
    checkpoints: 3,
    chatPath: '/v1/chat/completions',
    // Multipart uploads; the tag goes in the job's suffix.
    dryRun: { shows: ['POST https://api.together.xyz/v1/files/upload', 'POST https://api.together.xyz/v1/fine-tunes', /"suffix": "ar-lsat-ts-[0-9a-f]{20}"/] },
  },
  // Fireworks: datasets created then uploaded, a job id of our own making, chat under /inference/v1.
  fireworks: {
    model: 'accounts/fireworks/models/qwen3-8b',
    base: 'accounts/fireworks/models/qwen3-8b',
    canary: 'fw-LEAKCANARY-0f9e8d7c6b5a4321',
    env: (f) => ({ FIREWORKS_API_KEY: ROWS.fireworks.canary, FIREWORKS_ACCOUNT_ID: 'acme-labs', FIREWORKS_BASE_URL: f.url }),
    posts: [
      '/v1/accounts/acme-labs/datasets',
      '/v1/accounts/acme-labs/datasets/<id>:upload',
      '/v1/accounts/acme-labs/datasets',
      '/v1/accounts/acme-labs/datasets/<id>:upload',
      '/v1/accounts/acme-labs/supervisedFineTuningJobs',
    ],
    // The job id is ours, a function of the tag, attempt 1.
    job: { id: 'tuneset-[0-9a-z-]+-a1', status: 'validating_files' },
    fineTuned: /^accounts\/acme-labs\/models\/tuneset-[0-9a-z-]+-a1$/,
    checkpoints: 1,
    chatPath: '/inference/v1/chat/completions',
    dryRun: { shows: [/^POST https:\/\/api\.fireworks\.ai\/v1\/accounts\/FIREWORKS_ACCOUNT_ID\/supervisedFineTuningJobs\?supervisedFineTuningJobId=tuneset-[0-9a-z-]+-a1$/m] },
    // Priced from Fireworks' table.
    runShows: [/^ {2}estimate {3}\$[\d.]+ at \$0\.50 per 1M training tokens$/m],
    watchShows: [/JOB_STATE_COMPLETED: 100%/],
  },
};

/** The paths of the POSTs among requests, Fireworks' dataset ids shown as <id>. */
const postPaths = (requests: readonly { method: string; path: string }[]) =>
  requests.filter((r) => r.method === 'POST').map((r) => r.path.replace(/datasets\/[a-z0-9-]+:upload$/, 'datasets/<id>:upload'));

/** The POSTs in the fake's --request-log file (one JSON line per request received). */
const postsIn = (requestLog: string) =>
  postPaths(
    readFileSync(requestLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { method: string; path: string }),
  );

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe.each(Object.values(PROVIDERS).map((p) => [p.name, p] as const))('%s against its fake, through the CLI', (name, provider) => {
  const row = ROWS[name];
  // Built once per provider for its target (counted with that model's tokenizer); each test trains a copy.
  let built: { code: number; stdout: string; stderr: string };
  let builtDir: string;
  beforeAll(async () => {
    builtDir = join(mkdtempSync(join(tmpdir(), `tuneset-acceptance-${name}-`)), 'built');
    built = await tuneset({}, 'run', 'pipelines/ar-lsat.ts', '--target', `${name}:${row.model}`, '--out', builtDir);
  }, 60_000);
  const jobLine = (what: string) => new RegExp(`^job ${row.job.id}: ${what} \\(${row.job.status}\\)$`, 'm');
  const copyOfRun = () => {
    const dir = join(mkdtempSync(join(tmpdir(), `tuneset-acceptance-${name}-`)), 'run');
    cpSync(builtDir, dir, { recursive: true });
    return dir;
  };

  test('run for one of its models, dry run, train, a second train with no POST, watch to success, checkpoints, metrics, eval against the base; the key nowhere', async () => {
    expect(built.code, built.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(builtDir, 'manifest.json'), 'utf8')) as { provider: string; model: string; reports: Record<string, { tokenizer?: string }> };
    expect([manifest.provider, manifest.model]).toEqual([name, row.model]);
    // Counted with the target's own tokenizer, as its table names it.
    expect(manifest.reports['token-check']?.tokenizer).toBe(provider.table.models[row.model]!.tokenizer);
    for (const shown of row.runShows ?? []) expect(built.stdout).toMatch(shown);
    const dir = copyOfRun();

    // Without a key: the exact requests this provider would get, nothing sent, no credential shown.
    const dry = await tuneset({}, 'train', dir, '--dry-run');
    expect(dry).toMatchObject({ code: 0, stderr: '' });
    for (const shown of row.dryRun.shows) expect(dry.stdout).toEqual(typeof shown === 'string' ? expect.stringContaining(shown) : expect.stringMatching(shown));
    for (const hidden of [...(row.dryRun.hides ?? []), 'dry-run-key']) expect(dry.stdout).not.toContain(hidden);

    const requestLog = join(mkdtempSync(join(tmpdir(), `tuneset-acceptance-${name}-log-`)), 'requests.jsonl');
    fake = await startFakeOpenAI({ routes: provider.fake.routes, requestLog, apiKey: row.canary, now: NOW, ...row.fake });
    const env = row.env(fake);

    // With the key: lookups go to the fake, creates are only shown, their credential redacted.
    const keyedDry = await tuneset(env, 'train', dir, '--dry-run');
    expect(keyedDry).toMatchObject({ code: 0, stderr: '' });
    expect(keyedDry.stdout).toMatch(/": "\[REDACTED\]"/);

    // The run's target picks the provider: no --provider. The dry runs sent no POST.
    const first = await tuneset(env, 'train', dir);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(jobLine('created'));
    expect(postsIn(requestLog)).toEqual(row.posts);

    const second = await tuneset(env, 'train', dir, '--provider', name);
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(postsIn(requestLog)).toEqual(row.posts);
    expect(second.stdout).toMatch(jobLine('found the existing job'));

    fake.clock.advance(600);
    const watch = await tuneset(env, 'watch', dir, '--interval', '0');
    expect(watch).toMatchObject({ code: 0, stderr: '' });
    const model = /^Fine-tuned model: (\S+)$/m.exec(watch.stdout)?.[1] ?? '';
    expect(model).toMatch(row.fineTuned);
    for (const shown of row.watchShows ?? []) expect(watch.stdout).toMatch(shown);
    const checkpoints = [...watch.stdout.matchAll(/^ {2}checkpoint step \d+: (\S+)$/gm)].map((m) => m[1]!);
    expect(checkpoints).toHaveLength(row.checkpoints);
    expect(checkpoints.at(-1)).toBe(model);
    expect(watch.stdout).toMatch(/^Wrote metrics\.csv and metrics\.svg \(\d+ steps\) to /m);
    expect(readFileSync(join(dir, 'metrics.csv'), 'utf8')).toMatch(/^step,\S+\n1,/);
    expect(readFileSync(join(dir, 'metrics.svg'), 'utf8')).toMatch(/^<svg [^>]*>[\s\S]*<polyline/);

    const evaluation = await tuneset(env, 'eval', dir, '--model', model, '--baseline', row.base, ...(row.evalArgs?.(model) ?? []));
    expect(evaluation).toMatchObject({ code: 0, stderr: '' });
    const chats = fake.requests.filter((r) => r.path === row.chatPath).map((r) => (r.body as { model: string }).model);
    expect(new Set(chats)).toEqual(new Set([model, row.base]));

    // A provider that echoes the key it was sent in an error (the fake masks it, as OpenAI does; not
    // every API does): the message is shown, the key is not. Only the list of keys from the
    // environment can catch this one, for a key with no shape of its own.
    fake.faults.add({ kind: 'status', status: 401, match: '*', times: 1, message: `Incorrect API key provided: ${row.canary}.` });
    const refused = await tuneset(env, 'watch', dir, '--interval', '0');
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(/ 401 \(the API key was refused\): Incorrect API key provided: \[REDACTED\]\./);

    const output = [built, dry, keyedDry, first, second, watch, evaluation, refused].map((r) => r.stdout + r.stderr).join('\n');
    expect(output).not.toContain(row.canary);
    expect(allText(dir)).not.toContain(row.canary);
    expect(readFileSync(requestLog, 'utf8')).not.toContain(row.canary);
  });

  test('killed right after the provider stored the job: the re-run finds that job by its tag and sends no POST', async () => {
    const dir = copyOfRun();
    fake = await startFakeOpenAI({ routes: provider.fake.routes, now: NOW, ...row.fake });
    const f = fake;
    const env = row.env(f);
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'tuneset.js'), 'train', dir], { cwd: ROOT, env: { ...process.env, ...env, TUNESET_NOW: NOW }, stdio: 'ignore' });
    f.hooks.onCommitted = (kind, _object, _req, res) => {
      if (kind !== 'job') return;
      // Stored on the server; the client dies before the answer reaches it.
      child.kill('SIGKILL');
      res.destroy();
      f.hooks.onCommitted = undefined;
    };
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, s) => resolve(s)));
    expect(signal).toBe('SIGKILL');
    expect(f.state.jobs.size).toBe(1);
    expect(postPaths(f.requests)).toEqual(row.posts);

    const rerun = await tuneset(env, 'train', dir);
    expect(rerun).toMatchObject({ code: 0, stderr: '' });
    expect(postPaths(f.requests)).toEqual(row.posts);
    expect(f.state.jobs.size).toBe(1);
    expect(rerun.stdout).toMatch(jobLine('found the existing job'));
  });
});
