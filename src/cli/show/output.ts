import { once } from 'node:events';

/** Where a long listing goes: waits when the reader is slow, and stops quietly when it goes away. */
export interface Output {
  write(text: string): Promise<void>;
  /** True once the reader has gone (`tuneset show ... | head`): there is no point going on. */
  readonly closed: boolean;
}

const isPipeClosed = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';

export const streamOutput = (stream: NodeJS.WritableStream): Output => {
  let closed = false;
  let failure: unknown;
  // Test doubles are bare write functions; a real stream reports a closed pipe as an 'error' event,
  // which would crash the process without a listener. The listener stays: writes flush later.
  const events = typeof stream.on === 'function';
  if (events) stream.on('error', (error) => (isPipeClosed(error) ? (closed = true) : (failure = error)));
  return {
    get closed() {
      return closed;
    },
    async write(text) {
      if (failure !== undefined) throw failure;
      if (closed || stream.write(text) || !events) return;
      // Back-pressure: a million examples piped into a pager must not pile up in memory.
      try {
        await once(stream, 'drain');
      } catch (error) {
        if (!isPipeClosed(error)) throw error;
        closed = true;
      }
    },
  };
};
