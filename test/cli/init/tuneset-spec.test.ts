import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { tunesetSpec } from '../../../src/cli/init/tuneset-spec.js';

/** A tuneset package at `<dir>/<at>` with the given version. */
const fakeTuneset = (dir: string, at: string, version = '0.3.1'): string => {
  const root = join(dir, at);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'tuneset', version }));
  return root;
};

const tmp = () => mkdtempSync(join(tmpdir(), 'tuneset-spec-'));

test('run from a checkout, the new project links it with a relative file: spec', () => {
  const dir = tmp();
  const root = fakeTuneset(dir, 'src/tuneset');
  expect(tunesetSpec(join(dir, 'work', 'my-set'), root)).toBe('file:../../src/tuneset');
});

test('installed from a tarball, the new project installs the same tarball, its path made relative to the project', () => {
  const dir = tmp();
  writeFileSync(join(dir, 'tuneset-0.3.1.tgz'), '');
  const installer = join(dir, 'app');
  const root = fakeTuneset(installer, 'node_modules/tuneset');
  writeFileSync(join(installer, 'package.json'), JSON.stringify({ dependencies: { tuneset: 'file:../tuneset-0.3.1.tgz' } }));
  expect(tunesetSpec(join(installer, 'my-set'), root)).toBe('file:../../tuneset-0.3.1.tgz');
  expect(tunesetSpec(join(installer, 'sets', 'a'), root)).toBe('file:../../../tuneset-0.3.1.tgz');
});

test('installed from a registry or git spec, that spec; with none to be found (or a tarball gone), ^version', () => {
  const dir = tmp();
  const root = fakeTuneset(dir, 'node_modules/tuneset');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ devDependencies: { tuneset: 'github:tuneset/tuneset#v0.3.1' } }));
  expect(tunesetSpec(join(dir, 'my-set'), root)).toBe('github:tuneset/tuneset#v0.3.1');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ dependencies: { tuneset: 'file:./gone.tgz' } }));
  expect(tunesetSpec(join(dir, 'my-set'), root)).toBe('^0.3.1');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app' }));
  expect(tunesetSpec(join(dir, 'my-set'), root)).toBe('^0.3.1');
});
