/** A file-system failure in plain words: the code is kept for searching, the stack is not. */
export const fsReason = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'a part of the path is a file, not a directory',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
    EEXIST: 'a file of that name is in the way',
    // mkdir under a directory that exists: the file system (procfs, sysfs) takes no new entries.
    ENOENT: 'the file system does not allow creating it there',
  };
  return code && words[code] ? `${words[code]} (${code})` : (error as Error).message;
};
