import { TunesetError } from '../pipeline/errors.js';
import type { Io } from './cli.js';

// Placeholder registered in cli.ts; the runs-over-time work replaces it.
export const runsCommand = async (_argv: string[], _io: Io): Promise<number> => {
  throw new TunesetError('tuneset runs is not built yet');
};
