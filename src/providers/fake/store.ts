import type { BatchRecord } from './batches/batch-record.js';
import type { JobRecord } from './jobs/job-record.js';

/**
 * Everything the fake has accepted: files (with their bytes), jobs and the models jobs created.
 * Kept in insertion order with a sequence number, because with a frozen clock many objects share
 * one `created_at` and lists still need a stable newest-first order for cursors.
 */
export interface StoredFile {
  id: string;
  seq: number;
  bytes: number;
  created_at: number;
  expires_at: number | null;
  filename: string;
  purpose: string;
  status: 'uploaded' | 'processed' | 'error';
  content: Buffer;
  deleted: boolean;
}

/** A model a job created: the final fine-tune or one of its checkpoints. */
export interface FineTunedModel {
  id: string;
  kind: 'fine-tuned' | 'checkpoint';
  created: number;
  ownedBy: string;
  jobId: string;
  baseSnapshot: string;
  step: number;
  deleted: boolean;
}

export class FakeStore {
  readonly files = new Map<string, StoredFile>();
  readonly jobs = new Map<string, JobRecord>();
  readonly models = new Map<string, FineTunedModel>();
  readonly batches = new Map<string, BatchRecord>();
  private seq = 0;

  nextSeq(): number {
    return ++this.seq;
  }

  clear(): void {
    this.files.clear();
    this.jobs.clear();
    this.models.clear();
    this.batches.clear();
    this.seq = 0;
  }

  /** A file that exists now: not deleted and not expired. */
  liveFile(id: string, nowSeconds: number): StoredFile | undefined {
    const f = this.files.get(id);
    if (!f || f.deleted || (f.expires_at !== null && f.expires_at <= nowSeconds)) return undefined;
    return f;
  }

  /** Files newest first (created_at, then upload order), deleted ones included for cursor positions. */
  filesNewestFirst(): StoredFile[] {
    return [...this.files.values()].sort((a, b) => b.created_at - a.created_at || b.seq - a.seq);
  }

  jobsNewestFirst(): JobRecord[] {
    return [...this.jobs.values()].sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq);
  }

  batchesNewestFirst(): BatchRecord[] {
    return [...this.batches.values()].sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq);
  }

  liveModel(id: string): FineTunedModel | undefined {
    const m = this.models.get(id);
    return m && !m.deleted ? m : undefined;
  }
}

/**
 * The file object as the API returns it (no bytes, no bookkeeping). `expires_at` only when the
 * file expires and no `status_details`: OpenAI's published document types both as non-null and
 * optional (the real API has been seen sending null for either).
 */
export const fileObject = (f: StoredFile) => ({
  id: f.id,
  object: 'file' as const,
  bytes: f.bytes,
  created_at: f.created_at,
  ...(f.expires_at === null ? {} : { expires_at: f.expires_at }),
  filename: f.filename,
  purpose: f.purpose,
  status: f.status,
});
