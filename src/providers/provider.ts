import type { ChatModel } from '../chat/chat-model.js';
import type { Trainer } from '../train/trainer.js';
import type { Route } from './fake/router.js';
import type { ProviderModelTable } from './model-entry.js';

export type ProviderName = 'openai' | 'azure' | 'nebius' | 'together' | 'fireworks';

/** Our training settings (`.train({...})`), by the name the pipeline uses. */
export type HyperparameterName = 'epochs' | 'batchSize' | 'learningRate' | 'learningRateMultiplier' | 'loraRank' | 'loraAlpha';

export interface ProviderClientOptions {
  /** SDK or fetch retries for 408/409/429/5xx and connection errors. @default 5 */
  maxRetries?: number;
  /** Per attempt. @default 120000 */
  timeoutMs?: number;
  /** Replaces fetch: the dry run records requests instead of sending them. */
  fetch?: typeof fetch;
}

/** A Trainer for this provider from the environment, and every secret to keep out of output. */
export interface TrainerFromEnv {
  trainer: Trainer;
  /** Every key this environment holds for any provider, not only this one's: any may be echoed. */
  secrets: (string | undefined)[];
  /** Where requests go (for messages and the dry run), without credentials. */
  baseURL: string;
}

/** Everything tuneset knows about one fine-tuning provider. The registry maps a name to this. */
export interface ProviderDefinition {
  name: ProviderName;
  /** As the provider calls itself: "Together AI". */
  label: string;
  /** Environment variables it reads, for help text, docs and the fake's `export` lines. */
  env: { apiKey: string; baseURL: string; others: readonly string[] };
  defaultBaseURL: string;
  table: ProviderModelTable;
  /**
   * What each of our settings is called in this provider's job body (a dotted path when nested:
   * `method.supervised.hyperparameters.n_epochs`); absent when the provider has no such setting,
   * and a pipeline that sets it is refused before any request.
   */
  hyperparameters: Partial<Record<HyperparameterName, string>>;
  /** The fake's dialect: routes served by `tuneset fake-openai --provider <name>` over the shared fake core. */
  fake: { routes: readonly Route[] };
  /** Throws a TunesetError naming the missing variable. */
  trainerFromEnv(env: NodeJS.ProcessEnv, options?: ProviderClientOptions): TrainerFromEnv;
  /** The provider's OpenAI-compatible chat endpoint, for eval of a fine-tune against its base. */
  chatFromEnv(env: NodeJS.ProcessEnv, options?: ProviderClientOptions): { chat: ChatModel; secrets: (string | undefined)[] };
  /**
   * `train --dry-run` sends no create: the recording fetch answers a create (upload, dataset, job)
   * with what this provider would return, so the adapter runs its real code path. Return undefined
   * for requests that are not creates (lookups go to the network when there is a key, else get an
   * empty list from `emptyList`).
   */
  dryRunAnswer(request: { method: string; path: string; body: unknown }, model: string): unknown | undefined;
  /** The body of an empty list in this provider's shape, for lookups in a dry run without a key. */
  emptyList(path: string): unknown;
  /** One paragraph for the README and `train --help`: what makes a re-run after a crash safe here. */
  afterCrash: string;
}
