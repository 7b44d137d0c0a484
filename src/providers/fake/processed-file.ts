import type { FakeStore, StoredFile } from './store.js';

/** What a route decides about a file it stores; size, order and state are the same for all. */
export type ProcessedFileFields = Pick<StoredFile, 'id' | 'created_at' | 'expires_at' | 'filename' | 'purpose' | 'content'>;

/**
 * Stores a file that is ready at once (an upload, as real fine-tune uploads come back processed;
 * a job's result file; a batch's output) under its id, next in the store's order, and returns it.
 */
export const storeProcessedFile = (store: FakeStore, f: ProcessedFileFields): StoredFile => {
  const stored: StoredFile = {
    id: f.id,
    seq: store.nextSeq(),
    bytes: f.content.length,
    created_at: f.created_at,
    expires_at: f.expires_at,
    filename: f.filename,
    purpose: f.purpose,
    status: 'processed',
    content: f.content,
    deleted: false,
  };
  store.files.set(stored.id, stored);
  return stored;
};
