import { TunesetError } from '../../pipeline/errors.js';
import type { ProviderDefinition } from '../provider.js';

// Placeholder until the adapter lands: the registry lists it, nothing can train on it yet.
const notYet = (): never => {
  throw new TunesetError('fireworks: not available yet');
};

export const fireworksProvider: ProviderDefinition = {
  name: 'fireworks',
  label: 'Fireworks',
  env: { apiKey: 'FIREWORKS_API_KEY', baseURL: 'FIREWORKS_BASE_URL', others: [] },
  defaultBaseURL: '',
  table: { provider: 'fireworks', asOf: '', sources: {}, models: {} },
  hyperparameters: {},
  fake: { routes: [] },
  trainerFromEnv: notYet,
  chatFromEnv: notYet,
  dryRunAnswer: () => undefined,
  emptyList: () => ({ data: [] }),
  afterCrash: '',
};
