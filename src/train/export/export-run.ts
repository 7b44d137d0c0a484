import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AtomicLineFile, writeFileAtomic } from '../../pipeline/atomic-file.js';
import { UsageError } from '../../pipeline/errors.js';
import { axolotl } from './axolotl.js';
import { describeIssue, IssueLog } from './issue-log.js';
import { llamaFactory } from './llama-factory.js';
import { prepareOutDir } from './out-dir.js';
import { readExamples, readRun } from './read-run.js';
import { collectFacts } from './run-facts.js';
import { exportSettings } from './settings.js';
import type { TrainerFactory } from './trainer.js';
import { trl } from './trl.js';
import { ExportError, type ExportedFile, type ExportRequest, type ExportResult, type SplitCount } from './types.js';

const TRAINERS: Record<ExportRequest['target'], TrainerFactory> = { trl, axolotl, 'llama-factory': llamaFactory };

/**
 * Writes a finished run's dataset in a trainer's layout with a ready-to-edit LoRA config. Two
 * passes over the split files: the first learns what the run holds (a layout is fixed per run),
 * the second converts and writes every row under a `.partial` name. If any example holds what the
 * trainer cannot express, every partial file is removed and nothing is left behind.
 */
export const exportRun = async (request: ExportRequest): Promise<ExportResult> => {
  if (request.baseModel !== undefined && !/^\S+$/.test(request.baseModel)) throw new UsageError(`--base-model expects a model id without spaces, got "${request.baseModel}"`);
  const run = readRun(resolve(request.runDir));
  const facts = await collectFacts(run);
  const settings = await exportSettings(run.manifest, request.baseModel, run.splits.map((s) => s.path));
  const layout = TRAINERS[request.target](facts, settings);
  const out = prepareOutDir(run.dir, request.target, request.outDir);
  const log = new IssueLog();
  const open: AtomicLineFile[] = [];
  const splits: Record<string, SplitCount> = {};
  try {
    for (const split of run.splits) {
      const path = join(out.path, layout.dataFile(split.split));
      mkdirSync(dirname(path), { recursive: true });
      const file = new AtomicLineFile(path);
      open.push(file);
      const count = { examples: 0, rows: 0 };
      for await (const { id, example } of readExamples(split)) {
        const { rows, issues } = layout.convert(example);
        log.add(id, issues);
        count.examples++;
        count.rows += rows.length;
        for (const row of rows) file.writeLine(JSON.stringify(row));
      }
      splits[split.split] = count;
    }
    const refusals = log.refusals;
    if (refusals.length > 0) {
      throw new ExportError(
        [`${run.dir}: cannot export to ${request.target}; nothing was written:`, ...refusals.map((r) => `  ${describeIssue(r)}`)].join('\n'),
      );
    }
    for (const file of open) file.commit();
    const written = run.splits.map((s) => s.split);
    const files: ExportedFile[] = run.splits.map((s) => ({ path: layout.dataFile(s.split), lines: splits[s.split]!.rows }));
    for (const config of layout.configs(written)) {
      writeFileAtomic(join(out.path, config.path), config.content);
      files.push({ path: config.path });
    }
    // meta.jsonl only names the examples; without its torn last line they keep file:line names.
    const torn = run.tornMetaLines > 0 ? ['meta.jsonl ended in a line cut short, which was skipped; examples it does not name are named by file:line'] : [];
    const result: ExportResult = { target: request.target, kind: facts.kind, outDir: out.path, files, splits, warnings: log.warnings, notes: [...torn, ...layout.notes], command: layout.command };
    writeFileAtomic(join(out.path, 'export.json'), exportRecord(result, run.manifest.runId, run.manifest.pipeline, run.manifest.configHash));
    result.files.push({ path: 'export.json' });
    return result;
  } catch (error) {
    for (const file of open) file.abort();
    out.cleanup();
    throw error;
  }
};

/** export.json: where the files came from and every conversion made, so the export explains itself later. */
const exportRecord = (r: ExportResult, runId: string, pipeline: string, configHash: string): string =>
  `${JSON.stringify(
    {
      source: { pipeline, runId, configHash },
      target: r.target,
      kind: r.kind,
      command: r.command,
      files: r.files,
      splits: r.splits,
      notes: r.notes,
      warnings: r.warnings.map(({ code, message, ids }) => ({ code, message, ids })),
    },
    null,
    2,
  )}\n`;
