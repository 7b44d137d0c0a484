import { spawnSync } from 'node:child_process';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TunesetError, UsageError } from '../pipeline/errors.js';
import { systemErrorText } from './error-report.js';
import { displayPath } from './display-path.js';

/** tuneset's own sources: an error thrown from here while a pipeline loads is tuneset's bug. */
const TUNESET_SRC = resolve(fileURLToPath(new URL('..', import.meta.url)));


/**
 * Errors of loading a pipeline file as one plain line naming the file (and line), so none of them
 * prints a stack: a syntax error, a missing import, an error the file's own code throws. An error
 * thrown inside tuneset is returned as it is, to be reported as a bug.
 */
export const pipelineLoadError = (file: string, path: string, error: unknown): unknown => {
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
  const system = systemErrorText(error);
  if (system !== undefined) return new TunesetError(system, { cause: error });
  // esbuild (through tsx) compiles .ts files; its message names file:line:column.
  if (error.name === 'TransformError') return new UsageError(transformErrorText(file, path, error.message));
  if (error.name === 'SyntaxError') return new UsageError(syntaxErrorText(file, path, error.message));
  const frame = firstFrame(error.stack);
  if (frame?.path.startsWith(TUNESET_SRC + sep)) return error;
  return new TunesetError(`${file} failed to load: ${error.name}: ${error.message}${frame ? ` (at ${displayPath(frame.path)}:${frame.line})` : ''}`, { cause: error });
};

/** `Transform failed with 1 error:\n/abs/p.ts:3:8: ERROR: Unexpected ";"` -> `p.ts:3:9: syntax error: Unexpected ";"`. */
const transformErrorText = (file: string, path: string, message: string): string => {
  const found = /^(.+?):(\d+):(\d+): ERROR: (.*)$/m.exec(message);
  if (!found) return `${file} cannot be compiled: ${message.replace(/\s*\n\s*/g, '; ')}`;
  const [, where, line, column, text] = found;
  const more = Number(/failed with (\d+) errors/.exec(message)?.[1] ?? 1) - 1;
  const name = resolve(where!) === path ? file : displayPath(where!);
  // esbuild counts columns from 0, editors and node from 1.
  return `${name}:${line}:${Number(column) + 1}: syntax error: ${text}${more > 0 ? ` (and ${more} more)` : ''}`;
};

/**
 * Node's own SyntaxError for a .js/.mjs module has no location; `node --check` prints it
 * (`file:line`, the source line, a caret under the column). A SyntaxError found only when linking
 * (`does not provide an export named 'x'`) is not in this file's syntax and keeps its message.
 */
const syntaxErrorText = (file: string, path: string, message: string): string => {
  if (['.js', '.mjs'].includes(extname(path))) {
    const check = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8' });
    const lines = check.stderr.split('\n');
    const line = /:(\d+)$/.exec(lines[0] ?? '')?.[1];
    const caret = lines[2]?.indexOf('^') ?? -1;
    const checked = /^SyntaxError: (.*)$/m.exec(check.stderr)?.[1];
    if (check.status !== 0 && line && checked) return `${file}:${line}${caret >= 0 ? `:${caret + 1}` : ''}: syntax error: ${checked}`;
  }
  return `${file} cannot be loaded: SyntaxError: ${message}`;
};

/** The innermost stack frame with a file, as a path (file: URLs converted); node's internals skipped. */
const firstFrame = (stack: string | undefined): { path: string; line: string } | undefined => {
  for (const m of (stack ?? '').matchAll(/^\s+at (?:.*? \()?(.+?):(\d+):\d+\)?$/gm)) {
    const [, where, line] = m;
    if (where!.startsWith('node:')) continue;
    const path = where!.startsWith('file://') ? fileURLToPath(where!) : where!;
    return { path, line: line! };
  }
  return undefined;
};
