import { readFileSync } from 'node:fs';

/**
 * The version in tuneset's own package.json, read when asked: the file sits two directories above
 * this one in the repository and in an installed package alike (the package ships src/ and runs it
 * with tsx), so no build step has to copy the number in.
 */
export const packageVersion = (): string => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new Error('package.json has no version');
  return pkg.version;
};
