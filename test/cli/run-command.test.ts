import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { main } from '../../src/cli/cli.js';
import { captureIo } from '../helpers/capture-io.js';
import { startTuneset } from '../helpers/cli-process.js';

const run = async (...argv: string[]) => {
  const c = captureIo();
  const code = await main(argv, c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};
/** The error the command ends with, whatever progress and log lines came before it. */
const errorOf = (stderr: string) => stderr.slice(stderr.lastIndexOf('error: '));
const newDir = () => join(mkdtempSync(join(tmpdir(), 'tuneset-run-command-')), 'out');
const STOPS = 'fixtures/run/stops-midway.ts';
const FINISHED = ['manifest.json', 'meta.jsonl', 'rejected.jsonl', 'report.html', 'train.jsonl'];

test('a run killed with --out DIR is replaced by the same command, which then finishes; a finished run is refused', async () => {
  const out = newDir();
  const killed = startTuneset(['run', STOPS, '--out', out], { TUNESET_TEST_STOP_AFTER: '3' });
  await killed.stderrIncludes('stopped; waiting to be killed');
  killed.child.kill('SIGKILL');
  expect((await killed.exited).signal).toBe('SIGKILL');
  // What a killed run leaves: nothing under a final name, and the marker naming its pipeline.
  expect(readdirSync(out).sort()).toEqual(['.tmp', '.tuneset-run.json', 'meta.jsonl.partial', 'rejected.jsonl.partial', 'train.jsonl.partial']);
  expect(JSON.parse(readFileSync(join(out, '.tuneset-run.json'), 'utf8'))).toMatchObject({ pipeline: 'stops-midway', pid: killed.child.pid });

  const again = await run('run', STOPS, '--out', out);
  expect(again.code).toBe(0);
  expect(again.stderr).toContain(
    `warn: [stops-midway] --out ${out} held an interrupted run of stops-midway (started 2026-11-23T12:00:00.000Z); its files were deleted and the run starts afresh\n`,
  );
  expect(readdirSync(out).sort()).toEqual(FINISHED);
  expect(readFileSync(join(out, 'train.jsonl'), 'utf8').trim().split('\n')).toHaveLength(5);

  const third = await run('run', STOPS, '--out', out);
  expect(third).toMatchObject({ code: 2, stdout: '' });
  expect(third.stderr).toBe(
    `error: --out ${out} is not empty: it holds a finished run of stops-midway (${FINISHED.slice(0, 4).join(', ')} and 1 more); choose another directory or delete it\n`,
  );
  expect(readdirSync(out).sort()).toEqual(FINISHED);
});

test('--out holding anything but an interrupted run of the same pipeline is refused, saying what is there', async () => {
  const foreign = newDir();
  mkdirSync(foreign);
  for (const name of ['a.txt', 'b', 'c']) writeFileSync(join(foreign, name), 'x');
  expect(await run('run', STOPS, '--out', foreign)).toEqual({
    code: 2,
    stdout: '',
    stderr: `error: --out ${foreign} is not empty: it holds 3 files that are not a tuneset run: a.txt, b, c; choose another directory or delete it\n`,
  });

  const other = newDir();
  mkdirSync(other);
  writeFileSync(join(other, '.tuneset-run.json'), JSON.stringify({ pipeline: 'docs-qa', startedAt: '2026-11-22T09:00:00.000Z', pid: 2 ** 22 + 1, host: 'elsewhere' }));
  writeFileSync(join(other, 'train.jsonl.partial'), '{}\n');
  expect((await run('run', STOPS, '--out', other)).stderr).toBe(
    `error: --out ${other} is not empty: it holds an interrupted run of another pipeline (docs-qa); choose another directory or delete it\n`,
  );

  // Left by a run that wrote no marker: which pipeline it was cannot be known, so it is not deleted.
  const unmarked = newDir();
  mkdirSync(unmarked);
  writeFileSync(join(unmarked, 'train.jsonl.partial'), '{}\n');
  writeFileSync(join(unmarked, 'meta.jsonl.partial'), '{}\n');
  expect((await run('run', STOPS, '--out', unmarked)).stderr).toBe(
    `error: --out ${unmarked} is not empty: it holds an interrupted run of an unknown pipeline (meta.jsonl.partial, train.jsonl.partial; no .tuneset-run.json says which); choose another directory or delete it\n`,
  );
  for (const dir of [foreign, other, unmarked]) expect(readdirSync(dir)).not.toContain('manifest.json');
  expect(readdirSync(other).sort()).toEqual(['.tuneset-run.json', 'train.jsonl.partial']);
});

test('--out that is a file, or under one, is a usage error in plain words', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'tuneset-run-command-'));
  const file = join(parent, 'notes.txt');
  writeFileSync(file, 'x');
  expect(await run('run', STOPS, '--out', file)).toEqual({ code: 2, stdout: '', stderr: `error: --out ${file} is a file, not a directory\n` });
  expect(await run('run', STOPS, '--out', join(file, 'run'))).toEqual({
    code: 2,
    stdout: '',
    stderr: `error: --out ${join(file, 'run')} cannot be created: a part of the path is a file, not a directory (ENOTDIR)\n`,
  });
});

test('a train file under the minimum fails the run with the count and the minimum on the console', async () => {
  const out = newDir();
  const r = await run('run', 'pipelines/ar-lsat.ts', '--input', 'fixtures/run/ar-lsat-four-questions.json', '--out', out);
  expect(r.code).toBe(1);
  expect(errorOf(r.stderr)).toBe(
    `error: ar-lsat: the written files would be rejected by OpenAI (tuneset train refuses ${out}):\n` + '  train.jsonl would have 4 examples; OpenAI requires at least 10\n',
  );
  expect(r.stdout).toContain('  WARNING    the files fail OpenAI format validation: training would be refused\n');
});

test('a run that writes no example says so, with the drop codes and where to see the records', async () => {
  const out = newDir();
  const r = await run('run', 'pipelines/ar-lsat.ts', '--input', 'fixtures/run/ar-lsat-all-invalid.json', '--out', out);
  expect(r.code).toBe(1);
  expect(errorOf(r.stderr)).toBe(
    `error: ar-lsat: no examples were written: all 12 records were dropped (invalid_record 12); see tuneset show ${out} --rejected\n`,
  );
  // The run is committed, so what the message points at is there.
  expect(readdirSync(out).sort()).toEqual(['manifest.json', 'meta.jsonl', 'rejected.jsonl', 'report.html']);
});

test('--target builds for another provider and model: the manifest records both, the preview says where it goes', async () => {
  const out = newDir();
  const r = await run('run', STOPS, '--out', out, '--target', 'local:Qwen/Qwen3-0.6B');
  expect(r.code).toBe(0);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { provider: string; model: string };
  expect([manifest.provider, manifest.model]).toEqual(['local', 'Qwen/Qwen3-0.6B']);
  expect(r.stdout).toContain(
    'Hand-off preview (target local: nothing is uploaded; `tuneset export <run-dir> --to trl|axolotl|llama-factory` writes it for an open trainer)\n' +
      '  model      local:Qwen/Qwen3-0.6B (no shutdown date known)\n',
  );
  expect(r.stdout).toContain('  estimate   none: trained on your own hardware\n');

  // Without --target: the pipeline's `model:` alone, an OpenAI model, as before.
  const plain = newDir();
  expect((await run('run', STOPS, '--out', plain)).code).toBe(0);
  expect(JSON.parse(readFileSync(join(plain, 'manifest.json'), 'utf8'))).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini-2024-07-18' });
});

test('--target with an unknown provider or model is a usage error naming the known ones, before anything is written', async () => {
  const out = newDir();
  expect(await run('run', STOPS, '--out', out, '--target', 'acme:x')).toEqual({
    code: 2,
    stdout: '',
    stderr: 'error: --target expects provider:model with a provider of openai, azure, nebius, together, fireworks, local, got "acme:x"\n',
  });
  const unknown = await run('run', STOPS, '--out', out, '--target', 'local:Qwen/Qwen3-99B');
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/^error: --target: unknown model "Qwen\/Qwen3-99B"; known local models: Qwen\/Qwen3-0\.6B, /);
  expect(() => readdirSync(out)).toThrow(/ENOENT/);
});
