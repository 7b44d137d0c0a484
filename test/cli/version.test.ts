import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { captureIo } from '../helpers/capture-io.js';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

test.each(['--version', '-v'])('tuneset %s prints the version in package.json and exits 0', async (flag) => {
  const c = captureIo();
  expect(await main([flag], c.io)).toBe(0);
  expect(c.stdout()).toBe(`${version}\n`);
  expect(c.stderr()).toBe('');
});

test('the entry point prints it from any working directory (package.json is found next to the code, not the cwd)', () => {
  const bin = fileURLToPath(new URL('../../bin/tuneset.js', import.meta.url));
  const r = spawnSync(process.execPath, [bin, '--version'], { cwd: tmpdir(), encoding: 'utf8' });
  expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
});
