import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The package.json of a dependency as Node would find it from `from` (tuneset's own directory):
 * in its node_modules, else in each parent's. In a checkout the dependencies are under the checkout;
 * in a project that installed tuneset they sit beside it, in the project's node_modules.
 */
export const installedPackageJson = (pkg: string, from: string): string | undefined => {
  for (let dir = from; ; dir = dirname(dir)) {
    const path = join(dir, 'node_modules', pkg, 'package.json');
    if (existsSync(path)) return path;
    if (dirname(dir) === dir) return undefined;
  }
};
