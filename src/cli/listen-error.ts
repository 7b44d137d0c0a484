import { UsageError } from '../pipeline/errors.js';

/**
 * A server that cannot listen on the port asked for (`--port N`) is a usage error naming the port:
 * taken by another process, or below 1024 without the privileges. Other errors pass as they are.
 */
export const listenError = (port: number, error: unknown): unknown => {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return new UsageError(`port ${port} is already in use on 127.0.0.1; choose another with --port N, or leave --port out to get a free one`, { cause: error });
  if (code === 'EACCES') return new UsageError(`port ${port} needs privileges this user does not have (ports below 1024 usually do); choose another with --port N`, { cause: error });
  return error;
};
