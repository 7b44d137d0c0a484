import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importJsonl } from '../../../src/stages/import/index.js';
import { runStage } from '../../helpers/run-stage.js';

const fifo = () => {
  const path = join(mkdtempSync(join(tmpdir(), 'tuneset-fifo-')), 'in.jsonl');
  execFileSync('mkfifo', [path]);
  return path;
};

describe('a named pipe as input', () => {
  it('with nothing writing to it, the run stops after fifoWaitMs naming it', async () => {
    const path = fifo();
    await expect(runStage(importJsonl({ path, fields: { a: 'a' }, fifoWaitMs: 200 }))).rejects.toThrow(`${path}: is a named pipe with nothing writing to it (waited 200 ms)`);
  });

  it('with a writer (`--input <(zcat x.gz)`), it is read like a file', async () => {
    const path = fifo();
    const writing = open(path, 'w').then(async (w) => {
      await w.write('{"a": 1}\n{"a": 2}\n');
      await w.close();
    });
    const r = await runStage(importJsonl({ path, fields: { a: 'a' }, fifoWaitMs: 5000 }));
    await writing;
    expect(r.out.map((i) => i.data)).toEqual([{ a: 1 }, { a: 2 }]);
  });
});
