// The tiny pipelines the hostile corpus runs: one per importer, each ending in a chat file, so a
// corrupted string would reach train.jsonl where the corpus looks for it. Options are written
// into the file as literals; options an importer does not know (yet) are left out, so a case can
// name a limit that lands later without breaking the pipeline today.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { ImportArLsatOptions } from '../../src/stages/import/ar-lsat.js';
import { ImportCsvOptions } from '../../src/stages/import/csv.js';
import { ImportEvalsOptions } from '../../src/stages/import/evals.js';
import { ImportJsonlOptions } from '../../src/stages/import/jsonl.js';

export type PipelineKind = 'jsonl' | 'csv' | 'evals' | 'ar-lsat';

const SCHEMAS: Record<PipelineKind, z.ZodObject> = {
  jsonl: ImportJsonlOptions,
  csv: ImportCsvOptions,
  evals: ImportEvalsOptions,
  'ar-lsat': ImportArLsatOptions,
};

const TAIL = `  .pipe(validateChat())\n  .pipe(split({ validation: 0, seed: 1 }));\n`;

const body = (kind: PipelineKind, options: string): string => {
  switch (kind) {
    case 'jsonl':
      return (
        `import { clean, importJsonl, pipeline, split, toChat, validateChat } from 'tuneset';\n` +
        `export default pipeline('hostile-jsonl', { model: 'gpt-4o-mini-2024-07-18' })\n` +
        `  .from(importJsonl({ path: 'unused.jsonl', fields: { q: 'q', a: 'a' }, ...${options} }))\n` +
        `  .pipe(clean({ fields: ['q', 'a'] }))\n` +
        `  .pipe(toChat<{ q: string; a: string }>({ system: 'Answer the question.', user: (r) => r.q, assistant: (r) => r.a }))\n` +
        TAIL
      );
    case 'csv':
      return (
        `import { clean, importCsv, pipeline, split, toChat, validateChat } from 'tuneset';\n` +
        `export default pipeline('hostile-csv', { model: 'gpt-4o-mini-2024-07-18' })\n` +
        `  .from(importCsv({ path: 'unused.csv', fields: { q: 'question', a: 'answer' }, ...${options} }))\n` +
        `  .pipe(clean({ fields: ['q', 'a'] }))\n` +
        `  .pipe(toChat<{ q: string; a: string }>({ system: 'Answer the question.', user: (r) => r.q, assistant: (r) => r.a }))\n` +
        TAIL
      );
    case 'evals':
      return (
        `import { importEvals, pipeline, split, toChat, validateChat, type EvalsData } from 'tuneset';\n` +
        `export default pipeline('hostile-evals', { model: 'gpt-4o-mini-2024-07-18' })\n` +
        `  .from(importEvals({ path: 'unused.jsonl', ...${options} }))\n` +
        `  .pipe(toChat<EvalsData>({ system: 'Answer the question.', user: (r) => String(r.input.at(-1)?.content), assistant: (r) => String(r.ideal) }))\n` +
        TAIL
      );
    case 'ar-lsat':
      return (
        `import { clean, importArLsat, letteredOptions, pipeline, split, toChat, validateChat, type ArLsatQuestion } from 'tuneset';\n` +
        `export default pipeline('hostile-ar-lsat', { model: 'gpt-4o-mini-2024-07-18' })\n` +
        `  .from(importArLsat({ path: 'unused.json', ...${options} }))\n` +
        `  .pipe(clean({ fields: ['passage', 'question', 'options'] }))\n` +
        `  .pipe(toChat<ArLsatQuestion>({ system: 'Reply with a letter.', user: (q) => q.passage + '\\n' + q.question + '\\n' + letteredOptions(q.options), assistant: (q) => q.answer }))\n` +
        TAIL
      );
  }
};

/** The options of `options` the importer's schema knows, and the ones it does not (yet). */
export const knownOptions = (kind: PipelineKind, options: Record<string, unknown>) => {
  const shape = SCHEMAS[kind].shape as Record<string, unknown>;
  const known = Object.fromEntries(Object.entries(options).filter(([k]) => k in shape));
  const unknown = Object.keys(options).filter((k) => !(k in shape));
  return { known, unknown };
};

/** Writes (once) the pipeline of `kind` with `options` under `root/pipelines/`, and returns its path. */
export const pipelineFile = (root: string, kind: PipelineKind, options: Record<string, unknown> = {}): string => {
  const { known } = knownOptions(kind, options);
  const literal = JSON.stringify(known);
  const name = `${kind}-${createHash('sha256').update(literal).digest('hex').slice(0, 8)}.ts`;
  const dir = join(root, 'pipelines');
  const path = join(dir, name);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    // The pipeline must load as an ES module: the nearest package.json says so.
    writeFileSync(join(root, 'package.json'), '{"type": "module"}\n');
    writeFileSync(path, body(kind, literal));
  }
  return path;
};
