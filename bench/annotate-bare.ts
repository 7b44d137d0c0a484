// The annotation benchmark's reference point: the same requests the stage sends (prompt, schema as
// response_format, max tokens), through the same SDK client, from 16 workers in a loop, with no
// cache, limiter, budget, token counting or retries. What a client with the least work per request
// gets from the same server on the same machine at that moment, so a busy machine shows in both.
import { performance } from 'node:perf_hooks';
import { createClient, settingsFromEnv } from '../src/providers/openai/client.js';
import { responseFormatFor } from '../src/stages/annotate/annotation-request.js';
import { BENCH_MAX_TOKENS, BENCH_MODEL, benchPrompt, benchQuestion, Label } from './annotate-pipeline.js';

export interface BareLoopReport {
  requests: number;
  wallMs: number;
  cpuMs: number;
}

export const runBareLoop = async (count: number, concurrency: number): Promise<BareLoopReport> => {
  const client = createClient(settingsFromEnv(process.env), { maxRetries: 0 });
  const responseFormat = responseFormatFor(Label, 'annotate');
  let next = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        await client.chat.completions.create({
          model: BENCH_MODEL,
          messages: [{ role: 'user', content: benchPrompt(benchQuestion(i)) }],
          response_format: responseFormat as never,
          temperature: 0,
          max_completion_tokens: BENCH_MAX_TOKENS,
        });
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { requests: count, wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
};
