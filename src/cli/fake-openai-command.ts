import { existsSync, readFileSync } from 'node:fs';
import { answerKeyFromChatJsonl, startFakeOpenAI } from '../providers/fake/index.js';
import { TunesetError, UsageError } from '../pipeline/errors.js';
import type { ProviderDefinition } from '../providers/provider.js';
import { providerNamed, PROVIDER_NAMES } from '../providers/registry.js';
import { parseCommandLine, parseInteger } from './args.js';
import { listenError } from './listen-error.js';
import type { Io } from './cli.js';

export const FAKE_OPENAI_HELP = `Usage: tuneset fake-openai [options]

Starts a fake OpenAI server on 127.0.0.1 that speaks the real wire protocol for files,
fine-tuning jobs (events, checkpoints, result files), models, chat completions (structured
outputs included) and batches, so a pipeline's hand-off and its LLM stages can be rehearsed
offline. With --provider it speaks that provider's protocol instead (its paths, bodies,
statuses and errors, and its models). State is kept in memory until it stops; on start it
prints the \`export\` lines that point tuneset at it.
A fine-tuning job takes 3 simulated minutes (30 s validating, 30 s queued, 2 min running).

Options:
  --provider P      ${PROVIDER_NAMES.join(', ')} (default openai)
  --port N          port to listen on (default: any free port)
  --time-scale X    simulated seconds per real second (default 60: a job finishes in ~3 s)
  --now ISO         simulated start time (default: TUNESET_NOW or now); model shutdown
                    dates are compared with it
  --api-key KEY     accept only this key (default: any key)
  --azure           with openai: also serve the Azure OpenAI URL shape (/openai/...?api-version=...)
  --answer-key F    chat JSONL (e.g. a run's validation.jsonl) whose answers models fine-tuned
                    on the fake then give more often than their base: the letter of a lettered
                    prompt, or a free-text answer (a docs-qa reference) given whole or with some
                    words dropped, where a base model gives a few words of its first sentence.
                    A rehearsal of the eval plumbing, not a measure of any model
  --latency-ms N    every completed chat answer waits N real milliseconds before it is sent
                    (default 0); concurrent requests wait side by side, so 16 clients at
                    200 ms get ~80 answers a second. Batches and other endpoints are not slowed
  --request-log F   append one JSON line per request to F when its answer is sent (or the
                    connection dropped): {"time": real ISO time, "at": simulated ISO time of
                    arrival, "method", "path", "status" (null if no answer), "bodySha256":
                    sha256 hex of the raw body, "requestId", "ms": real ms to answer}.
                    No header, key or body text is written
  -h, --help        show this help

Runs until interrupted (Ctrl-C).`;

/**
 * Where the provider's client must point to reach the fake: the fake's origin plus the path of the
 * provider's own default base URL (\`/v1\` for OpenAI, Nebius and Together; none for Fireworks and
 * Azure, whose clients add their own paths).
 */
const fakeBaseURL = (provider: ProviderDefinition, origin: string): string => {
  const path = new URL(provider.defaultBaseURL.replace(/<[^>]*>/g, 'x')).pathname.replace(/\/+$/, '');
  return `${origin}${path}`;
};

/**
 * The \`export\` lines a user needs for this provider, from its definition's variable names: base URL
 * and key, and any other variable its client cannot do without (Fireworks' account id; the fake
 * takes any value), found by asking the provider's own client for a trainer.
 */
export const exportLines = (provider: ProviderDefinition, origin: string, key = provider.name === 'openai' ? 'sk-fake' : `fake-${provider.name}-key`): string[] => {
  const env: Record<string, string> = { [provider.env.baseURL]: fakeBaseURL(provider, origin), [provider.env.apiKey]: key };
  for (const name of provider.env.others) {
    try {
      provider.trainerFromEnv(env, { maxRetries: 0 });
      break;
    } catch (error) {
      if (!(error instanceof TunesetError) || !error.message.includes(name)) throw error;
      env[name] = `fake-${name.toLowerCase().replace(/_/g, '-')}`;
    }
  }
  return Object.entries(env).map(([name, value]) => `export ${name}=${value}`);
};

/** Runs the fake until `stop` aborts; the testable half of the command. */
/** The --answer-key file as a key; a line that is not JSON is a usage error naming the file and line. */
const readAnswerKey = (file: string): Map<string, string> => {
  try {
    return answerKeyFromChatJsonl(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--answer-key ${file}: ${(error as Error).message}`);
  }
};

export const runFakeOpenai = async (argv: string[], io: Io, stop: AbortSignal): Promise<number> => {
  const { values, positionals } = parseCommandLine('fake-openai', argv, {
    port: { type: 'string' },
    'time-scale': { type: 'string' },
    now: { type: 'string' },
    'api-key': { type: 'string' },
    azure: { type: 'boolean' },
    'answer-key': { type: 'string' },
    'latency-ms': { type: 'string' },
    'request-log': { type: 'string' },
    provider: { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(`${FAKE_OPENAI_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`tuneset fake-openai takes no arguments, got "${positionals.join(' ')}". See 'tuneset fake-openai --help'.`);
  const port = parseInteger('--port', values.port as string | undefined, 0) ?? 0;
  if (port > 65_535) throw new UsageError(`--port expects a port number up to 65535, got ${port}`);
  const scaleText = (values['time-scale'] as string | undefined) ?? '60';
  const timeScale = Number(scaleText);
  if (!Number.isFinite(timeScale) || timeScale < 0) throw new UsageError(`--time-scale expects a number >= 0, got "${scaleText}"`);
  const nowText = values.now as string | undefined;
  const now = nowText === undefined ? io.clock.now() : new Date(nowText);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now expects an ISO date, got "${nowText}"`);
  const apiKey = values['api-key'] as string | undefined;
  const keyFile = values['answer-key'] as string | undefined;
  if (keyFile !== undefined && !existsSync(keyFile)) throw new UsageError(`--answer-key ${keyFile}: file not found`);
  const answerKey = keyFile === undefined ? undefined : readAnswerKey(keyFile);
  const latencyMs = parseInteger('--latency-ms', values['latency-ms'] as string | undefined, 0) ?? 0;
  const requestLog = values['request-log'] as string | undefined;
  const provider = providerNamed((values.provider as string | undefined) ?? 'openai');
  if (values.azure === true && provider.name !== 'openai') throw new UsageError(`--azure adds Azure's URL shape to the OpenAI fake; with --provider ${provider.name} leave it out`);

  const fake = await startFakeOpenAI({
    port,
    timeScale,
    now,
    // Azure's dialect is served on Azure's URL shape; --azure adds that shape to OpenAI's.
    azure: values.azure === true || provider.name === 'azure',
    routes: provider.fake.routes,
    latencyMs,
    ...(requestLog === undefined ? {} : { requestLog }),
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(answerKey === undefined ? {} : { answerKey }),
  }).catch((error: unknown) => {
    // Only a failed listen is about the port; a request log that cannot be opened is said as such.
    throw (error as NodeJS.ErrnoException | null)?.syscall === 'listen' ? listenError(port, error) : error;
  });
  const exports = exportLines(provider, fake.url, apiKey === undefined ? undefined : '<the key you gave>');
  io.stdout.write(
    `Fake ${provider.name === 'openai' ? 'OpenAI' : provider.label} server listening on ${fake.url} (simulated time ${now.toISOString()}, ${timeScale}x)\n` +
      `Use it with:\n${exports.map((l) => `  ${l}\n`).join('')}` +
      (provider.name === 'openai' ? '' : `  tuneset train <run-dir> --provider ${provider.name}\n`) +
      (values.azure === true ? `Azure: endpoint ${fake.url}, any api-version\n` : '') +
      (latencyMs > 0 ? `Chat answers wait ${latencyMs} ms.\n` : '') +
      (requestLog === undefined ? '' : `Requests are logged to ${requestLog}.\n`) +
      'Press Ctrl-C to stop.\n',
  );
  if (!stop.aborted) await new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
  await fake.close();
  io.stderr.write(`fake-openai: stopped after ${fake.requests.length} request(s)\n`);
  return 0;
};

/** `tuneset fake-openai`: runs until SIGINT or SIGTERM. */
export const fakeOpenaiCommand = async (argv: string[], io: Io): Promise<number> => {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await runFakeOpenai(argv, io, controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
};
