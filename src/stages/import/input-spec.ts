import { basename, isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SourceError } from '../../pipeline/errors.js';

/** One input as a pipeline names it: a local path, a `file:` URL or an http(s) URL. */
export type InputSpec = string | URL;

const spec = z.union([z.string().min(1), z.instanceof(URL).meta({ type: 'URL' })]);

/** The `path` option every import source takes: one input or several, read in order. */
export const inputPathSchema = z.union([spec, z.array(spec).min(1)]);

/**
 * Default inputs as strings, the form `--input` uses, so both go through the same resolution. A
 * file URL (a pipeline's `new URL('../fixtures/x.json', import.meta.url)`) becomes a path relative
 * to the working directory when it lies inside it, so provenance does not name the checkout.
 */
export const inputList = (path: InputSpec | readonly InputSpec[]): string[] =>
  (Array.isArray(path) ? path : [path]).map((p: InputSpec) => (p instanceof URL ? (p.protocol === 'file:' ? localPath(fileURLToPath(p)) : p.href) : p));

const localPath = (absolute: string): string => {
  const rel = relative(process.cwd(), absolute);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? absolute : rel;
};

export type ResolvedInput = { uri: string; kind: 'file'; path: string } | { uri: string; kind: 'http'; url: URL };

const HTTP = /^https?:\/\//i;

/**
 * Where an input lives. The uri is the input exactly as given (a relative path stays relative), so
 * provenance and manifests do not change from one machine or checkout to another; fs resolves
 * relative paths against process.cwd().
 */
export const resolveInput = (input: string): ResolvedInput => {
  if (HTTP.test(input)) return { uri: input, kind: 'http', url: new URL(input) };
  if (/^file:/i.test(input)) {
    try {
      return { uri: input, kind: 'file', path: fileURLToPath(input) };
    } catch (error) {
      throw new SourceError(input, `invalid file URL: ${(error as Error).message}`, { cause: error });
    }
  }
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(input)) throw new SourceError(input, 'unsupported URL scheme (use a path, file:, http: or https:)');
  return { uri: input, kind: 'file', path: input };
};

/** The last path segment of an input, for ids such as `data.jsonl:12`. */
export const inputBasename = (uri: string): string => {
  if (HTTP.test(uri) || /^file:/i.test(uri)) {
    const segments = new URL(uri).pathname.split('/').filter(Boolean);
    return decodeURIComponent(segments.at(-1) ?? uri);
  }
  return basename(uri);
};

/** The id of a record that has none of its own: where it is, `<basename>:<line>`. */
export const lineId = (uri: string, line: number): string => `${inputBasename(uri)}:${line}`;
