// File-system errors are the user's to fix (a full disk, a read-only directory, a file where a
// directory should be), so they are reported in words with what to do, never as a crash.

/** Node's error for a failed system call: `code` is the errno name (ENOSPC, EACCES, …). */
export function isFsError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    /^E[A-Z0-9]+$/.test((error as NodeJS.ErrnoException).code ?? '')
  );
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device; free some space and run again',
  EDQUOT: 'disk quota exceeded; free some space and run again',
  EFBIG: 'file too large for the file system or the file size limit (ulimit -f)',
  EEXIST: 'already exists',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is a file, not a directory',
  ENOTEMPTY: 'the directory is not empty',
  ENAMETOOLONG: 'the file name is too long',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files; raise the limit (ulimit -n) and run again',
  ENFILE: 'too many open files on the system; run again later',
  EIO: 'input/output error from the device',
  EBUSY: 'the file or device is busy',
  ETXTBSY: 'the file is busy (a running program)',
  ENXIO: 'no such device or address',
  ENODEV: 'no such device',
  EXDEV: 'cannot move across file systems',
  EMLINK: 'too many links',
  EINVAL: 'invalid argument for this file system',
  ENOTSUP: 'not supported by this file system',
  EOPNOTSUPP: 'not supported by this file system',
  EAGAIN: 'resource temporarily unavailable; run again',
  EPIPE: 'the reader closed the pipe',
};

/** The reason in words: `no space left on the device; free some space and run again`. */
export function fsErrorReason(error: unknown): string {
  if (isFsError(error)) {
    const known = REASONS[error.code];
    if (known) return known;
    // Node's message is "ECODE: text, syscall 'path'"; keep the text.
    const text = /^E[A-Z0-9]+: ([^,]+)/.exec(error.message)?.[1];
    return text ? `${text} (${error.code})` : error.code;
  }
  return error instanceof Error ? error.message : String(error);
}

const ACTIONS: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  writev: 'write',
  fsync: 'write',
  close: 'write',
  mkdir: 'create the directory',
  rmdir: 'remove the directory',
  unlink: 'remove',
  rename: 'rename',
  link: 'link',
  symlink: 'link',
  copyfile: 'copy',
  scandir: 'read the directory',
  opendir: 'read the directory',
  stat: 'read',
  lstat: 'read',
  access: 'read',
  readlink: 'read the link',
  realpath: 'resolve',
  chmod: 'change the mode of',
  fchmod: 'change the mode of',
  chown: 'change the owner of',
  fchown: 'change the owner of',
};

/**
 * One line for a file-system error that reached the top without context:
 * `cannot read the directory clusters/private: permission denied`.
 */
export function fsErrorMessage(error: NodeJS.ErrnoException & { code: string }): string {
  const action = (error.syscall && ACTIONS[error.syscall]) ?? 'use';
  const path = error.path;
  return path === undefined
    ? `cannot ${action}: ${fsErrorReason(error)}`
    : `cannot ${action} ${path}: ${fsErrorReason(error)}`;
}
