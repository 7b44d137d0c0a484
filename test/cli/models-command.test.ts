import { expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { modelsOf, TARGET_PROVIDERS } from '../../src/providers/model-lookup.js';
import { captureIo } from '../helpers/capture-io.js';
import { LOCAL_QWEN3_0_6B_ROW } from '../providers/local-row.js';

const models = async (argv: string[], now = '2026-12-02T00:00:00Z') => {
  const c = captureIo(now);
  const code = await main(['models', ...argv], c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};

test("--provider openai: every row with its methods, limit, price, whether it takes a job on the clock's date, and its shutdown", async () => {
  expect(await models(['--provider', 'openai'])).toEqual({
    code: 0,
    stderr: '',
    stdout: [
      'provider  model                                   methods                adaptations  context  train $/1M  new jobs on 2026-12-02     shuts down',
      'openai    gpt-4o-2024-08-06 (gpt-4o)              supervised,dpo,vision  -             65,536      $25.00  existing customers only    2027-01-14',
      'openai    gpt-4o-mini-2024-07-18 (gpt-4o-mini)    supervised,dpo         -             65,536       $3.00  existing customers only    2027-01-14',
      'openai    gpt-4.1-2025-04-14 (gpt-4.1)            supervised,dpo,vision  -             65,536      $25.00  existing customers only    2027-01-14',
      'openai    gpt-4.1-mini-2025-04-14 (gpt-4.1-mini)  supervised,dpo         -             65,536       $5.00  existing customers only    2027-01-14',
      'openai    gpt-4.1-nano-2025-04-14 (gpt-4.1-nano)  supervised,dpo         -             32,768       $1.50  no (shut down 2026-10-23)  2026-10-23',
      'openai    gpt-3.5-turbo-0125 (gpt-3.5-turbo)      supervised             -             16,385       $8.00  no (shut down 2026-10-23)  2026-10-23',
      'openai    o4-mini-2025-04-16 (o4-mini)            reinforcement          -             65,536           -  no (shut down 2026-10-23)  2026-10-23',
      '',
    ].join('\n'),
  });
});

test('the same table on 2027-01-07: OpenAI takes no new jobs', async () => {
  const r = await models(['--provider', 'openai'], '2027-01-07T00:00:00Z');
  expect(r.stdout.split('\n')[2]).toBe('openai    gpt-4o-mini-2024-07-18 (gpt-4o-mini)    supervised,dpo         -             65,536       $3.00  no (ended 2027-01-06)      2027-01-14');
});

test('--provider local --json: the date and every row with all its fields', async () => {
  const r = await models(['--provider', 'local', '--json']);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout) as { date: string; models: Record<string, unknown>[] };
  expect(doc.date).toBe('2026-12-02');
  expect(doc.models).toHaveLength(modelsOf('local').length);
  expect(doc.models[0]).toEqual({ ...LOCAL_QWEN3_0_6B_ROW, acceptsNewJobs: true });
  // OpenAI's rows are for existing customers only: not open to a new job.
  const openai = JSON.parse((await models(['--provider', 'openai', '--json'])).stdout) as { models: { acceptsNewJobs: boolean }[] };
  expect(openai.models.map((m) => m.acceptsNewJobs)).toEqual(modelsOf('openai').map(() => false));
});

test('without --provider: every target provider, each of its rows once, in registry order', async () => {
  const r = await models([]);
  const firstColumn = r.stdout.trimEnd().split('\n').slice(1).map((l) => l.split(' ')[0]);
  expect(firstColumn).toEqual(TARGET_PROVIDERS.flatMap((p) => modelsOf(p).map(() => p)));
});

test('an unknown provider or an argument is a usage error', async () => {
  expect(await models(['--provider', 'acme'])).toEqual({
    code: 2,
    stdout: '',
    stderr: `error: --provider expects one of ${TARGET_PROVIDERS.join(', ')}, got "acme"\n`,
  });
  expect((await models(['openai'])).code).toBe(2);
});
