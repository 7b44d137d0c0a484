import { isAbsolute, relative, sep } from 'node:path';

/** A path as the user would type it: relative to the working directory when under it, else as given. */
export const displayPath = (path: string): string => {
  const rel = relative(process.cwd(), path);
  return (rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel).split(sep).join('/');
};
