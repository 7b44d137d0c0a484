/** What the pool and its threads say to each other: one request per batch, one reply per request. */
export interface TaskRequest {
  id: number;
  task: string;
  input: unknown;
}

export type TaskReply = { id: number; ok: true; output: unknown } | { id: number; ok: false; error: { name: string; message: string; stack?: string } };
