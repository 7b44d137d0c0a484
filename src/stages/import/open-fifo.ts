import { closeSync, constants, openSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { SourceError } from '../../pipeline/errors.js';
import { duration } from './input-limits.js';

/**
 * Opens a named pipe for reading, giving a writer `waitMs` to appear. Opening a FIFO blocks until
 * something opens it for writing, so `--input <(zcat x.gz)` works, but a pipe nobody writes to
 * would hold the run for ever. When the wait is over, the pipe is opened for writing here, for a
 * moment, which lets the blocked open finish (and its descriptor be closed) instead of leaving a
 * thread stuck in it.
 */
export const openFifo = async (path: string, uri: string, waitMs: number): Promise<FileHandle> => {
  const opening = open(path, 'r');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), waitMs)));
  const first = await Promise.race([opening, late]).finally(() => clearTimeout(timer));
  if (first !== 'late') return first;
  try {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // A writer came after all, or the pipe is gone: the open below settles either way.
  }
  await opening.then((handle) => handle.close()).catch(() => undefined);
  throw new SourceError(uri, `is a named pipe with nothing writing to it (waited ${duration(waitMs)})`);
};
