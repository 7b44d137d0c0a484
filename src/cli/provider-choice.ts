import type { ProviderDefinition } from '../providers/provider.js';
import { isProviderName, PROVIDERS, providerNamed, PROVIDER_NAMES } from '../providers/registry.js';

/** What `--provider` says in a command's help, its lines after the first indented to `column`. */
export const providerOptionHelp = (column: number): string =>
  [
    `${PROVIDER_NAMES.join(', ')}; default: the provider the run`,
    'was trained or built for, else openai (azure when only',
    'AZURE_OPENAI_ENDPOINT is set)',
  ].join(`\n${' '.repeat(column)}`);

/**
 * The environment's choice when nothing else says: Azure when only Azure is configured, else
 * OpenAI (what tuneset did before it knew more than these two).
 */
export const providerFromEnv = (env: NodeJS.ProcessEnv): ProviderDefinition =>
  env['AZURE_OPENAI_ENDPOINT'] && !env['OPENAI_API_KEY'] ? PROVIDERS.azure : PROVIDERS.openai;

/**
 * `--provider` when given (a usage error naming the known ones otherwise); else the first known
 * provider among `recorded` (the one train-state.json says made the job, then the run's target);
 * else the environment's choice. An OpenAI target is no choice of provider: OpenAI's models are
 * also Azure's, so such a run follows the environment as it always did.
 */
export const chooseProvider = (flag: unknown, recorded: readonly (string | undefined)[], env: NodeJS.ProcessEnv): ProviderDefinition => {
  if (flag !== undefined) return providerNamed(String(flag));
  for (const name of recorded) if (name !== undefined && name !== 'openai' && isProviderName(name)) return PROVIDERS[name];
  return providerFromEnv(env);
};
