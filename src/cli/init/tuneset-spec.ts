import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** The running tuneset's own directory (the one holding package.json, bin/, src/, templates/). */
export const PACKAGE_ROOT = join(import.meta.dirname, '..', '..', '..');

const readJson = (path: string): Record<string, unknown> | undefined => {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

const fileSpec = (from: string, target: string): string => {
  const rel = relative(from, target).split(sep).join('/');
  return `file:${rel.startsWith('.') || isAbsolute(rel) ? rel : `./${rel}`}`;
};

/**
 * How a new project depends on tuneset: the way the running copy got installed, so that `npm
 * install` in the new project finds the same package. tuneset is not on the npm registry, so a
 * tarball install (`npm install ./tuneset-0.1.0.tgz` records `file:...tgz` in the installing
 * project's package.json) is repeated relative to the new project, and a checkout (no node_modules
 * above it) is linked with `file:`. Anything else falls back to `^<version>`.
 */
export const tunesetSpec = (projectDir: string, root: string = PACKAGE_ROOT): string => {
  const version = String(readJson(join(root, 'package.json'))?.['version'] ?? '0.0.0');
  if (basename(dirname(root)) !== 'node_modules') return fileSpec(projectDir, root);
  const installer = dirname(dirname(root));
  const manifest = readJson(join(installer, 'package.json'));
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const spec = (manifest?.[field] as Record<string, unknown> | undefined)?.['tuneset'];
    if (typeof spec !== 'string') continue;
    if (!spec.startsWith('file:')) return spec;
    const target = resolve(installer, spec.slice('file:'.length));
    if (existsSync(target)) return fileSpec(projectDir, target);
  }
  return `^${version}`;
};
