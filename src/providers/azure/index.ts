import { TunesetError } from '../../pipeline/errors.js';
import type { ProviderDefinition } from '../provider.js';

// Placeholder until the adapter lands: the registry lists it, nothing can train on it yet.
const notYet = (): never => {
  throw new TunesetError('azure: not available yet');
};

export const azureProvider: ProviderDefinition = {
  name: 'azure',
  label: 'Azure',
  env: { apiKey: 'AZURE_API_KEY', baseURL: 'AZURE_BASE_URL', others: [] },
  defaultBaseURL: '',
  table: { provider: 'azure', asOf: '', sources: {}, models: {} },
  hyperparameters: {},
  fake: { routes: [] },
  trainerFromEnv: notYet,
  chatFromEnv: notYet,
  dryRunAnswer: () => undefined,
  emptyList: () => ({ data: [] }),
  afterCrash: '',
};
