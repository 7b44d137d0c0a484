import { existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TunesetError, UsageError } from '../pipeline/errors.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { moduleScope } from './module-scope.js';

/** Imports a pipeline file (its default export); importing runs nothing but option validation. */
export const loadPipeline = async (file: string): Promise<Pipeline<unknown>> => {
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`pipeline file not found: ${file}`);
  checkModuleScope(file, path);
  let mod: { default?: Partial<Pipeline<unknown>> };
  try {
    mod = (await import(pathToFileURL(path).href)) as typeof mod;
  } catch (error) {
    throw loadError(file, error);
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

/** Errors of loading (not of the pipeline's own code) as plain messages naming the file. */
const loadError = (file: string, error: unknown): unknown => {
  if (error instanceof TunesetError || !(error instanceof Error)) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const missing = /Cannot find (?:package|module) '([^']+)'/.exec(error.message)?.[1];
  if (code === 'ERR_MODULE_NOT_FOUND' && missing) {
    const hint =
      missing === 'zod'
        ? "import { z } from 'tuneset' instead (tuneset re-exports zod's z)"
        : missing.startsWith('.') || missing.startsWith('/')
          ? 'check the path'
          : `install it in the pipeline's project (npm install ${missing})`;
    return new UsageError(`${file} cannot be loaded: it imports '${missing}', which is not found; ${hint}`);
  }
  // esbuild's syntax errors already name file:line:column; the stack would only show tsx's internals.
  if (error.name === 'TransformError') return new UsageError(`${file} cannot be compiled: ${error.message}`);
  return error;
};
