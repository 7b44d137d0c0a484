import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { installedPackageJson } from '../../src/pipeline/installed-package.js';

const pkg = (dir: string) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{}');
  return join(dir, 'package.json');
};

test('a dependency is found in tuneset\'s own node_modules (a checkout), else beside it (an installed tuneset)', () => {
  const app = mkdtempSync(join(tmpdir(), 'tuneset-installed-'));
  const tuneset = join(app, 'node_modules', 'tuneset');
  mkdirSync(tuneset, { recursive: true });
  const hoisted = pkg(join(app, 'node_modules', 'zod'));
  expect(installedPackageJson('zod', tuneset)).toBe(hoisted);
  const nested = pkg(join(tuneset, 'node_modules', 'zod'));
  expect(installedPackageJson('zod', tuneset)).toBe(nested);
  expect(installedPackageJson('no-such-package-here', tuneset)).toBeUndefined();
});
