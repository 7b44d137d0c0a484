import { existsSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../pipeline/errors.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { moduleScope } from './module-scope.js';
import { pipelineLoadError } from './pipeline-load-error.js';

/** What Node (with tsx) imports as an ES module; anything else is not a pipeline file. */
const MODULE_EXTENSIONS = ['.ts', '.mts', '.tsx', '.js', '.mjs', '.jsx'];

/** Imports a pipeline file (its default export); importing runs nothing but option validation. */
export const loadPipeline = async (file: string): Promise<Pipeline<unknown>> => {
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`pipeline file not found: ${file}`);
  if (statSync(path).isDirectory()) throw new UsageError(`${file} is a directory; give the pipeline file (.ts) to run`);
  if (!MODULE_EXTENSIONS.includes(extname(path))) {
    throw new UsageError(`${file} is not a pipeline file: a pipeline is a .ts (or .js) module whose default export is pipeline(...)`);
  }
  checkModuleScope(file, path);
  let mod: { default?: Partial<Pipeline<unknown>> };
  try {
    mod = (await import(pathToFileURL(path).href)) as typeof mod;
  } catch (error) {
    throw pipelineLoadError(file, path, error);
  }
  const p = mod.default;
  if (!p || typeof p.name !== 'string' || !p.source || !Array.isArray(p.stages)) {
    throw new UsageError(`${file}: the default export is not a pipeline (export default pipeline(...).from(...))`);
  }
  return p as Pipeline<unknown>;
};

/**
 * A pipeline is an ES module. Node loads a .ts or .js file as CommonJS unless the nearest
 * package.json says "type": "module" (`npm init` writes "commonjs"), and then fails deep in the
 * loader (ERR_REQUIRE_CYCLE_MODULE); say what to change instead.
 */
const checkModuleScope = (file: string, path: string): void => {
  const ext = extname(path);
  if (!['.ts', '.tsx', '.js', '.jsx'].includes(ext)) return;
  const scope = moduleScope(path);
  if (scope.type === 'module' || scope.unreadable) return;
  const why = scope.packageJson
    ? `${scope.packageJson} has ${scope.type === undefined ? 'no "type"' : `"type": ${JSON.stringify(scope.type)}`}`
    : 'no package.json above it says "type": "module"';
  const rename = `${basename(path, ext)}${ext === '.js' || ext === '.jsx' ? '.mjs' : '.mts'}`;
  throw new UsageError(
    `${file} would load as CommonJS, but a pipeline is an ES module: ${why}. ` +
      `Set "type": "module" in ${scope.packageJson ?? 'a package.json in the pipeline\'s project'}, or rename the file to ${rename}.`,
  );
};
