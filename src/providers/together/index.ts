import { TunesetError } from '../../pipeline/errors.js';
import type { ProviderDefinition } from '../provider.js';

// Placeholder until the adapter lands: the registry lists it, nothing can train on it yet.
const notYet = (): never => {
  throw new TunesetError('together: not available yet');
};

export const togetherProvider: ProviderDefinition = {
  name: 'together',
  label: 'Together',
  env: { apiKey: 'TOGETHER_API_KEY', baseURL: 'TOGETHER_BASE_URL', others: [] },
  defaultBaseURL: '',
  table: { provider: 'together', asOf: '', sources: {}, models: {} },
  hyperparameters: {},
  fake: { routes: [] },
  trainerFromEnv: notYet,
  chatFromEnv: notYet,
  dryRunAnswer: () => undefined,
  emptyList: () => ({ data: [] }),
  afterCrash: '',
};
