import { expect, test } from 'vitest';
import { runFakeOpenai } from '../../src/cli/fake-openai-command.js';
import { UsageError } from '../../src/pipeline/errors.js';
import { PROVIDER_NAMES, PROVIDERS } from '../../src/providers/registry.js';
import { captureIo } from '../helpers/capture-io.js';

/** Starts `tuneset fake-openai` with these arguments and waits for its banner (no sleeping). */
const start = async (argv: string[]) => {
  const { io, stdout, stderr } = captureIo();
  const stop = new AbortController();
  const running = runFakeOpenai(['--time-scale', '0', ...argv], io, stop.signal);
  while (!stdout().includes('Press Ctrl-C')) await new Promise((r) => setImmediate(r));
  const env = Object.fromEntries([...stdout().matchAll(/^ {2}export (\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
  return { stdout, stderr, env, stop: async () => (stop.abort(), running) };
};

test.each(PROVIDER_NAMES)("--provider %s prints the export lines of the provider's own variables, and its client works against the fake with them", async (name) => {
  const provider = PROVIDERS[name];
  const fake = await start(['--provider', name]);
  try {
    expect(Object.keys(fake.env).slice(0, 2)).toEqual([provider.env.baseURL, provider.env.apiKey]);
    const { trainer } = provider.trainerFromEnv(fake.env, { maxRetries: 0 });
    await trainer.checkAccess();
    // The fake speaks this provider's protocol: the files and jobs lookups of its adapter succeed.
    expect(await trainer.findJobs({ runId: 'r', manifestSha256: 'a'.repeat(64), attempt: 1 })).toEqual([]);
  } finally {
    expect(await fake.stop()).toBe(0);
  }
});

test('the banner names the provider and its variables exactly; openai stays the default', async () => {
  const together = await start(['--provider', 'together']);
  const port = /127\.0\.0\.1:(\d+)/.exec(together.stdout())![1];
  expect(together.stdout()).toBe(
    `Fake ${PROVIDERS.together.label} server listening on http://127.0.0.1:${port} (simulated time 2026-11-23T12:00:00.000Z, 0x)\n` +
      'Use it with:\n' +
      `  export TOGETHER_BASE_URL=http://127.0.0.1:${port}/v1\n` +
      '  export TOGETHER_API_KEY=fake-together-key\n' +
      '  tuneset train <run-dir> --provider together\n' +
      'Press Ctrl-C to stop.\n',
  );
  await together.stop();
  const fireworks = await start(['--provider', 'fireworks']);
  expect(fireworks.env).toEqual({
    FIREWORKS_BASE_URL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    FIREWORKS_API_KEY: 'fake-fireworks-key',
    FIREWORKS_ACCOUNT_ID: 'fake-fireworks-account-id',
  });
  await fireworks.stop();
  const openai = await start([]);
  expect(openai.env).toEqual({ OPENAI_BASE_URL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1$/), OPENAI_API_KEY: 'sk-fake' });
  expect(openai.stdout()).toMatch(/^Fake OpenAI server listening on /);
  await openai.stop();
});

test('an unknown provider, or --azure with another provider, is a usage error', async () => {
  const { io } = captureIo();
  await expect(runFakeOpenai(['--provider', 'acme'], io, AbortSignal.abort())).rejects.toThrow(new UsageError(`--provider expects one of ${PROVIDER_NAMES.join(', ')}, got "acme"`));
  await expect(runFakeOpenai(['--provider', 'together', '--azure'], io, AbortSignal.abort())).rejects.toThrow(
    "--azure adds Azure's URL shape to the OpenAI fake; with --provider together leave it out",
  );
});
