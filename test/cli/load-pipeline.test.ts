import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadPipeline } from '../../src/cli/load-pipeline.js';
import { moduleScope } from '../../src/cli/module-scope.js';
import { UsageError } from '../../src/pipeline/errors.js';
import { tunesetProcess } from '../helpers/cli-process.js';

// Pipeline files outside the repository, where Node's module rules apply as they do for users.
const PIPELINE = `import { importJsonl, pipeline } from 'tuneset';
export default pipeline('outside', { model: 'gpt-4o-mini-2024-07-18' }).from(importJsonl({ path: 'x.jsonl', fields: { q: 'q' } }));
`;

const project = (packageJson: object | undefined): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tuneset-load-'));
  if (packageJson) writeFileSync(join(dir, 'package.json'), JSON.stringify(packageJson));
  mkdirSync(join(dir, 'pipelines'));
  writeFileSync(join(dir, 'pipelines', 'p.ts'), PIPELINE);
  return dir;
};

const loadError = async (file: string): Promise<UsageError> => {
  const error = await loadPipeline(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
};

test('the nearest package.json decides, even one without "type"', () => {
  const dir = project({ name: 'outer', type: 'module' });
  mkdirSync(join(dir, 'inner'));
  writeFileSync(join(dir, 'inner', 'package.json'), '{"name": "inner"}');
  expect(moduleScope(join(dir, 'pipelines', 'p.ts'))).toEqual({ packageJson: join(dir, 'package.json'), type: 'module' });
  expect(moduleScope(join(dir, 'inner', 'p.ts'))).toEqual({ packageJson: join(dir, 'inner', 'package.json') });
});

test('a pipeline Node would load as CommonJS fails before loading, saying what to change', async () => {
  const commonjs = project({ name: 'app', type: 'commonjs' });
  const file = join(commonjs, 'pipelines', 'p.ts');
  expect((await loadError(file)).message).toBe(
    `${file} would load as CommonJS, but a pipeline is an ES module: ${join(commonjs, 'package.json')} has "type": "commonjs". ` +
      `Set "type": "module" in ${join(commonjs, 'package.json')}, or rename the file to p.mts.`,
  );
  const untyped = project({ name: 'app' });
  expect((await loadError(join(untyped, 'pipelines', 'p.ts'))).message).toContain(`${join(untyped, 'package.json')} has no "type".`);
});

// A package.json above the temporary directory would decide instead; then this case cannot be made here.
const tmpHasPackageJson = moduleScope(join(tmpdir(), 'p.ts')).packageJson !== undefined;

test.skipIf(tmpHasPackageJson)('without any package.json above it, the message says to add one', async () => {
  const bare = project(undefined);
  expect((await loadError(join(bare, 'pipelines', 'p.ts'))).message).toBe(
    `${join(bare, 'pipelines', 'p.ts')} would load as CommonJS, but a pipeline is an ES module: no package.json above it says "type": "module". ` +
      `Set "type": "module" in a package.json in the pipeline's project, or rename the file to p.mts.`,
  );
});

test('through the CLI: a pipeline outside any project that installs tuneset runs (tuneset is the CLI\'s own copy); CommonJS and a missing zod are plain messages, exit 2', () => {
  const ws = mkdtempSync(join(tmpdir(), 'tuneset-load-cli-'));
  const dir = join(ws, 'ds');
  expect(tunesetProcess(['init', dir, '--template', 'jsonl']).code).toBe(0);
  const ok = tunesetProcess(['run', join(dir, 'pipelines', 'ds.ts'), '--out', join(ws, 'out')]);
  expect(ok.stdout).toMatch(/Hand-off preview/);
  expect(ok.code).toBe(0);

  const commonjs = project({ name: 'app', type: 'commonjs' });
  const cjs = tunesetProcess(['run', join(commonjs, 'pipelines', 'p.ts')]);
  expect(cjs).toMatchObject({ code: 2, stdout: '' });
  expect(cjs.stderr).toMatch(/^error: .*p\.ts would load as CommonJS, .*rename the file to p\.mts\.\n$/);

  const zod = project({ type: 'module' });
  writeFileSync(join(zod, 'pipelines', 'p.ts'), `import { z } from 'zod';\nexport const Seed = z.number();\n${PIPELINE}`);
  expect(tunesetProcess(['run', join(zod, 'pipelines', 'p.ts')])).toMatchObject({
    code: 2,
    stderr: `error: ${join(zod, 'pipelines', 'p.ts')} cannot be loaded: it imports 'zod', which is not found; import { z } from 'tuneset' instead (tuneset re-exports zod's z)\n`,
  });
}, 120_000);
