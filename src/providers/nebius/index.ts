import { TunesetError } from '../../pipeline/errors.js';
import type { ProviderDefinition } from '../provider.js';

// Placeholder until the adapter lands: the registry lists it, nothing can train on it yet.
const notYet = (): never => {
  throw new TunesetError('nebius: not available yet');
};

export const nebiusProvider: ProviderDefinition = {
  name: 'nebius',
  label: 'Nebius',
  env: { apiKey: 'NEBIUS_API_KEY', baseURL: 'NEBIUS_BASE_URL', others: [] },
  defaultBaseURL: '',
  table: { provider: 'nebius', asOf: '', sources: {}, models: {} },
  hyperparameters: {},
  fake: { routes: [] },
  trainerFromEnv: notYet,
  chatFromEnv: notYet,
  dryRunAnswer: () => undefined,
  emptyList: () => ({ data: [] }),
  afterCrash: '',
};
