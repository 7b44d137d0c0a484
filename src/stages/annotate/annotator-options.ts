import { z } from 'zod';
import type { Json } from '../../pipeline/item.js';
import { encodingOption, priceOption } from './annotation-price.js';
import { endpointOption } from './endpoint.js';

/** Options every LLM annotator (annotate, judge) takes: model, endpoint, sampling, limits, budget, mode. */
export const annotatorOptionShape = {
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes')
    .optional()
    .describe('The stage name (default: annotate, or judge), to tell several annotators apart in the report, rejected.jsonl and progress.'),
  model: z.string().min(1).describe('The chat model (for Azure: the deployment name).'),
  endpoint: endpointOption,
  system: z.string().optional().describe('A system message put before every prompt.'),
  temperature: z.number().min(0).max(2).default(0).describe('Sampling temperature; in the cache key.'),
  maxTokens: z.int().positive().default(1024).describe('Most output tokens per answer: the estimate and the budget count every answer at this size.'),
  seed: z.int().optional().describe('Sampling seed sent to the API; in the cache key.'),
  retries: z.int().min(0).max(10).default(2).describe('Times an answer that is not valid JSON or fails the schema is asked again, with the problem, before it is an error entry.'),
  requestRetries: z.int().min(0).max(20).default(6).describe('Times a request that got a 429, a 5xx or no answer is sent again (after Retry-After, else a growing wait).'),
  retryDelayMs: z.int().min(0).default(1000).describe('First wait after a 5xx or dropped connection without Retry-After; doubles each time.'),
  concurrency: z.int().positive().max(1024).default(8).describe('Requests to the model at once.'),
  requestsPerMinute: z.number().positive().optional().describe('Request rate limit for the model (your account tier).'),
  tokensPerMinute: z.number().positive().optional().describe('Token rate limit for the model, counting input plus max_tokens per request.'),
  maxCost: z.number().positive().optional().describe('USD: no request is sent that could take this run past it. Needs a price (model table, models, or price).'),
  price: priceOption,
  encoding: encodingOption,
  mode: z.enum(['online', 'batch']).default('online').describe("'online': chat completions as fast as the limits allow; 'batch': the Batch API (half price, answers within 24 h). Same cache entries either way."),
  batch: z
    .strictObject({
      pollIntervalMs: z.int().positive().default(10_000),
      maxRequestsPerBatch: z.int().positive().max(50_000).default(50_000),
      maxBytesPerBatch: z.int().positive().max(200 * 1024 * 1024).default(200 * 1024 * 1024),
    })
    .prefault({})
    .describe("Batch mode: how often to poll, and the per-batch limits (the API's: 50,000 requests, 200 MB)."),
  maxErrors: z.int().min(0).default(0).describe('Records that may end as error entries (a request that failed after retries, an answer still invalid) before the run stops.'),
};

export const AnnotatorOptions = z.strictObject(annotatorOptionShape);

export type AnnotatorSettings = Omit<z.output<typeof AnnotatorOptions>, 'name'> & {
  name: string;
  /** The options as the manifest records them. */
  json: Json;
};

export type AnnotatorInput = z.input<typeof AnnotatorOptions>;
