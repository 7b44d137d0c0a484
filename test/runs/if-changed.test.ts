import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { sameAsRun } from '../../src/runs/if-changed.js';
import { makeRun, RUN_A, RUN_B, tempRoot } from './planted-runs.js';

// Edits one field of a finished run's manifest.json, as a run with another configuration or input would have it.
const editManifest = (runDir: string, edit: (m: Record<string, unknown>) => void) => {
  const path = join(runDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(manifest);
  writeFileSync(path, JSON.stringify(manifest));
};

test('--if-changed: a run is the same only when configuration, inputs and examples all are', async () => {
  const root = tempRoot();
  const a = await makeRun(root, RUN_A, '2026-11-23T10:00:00Z');
  const same = await makeRun(root, RUN_A, '2026-11-23T11:00:00Z');
  expect(sameAsRun(a, same)).toBe(true);
  expect(sameAsRun(a, await makeRun(root, RUN_B, '2026-11-23T12:00:00Z'))).toBe(false);

  const otherConfig = await makeRun(root, RUN_A, '2026-11-23T13:00:00Z');
  editManifest(otherConfig, (m) => (m['configHash'] = `${String(m['configHash'])}0`));
  expect(sameAsRun(a, otherConfig)).toBe(false);

  const otherInput = await makeRun(root, RUN_A, '2026-11-23T14:00:00Z');
  editManifest(otherInput, (m) => (m['inputs'] = [{ uri: 'data/in.jsonl', sha256: 'a'.repeat(64), bytes: 1 }]));
  expect(sameAsRun(a, otherInput)).toBe(false);
});
