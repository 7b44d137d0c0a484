import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Item, Json } from '../../../src/pipeline/item.js';
import type { Logger } from '../../../src/pipeline/logger.js';
import { item } from '../../helpers/run-stage.js';

/** A fixture as the stage names it in messages: relative to the working directory (the repository root). */
export const fixture = (name: string): string => relative(process.cwd(), join(import.meta.dirname, 'fixtures', name));

/** Writes a labels file of the test's own to a fresh directory; returns its path. */
export const labelsFile = (name: string, content: string | Buffer): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'tuneset-labels-')), name);
  writeFileSync(path, content);
  return path;
};

/** Records whose ids are the given keys, with a question each. */
export const records = (...ids: string[]): Item<Record<string, unknown>>[] => ids.map((id) => item(id, { question: `question ${id}` }));

/** A logger that keeps the warnings. */
export const warnings = (): Logger & { lines: string[] } => {
  const lines: string[] = [];
  const log: Logger & { lines: string[] } = {
    lines,
    info() {},
    warn: (message: string) => void lines.push(message),
    error() {},
    child: () => log,
  };
  return log;
};

/** The meta of each record that came out, by id. */
export const metaById = (out: Item<unknown>[]): Record<string, Record<string, Json>> => Object.fromEntries(out.map((o) => [o.id, o.meta]));
