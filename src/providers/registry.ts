import { UsageError } from '../pipeline/errors.js';
import { azureProvider } from './azure/index.js';
import { fireworksProvider } from './fireworks/index.js';
import { nebiusProvider } from './nebius/index.js';
import { openaiProvider } from './openai/index.js';
import type { ProviderDefinition, ProviderName } from './provider.js';
import { togetherProvider } from './together/index.js';

/** Every provider tuneset can hand a dataset to, by the name `--provider` and `--target` take. */
export const PROVIDERS: Readonly<Record<ProviderName, ProviderDefinition>> = {
  openai: openaiProvider,
  azure: azureProvider,
  nebius: nebiusProvider,
  together: togetherProvider,
  fireworks: fireworksProvider,
};

export const PROVIDER_NAMES = Object.keys(PROVIDERS) as ProviderName[];

export const isProviderName = (name: string): name is ProviderName => Object.hasOwn(PROVIDERS, name);

/** The provider called `name`; a usage error listing the known ones otherwise. */
export const providerNamed = (name: string, flag = '--provider'): ProviderDefinition => {
  if (isProviderName(name)) return PROVIDERS[name];
  throw new UsageError(`${flag} expects one of ${PROVIDER_NAMES.join(', ')}, got "${name}"`);
};
