/** What the pool and its threads say to each other: one request per batch, one reply per request. */
export interface TaskRequest {
  id: number;
  /** Where the task is exported (a file URL) and under which name (task.ts). */
  module: string;
  name: string;
  input: unknown;
}

export type TaskReply = { id: number; ok: true; output: unknown } | { id: number; ok: false; error: { name: string; message: string; stack?: string } };
