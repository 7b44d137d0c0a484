import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../pipeline/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into usage errors (exit code 2). */
export const parseCommandLine = <O extends Options>(command: string, argv: string[], options: O) => {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`tuneset ${command}: ${(error as Error).message}. See 'tuneset ${command} --help'.`);
  }
};

export const parseInteger = (flag: string, value: string | undefined, min = 0): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} expects a whole number >= ${min}, got "${value}"`);
  return n;
};

/** `--param name=value` pairs into an object; a pair without '=' is a usage error. */
export const parseParamPairs = (pairs: readonly string[] = []): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param expects name=value, got "${pair}"`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
};
