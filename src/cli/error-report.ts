import { TunesetError } from '../pipeline/errors.js';

/**
 * What the CLI prints for an error that ends a command, and the exit code. Errors tuneset expects
 * (TunesetError and its subclasses) and failures of the system around it (a file that cannot be
 * created, a full disk) are one plain line; anything else is a bug in tuneset, and only that
 * prints a stack trace, for the report.
 */
export const reportError = (error: unknown): { text: string; exitCode: number } => {
  if (error instanceof TunesetError) return { text: `error: ${error.message}\n`, exitCode: error.exitCode };
  const system = systemErrorText(error);
  if (system !== undefined) return { text: `error: ${system}\n`, exitCode: 1 };
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return { text: `error: ${detail}\nthis is a bug in tuneset; please report it, with the command you ran and the lines above\n`, exitCode: 1 };
};

const PLAIN: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EEXIST: 'already exists',
  ENOTEMPTY: 'directory not empty',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
  EBUSY: 'busy',
  EXDEV: 'on another device',
  EADDRINUSE: 'address already in use',
};

const VERBS: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  stat: 'read',
  lstat: 'read',
  access: 'access',
  mkdir: 'create directory',
  scandir: 'list directory',
  opendir: 'list directory',
  rmdir: 'remove',
  rm: 'remove',
  unlink: 'remove',
  rename: 'rename',
  copyfile: 'copy',
  listen: 'listen on',
};

/** A failed system call (fs, net) as `cannot create directory /x/y: permission denied`; undefined for anything else. */
export const systemErrorText = (error: unknown): string | undefined => {
  const e = error as (NodeJS.ErrnoException & { dest?: unknown; address?: unknown; port?: unknown }) | null;
  if (!(error instanceof Error) || typeof e?.code !== 'string' || typeof e.syscall !== 'string' || !/^E[A-Z0-9]+$/.test(e.code)) return undefined;
  const what = PLAIN[e.code] ?? e.code;
  const target =
    typeof e.path === 'string'
      ? `${e.path}${typeof e.dest === 'string' ? ` to ${e.dest}` : ''}`
      : typeof e.address === 'string'
        ? `${e.address}${e.port === undefined ? '' : `:${String(e.port)}`}`
        : undefined;
  if (target === undefined) return `${e.syscall} failed: ${what}`;
  return `cannot ${VERBS[e.syscall] ?? e.syscall} ${target}: ${what}`;
};
