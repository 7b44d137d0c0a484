import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../pipeline/errors.js';
import type { Pipeline } from '../pipeline/pipeline.js';

/** Imports a pipeline file (its default export); importing runs nothing but option validation. */
export const loadPipeline = async (file: string): Promise<Pipeline<unknown>> => {
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`pipeline file not found: ${file}`);
  const mod = (await import(pathToFileURL(path).href)) as { default?: Partial<Pipeline<unknown>> };
  const p = mod.default;
  if (!p || typeof p.name !== 'string' || !p.source || !Array.isArray(p.stages)) {
    throw new UsageError(`${file}: the default export is not a pipeline (export default pipeline(...).from(...))`);
  }
  return p as Pipeline<unknown>;
};
