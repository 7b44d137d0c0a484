import { z } from 'zod';

/**
 * Limits on reading one input, shared by every import source: a gzip bomb, or a server that stalls,
 * drips or streams without end, stops the run with a message naming the input and the limit,
 * instead of filling the disk, the heap or the day.
 */
export const inputLimitsShape = {
  maxDecompressedBytes: z
    .number()
    .int()
    .positive()
    .default(16 * 1024 ** 3)
    .describe('Largest size a gzip input may decompress to, in bytes (17179869184 = 16 GiB); past it the run stops naming the file.'),
  maxCompressionRatio: z
    .number()
    .positive()
    .default(100)
    .describe('Largest ratio of decompressed to compressed bytes of a gzip input, checked once 1 MiB is out; past it the run stops naming the file (a gzip bomb).'),
  httpDeadlineMs: z
    .number()
    .int()
    .positive()
    .default(600_000)
    .describe('Longest time reading an http(s) input may take, from the request to its last byte (600000 = 10 min); a pipeline that spends long on each record of a big http input (an LLM stage) may need more.'),
  httpMinBytesPerSecond: z
    .number()
    .nonnegative()
    .default(1024)
    .describe('Slowest an http(s) input may send, measured over each `httpRateWindowMs` of waiting; a server that sends nothing for that long, or less, stops the run naming the URL.'),
  httpRateWindowMs: z.number().int().positive().default(30_000).describe('The stretch of waiting over which `httpMinBytesPerSecond` is measured (30000 = 30 s).'),
  fifoWaitMs: z
    .number()
    .int()
    .positive()
    .default(5000)
    .describe('How long a named pipe given as input (`--input <(zcat x.gz)`) may wait for a writer before the run stops naming it (5000 = 5 s).'),
};

export type InputLimits = z.output<z.ZodObject<typeof inputLimitsShape>>;

export const DEFAULT_INPUT_LIMITS: InputLimits = z.object(inputLimitsShape).parse({});

/** `200 ms`, `30 s`, `10 min`: a limit as a person would say it. */
export const duration = (ms: number): string =>
  ms < 1000 ? `${ms} ms` : ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 100) / 10} s`;
