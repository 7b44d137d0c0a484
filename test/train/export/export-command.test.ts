import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { exportCommand } from '../../../src/cli/export-command.js';
import { TunesetError } from '../../../src/pipeline/errors.js';
import { captureIo } from '../../helpers/capture-io.js';
import { PLAIN, read, rows, tempDir, TOOL, writeRun } from './run-fixture.js';

/** exportCommand as cli.ts runs a command: a TunesetError prints its message and sets its exit code. */
const tuneset = async (...argv: string[]) => {
  const c = captureIo();
  let code: number;
  try {
    code = await exportCommand(argv, c.io);
  } catch (error) {
    if (!(error instanceof TunesetError)) throw error;
    c.io.stderr.write(`error: ${error.message}\n`);
    code = error.exitCode;
  }
  return { code, stdout: c.stdout(), stderr: c.stderr() };
};

test('prints what was written and the command that trains', async () => {
  const runDir = writeRun({ train: { plain: PLAIN, tool: TOOL }, validation: { val: PLAIN } });
  const out = join(tempDir(), 'lf');
  const r = await tuneset(runDir, '--to', 'llama-factory', '--out', out);
  expect(r).toEqual({
    code: 0,
    stderr: '',
    stdout: [
      `Exported SFT data for llama-factory to ${out}/`,
      '  train: 2 examples -> 2 rows',
      '  validation: 1 example -> 1 row',
      '  data/train.jsonl',
      '  data/validation.jsonl',
      '  data/dataset_info.json',
      '  train_lora.yaml',
      '  export.json',
      '',
      'Edit the base model and settings in the config, then train:',
      `  cd ${out} && llamafactory-cli train train_lora.yaml`,
      '',
    ].join('\n'),
  });
  // Every file went through a temporary name; none is left behind.
  expect(readdirSync(join(out, 'data')).sort()).toEqual(['dataset_info.json', 'train.jsonl', 'validation.jsonl']);
});

test('images are refused by every trainer, naming the run, the feature and the examples; nothing is written', async () => {
  const image = { messages: [{ role: 'user', content: [{ type: 'text', text: 'What plant?' }, { type: 'image_url', image_url: { url: 'https://example.com/p.png' } }] }, { role: 'assistant', content: 'A fern.' }] };
  const runDir = writeRun({ train: { plain: PLAIN, image } as never });
  for (const to of ['trl', 'axolotl', 'llama-factory']) {
    const r = await tuneset(runDir, '--to', to);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: ${runDir}: cannot export to ${to}; nothing was written:\n` +
        '  image_input: image inputs (image_url content parts): the exported configs train text-only models and no open layout takes image URLs as-is (1 example: image)\n',
    );
  }
  expect(existsSync(join(runDir, 'export'))).toBe(false);
});

test('conversions that change the data are written with a warning listing the examples, and recorded in export.json', async () => {
  const parts = { messages: [{ role: 'developer', content: 'Be brief.' }, { role: 'user', content: [{ type: 'text', text: 'Hi' }, { type: 'text', text: 'there' }] }, { role: 'assistant', content: 'Hello.' }] };
  const flagged = { ...TOOL, parallel_tool_calls: false };
  const runDir = writeRun({ train: { parts, flagged, plain: PLAIN } as never });
  const r = await tuneset(runDir, '--to', 'trl');
  expect(r.code).toBe(0);
  expect(r.stderr).toBe(
    'warning: text_parts_joined: content given as several text parts was joined into one string with newlines (chat templates take string content) (1 example: parts)\n' +
      'warning: parallel_tool_calls_dropped: the per-example parallel_tool_calls flag has no equivalent and was dropped (the tool calls themselves are kept) (1 example: flagged)\n',
  );
  const out = join(runDir, 'export', 'trl');
  // developer becomes system: open chat templates only know system.
  expect(rows(out, 'data', 'train.jsonl')[0]).toEqual({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi\nthere' }, { role: 'assistant', content: 'Hello.' }] });
  expect(JSON.parse(read(out, 'export.json')).warnings.map((w: { code: string; ids: string[] }) => [w.code, w.ids])).toEqual([
    ['text_parts_joined', ['parts']],
    ['parallel_tool_calls_dropped', ['flagged']],
  ]);
});

test('deprecated function calling and refusal fields are refused', async () => {
  const legacy = { messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: null, function_call: { name: 'f', arguments: '{}' } }, { role: 'function', name: 'f', content: '1' }, { role: 'assistant', content: 'One.' }] };
  const refusing = { messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: null, refusal: 'I cannot help.' }] };
  const r = await tuneset(writeRun({ train: { legacy, refusing } as never }), '--to', 'axolotl');
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^ {2}function_call: deprecated function calling .* \(1 example: legacy\)$/m);
  expect(r.stderr).toMatch(/^ {2}refusal_field: assistant "refusal" fields: .* \(1 example: refusing\)$/m);
});

test('a directory without a manifest is refused with exit 1', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'train.jsonl'), `${JSON.stringify(PLAIN)}\n`);
  expect(await tuneset(dir, '--to', 'trl')).toEqual({ code: 1, stdout: '', stderr: `error: ${dir} is not a finished run: manifest.json is missing (the run was interrupted or failed)\n` });
  expect(await tuneset(join(dir, 'nope'), '--to', 'trl')).toMatchObject({ code: 1, stderr: `error: ${join(dir, 'nope')}: run directory not found\n` });
});

test('a non-empty --out is refused (exit 2); a non-empty default directory too (exit 1)', async () => {
  const runDir = writeRun({ train: { plain: PLAIN } });
  const out = tempDir();
  writeFileSync(join(out, 'keep.txt'), 'mine');
  expect(await tuneset(runDir, '--to', 'trl', '--out', out)).toEqual({
    code: 2,
    stdout: '',
    stderr: `error: --out ${out}: directory is not empty; choose a new directory or empty it first\n`,
  });
  expect(read(out, 'keep.txt')).toBe('mine');
  expect((await tuneset(runDir, '--to', 'trl')).code).toBe(0);
  const again = await tuneset(runDir, '--to', 'trl');
  expect(again.code).toBe(1);
  expect(again.stderr).toBe(`error: ${join(runDir, 'export', 'trl')}: directory is not empty; choose a new directory or empty it first (or pass --out DIR)\n`);
});

test('an empty --out is used as it is and emptied again when the export is refused', async () => {
  const out = tempDir();
  const image = { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] }, { role: 'assistant', content: 'A fern.' }] };
  expect((await tuneset(writeRun({ train: { image } as never }), '--to', 'trl', '--out', out)).code).toBe(1);
  expect(readdirSync(out)).toEqual([]);
  rmSync(out, { recursive: true });
});

test('usage errors: no run dir, unknown trainer, a base model with spaces; --help', async () => {
  const runDir = writeRun({ train: { plain: PLAIN } });
  expect(await tuneset('--to', 'trl')).toMatchObject({ code: 2, stderr: "error: tuneset export takes exactly one run directory, got 0. See 'tuneset export --help'.\n" });
  expect(await tuneset(runDir, '--to', 'unsloth')).toMatchObject({ code: 2, stderr: 'error: --to expects one of trl, axolotl, llama-factory, got "unsloth"\n' });
  expect(await tuneset(runDir)).toMatchObject({ code: 2, stderr: 'error: --to expects one of trl, axolotl, llama-factory, got nothing\n' });
  expect(await tuneset(runDir, '--to', 'trl', '--base-model', 'my model')).toMatchObject({ code: 2 });
  expect(existsSync(join(runDir, 'export'))).toBe(false);
  const help = await tuneset('--help');
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^Usage: tuneset export <run-dir> --to trl\|axolotl\|llama-factory/);
});

test('a run mixing SFT and DPO lines is refused before anything is written', async () => {
  const pair = { input: { messages: [{ role: 'user', content: 'Q' }] }, preferred_output: [{ role: 'assistant', content: 'A' }], non_preferred_output: [{ role: 'assistant', content: 'B' }] };
  const runDir = writeRun({ train: { plain: PLAIN, pair } as never });
  const r = await tuneset(runDir, '--to', 'trl');
  expect(r.code).toBe(1);
  expect(existsSync(join(runDir, 'export'))).toBe(false);
  expect(r.stderr).toBe(`error: ${runDir}: pair is a DPO example after SFT examples; a run holds one format\n`);
});
