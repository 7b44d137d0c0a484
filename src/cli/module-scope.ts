import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ModuleScope {
  /** The package.json that decides how Node loads the file, if any. */
  packageJson?: string;
  /** Its "type" field ("module", "commonjs", or absent). */
  type?: string;
  /** The package.json is not valid JSON: Node reports that itself, naming the file. */
  unreadable?: true;
}

/**
 * Node's rule for .js and .ts files: the nearest package.json up the directory tree decides between
 * ES module and CommonJS, and the search stops at the first one found (even without a "type").
 */
export const moduleScope = (file: string): ModuleScope => {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) {
      let type: unknown;
      try {
        type = (JSON.parse(readFileSync(path, 'utf8')) as { type?: unknown }).type;
      } catch {
        return { packageJson: path, unreadable: true };
      }
      return typeof type === 'string' ? { packageJson: path, type } : { packageJson: path };
    }
    if (dirname(dir) === dir) return {};
  }
};
