import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect, test } from 'vitest';
import * as api from '../../src/index.js';
import type { Stage } from '../../src/pipeline/stage.js';
import { CATALOG, findCatalogEntry } from '../../src/stages/catalog.js';

const STAGES_DIR = join(import.meta.dirname, '..', '..', 'src', 'stages');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

/** The top folder under src/stages/ (import, scrape, dedupe, ...) of a file. */
const folderOf = (file: string) => relative(STAGES_DIR, file).split('/')[0]!;

// Options just valid enough to build each stage: building validates them and does no I/O.
const SAMPLE_OPTIONS: Record<string, unknown> = {
  importArLsat: { path: 'x.json' },
  importJsonl: { path: 'x.jsonl', fields: { text: 'text' } },
  importCsv: { path: 'x.csv', fields: { text: 'text' } },
  importEvals: { path: 'x.jsonl' },
  scrape: {},
  sections: {},
  redactPii: { mode: 'redact' },
  clean: {},
  qualityFilter: {},
  decontaminate: { against: 'evals.jsonl', fields: ['question'] },
  dedupe: { fields: ['text'] },
  nearDedupe: { fields: ['text'] },
  annotate: { model: 'm', prompt: () => 'p', schema: api.z.object({ a: api.z.string() }) },
  judge: { model: 'm', rubric: 'r', min: 3 },
  annotateWith: { label: () => undefined },
  labelsFromFile: { path: 'labels.csv', key: 'id', fields: ['label'] },
  toChat: { user: () => 'u', assistant: () => 'a' },
  validateChat: {},
  tokenCheck: {},
  split: { validation: 0.1, seed: 1 },
};

test("each entry's factory is exported from 'tuneset' and builds a stage of that name and kind", () => {
  expect(CATALOG.map((e) => e.factory).sort()).toEqual(Object.keys(SAMPLE_OPTIONS).sort());
  for (const entry of CATALOG) {
    const factory = (api as unknown as Record<string, (o: unknown) => Stage<unknown, unknown>>)[entry.factory];
    expect(typeof factory, entry.factory).toBe('function');
    const stage = factory!(SAMPLE_OPTIONS[entry.factory]);
    expect({ name: stage.name, kind: stage.kind }, entry.factory).toEqual({ name: entry.name, kind: entry.kind });
  }
});

/** Every stage src/stages defines, by name, with the folder it lives in. */
const definedStages = () =>
  sourceFiles(STAGES_DIR).flatMap((file) =>
    // defineStage('name', ...), or a NAME_STAGE constant for stages whose name is an option (annotate, judge).
    [...readFileSync(file, 'utf8').matchAll(/define(?:Stage|Source|Map|Filter)(?:<[^(]*>)?\(\s*'([a-z0-9-]+)'|\b[A-Z_]+_STAGE = '([a-z0-9-]+)'/g)].map((m) => ({ name: (m[1] ?? m[2])!, folder: folderOf(file) })),
  ).filter((s, i, all) => all.findIndex((o) => o.name === s.name) === i);

test('every stage defined under src/stages has a catalog entry, and no entry is made up', () => {
  expect(definedStages().map((s) => s.name).sort()).toEqual(CATALOG.map((e) => e.name).sort());
});

test('a drop code written as a literal under src/stages is documented by a stage of the same folder', () => {
  const stagesOf = new Map<string, string[]>();
  for (const s of definedStages()) stagesOf.set(s.folder, [...(stagesOf.get(s.folder) ?? []), s.name]);
  const undocumented: string[] = [];
  let literals = 0;
  for (const file of sourceFiles(STAGES_DIR)) {
    const documented = new Set((stagesOf.get(folderOf(file)) ?? []).flatMap((n) => [...Object.keys(findCatalogEntry(n)!.dropCodes), ...Object.keys(findCatalogEntry(n)!.errorCodes ?? {})]));
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:\bcode: |new PageFailure\(|\b(?:reason|below|above)\()'([a-z_]+)'/g)) {
      literals++;
      if (!documented.has(m[1]!)) undocumented.push(`${relative(dirname(STAGES_DIR), file)}: ${m[1]}`);
    }
  }
  expect(literals).toBeGreaterThan(30);
  expect(undocumented).toEqual([]);
});

test('stages are found by stage name or factory name', () => {
  expect(findCatalogEntry('format')?.factory).toBe('toChat');
  expect(findCatalogEntry('toChat')?.name).toBe('format');
  expect(findCatalogEntry('nope')).toBeUndefined();
});
