// Every file ksec writes goes through here. The guarantees (README, "Writing files safely"):
// - a file is either its old or its new version, never half of each: the new content goes to a
//   temporary file beside the target (`.ksec-tmp-*`), is fsynced, and is renamed over the target;
// - a set of files (`ksec init`) is all or nothing: a failure or a signal part-way undoes the files
//   already renamed into place (from hard-link backups), and directories the run created are removed;
// - existing files are replaced only when the caller allows it, and a file that appears while the
//   set is being written is never clobbered (new files are linked into place, which fails if the
//   name exists);
// - `ksec diff --fix` (rewriteFile) keeps the mode, the owner (as root) and symbolic links, refuses
//   read-only files, and refuses when the file changed on disk after it was read.
// The commit (renames) and the rollback are synchronous, so a signal handler never runs half-way
// through them; abandonWrites() is what bin/ksec.js runs on SIGINT, SIGTERM, SIGHUP and exit.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { KsecError } from './errors.ts';
import { fsErrorReason, isFsError } from './fs-errors.ts';

const writeFd = promisify(fs.writeFile);
const fsyncFd = promisify(fs.fsync);

/** A write that was refused or failed. `reason` says why and what to do, without the path. */
export class WriteError extends KsecError {
  readonly path: string;
  readonly reason: string;
  constructor(path: string, reason: string) {
    super(`cannot write ${path}: ${reason}`);
    this.name = 'WriteError';
    this.path = path;
    this.reason = reason;
  }
}

/** The steps of a write, in the order they happen; the fault hook can fail any one of them. */
export type WriteStep = 'mkdir' | 'open' | 'write' | 'fsync' | 'link' | 'rename';
type FaultHook = (step: WriteStep, path: string) => void;
let faultHook: FaultHook | undefined;

/**
 * Test seam: `hook` runs before each step of every write and may throw (an ENOSPC, an EFBIG, …) to
 * make that step fail as the file system would. Pass undefined to remove it.
 */
export function setWriteFaultHook(hook: FaultHook | undefined): void {
  faultHook = hook;
}

function step(name: WriteStep, path: string): void {
  faultHook?.(name, path);
}

export async function exists(path: string): Promise<boolean> {
  // lstat: a dangling symbolic link is there too, and writing would replace it.
  return (await lstatOrUndefined(path)) !== undefined;
}

/** A write in progress: what to remove, and what to put back, if it does not complete. */
class Transaction {
  /** Names this write created for itself (temporary files, staged directories, backups). */
  readonly temps: string[] = [];
  /** Paths changed so far, newest last: a backup to restore, or nothing (the path is new). */
  readonly done: { path: string; backup?: string }[] = [];

  /** Puts everything back as it was. Synchronous, so it is safe in a signal or exit handler. */
  rollback(): string[] {
    const problems: string[] = [];
    for (const entry of this.done.reverse()) {
      try {
        if (entry.backup) fs.renameSync(entry.backup, entry.path);
        else fs.rmSync(entry.path, { recursive: true, force: true });
      } catch (error) {
        if (entry.backup) {
          // Keep the backup: it is the only copy of the original now.
          const index = this.temps.indexOf(entry.backup);
          if (index >= 0) this.temps.splice(index, 1);
          problems.push(
            `restoring ${entry.path} failed (${fsErrorReason(error)}); the original is ${entry.backup}`,
          );
        } else problems.push(`removing ${entry.path} failed (${fsErrorReason(error)})`);
      }
    }
    this.done.length = 0;
    this.cleanup();
    return problems;
  }

  cleanup(): void {
    for (const temp of this.temps.reverse()) {
      try {
        fs.rmSync(temp, { recursive: true, force: true });
      } catch {
        // Nothing more can be done; the name starts with .ksec-tmp- so it is recognisable.
      }
    }
    this.temps.length = 0;
  }
}

const active = new Set<Transaction>();

/**
 * Undoes every write in progress (temporary files removed, replaced files restored): how many there
 * were, and anything that could not be put back. Synchronous: bin/ksec.js calls it on SIGINT,
 * SIGTERM and SIGHUP, and on exit.
 */
export function abandonWrites(): { undone: number; problems: string[] } {
  const undone = active.size;
  const problems = [...active].flatMap((transaction) => transaction.rollback());
  active.clear();
  return { undone, problems };
}

interface Item {
  /** Where the content goes (for --fix, the target of a symbolic link). */
  target: string;
  content: string;
  mode: number;
  /** Set exactly this mode (a replaced file's); otherwise the umask applies, as for any new file. */
  exactMode: boolean;
  owner?: { uid: number; gid: number };
  /** An existing file may be replaced. */
  replace: boolean;
  /** Refuse unless the file still holds exactly this (what was read before the edit). */
  expected?: string;
}

interface Staged {
  from: string;
  to: string;
  /** The item of a file; undefined for a staged directory (created by this write). */
  item?: Item;
}

function tempName(path: string): string {
  // Long names are cut so the temporary name stays within NAME_MAX.
  return join(dirname(path), `.ksec-tmp-${basename(path).slice(0, 100)}-${randomBytes(6).toString('hex')}`);
}

async function lstatOrUndefined(path: string): Promise<fs.Stats | undefined> {
  try {
    return await fs.promises.lstat(path);
  } catch (error) {
    if (isFsError(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return undefined;
    throw error;
  }
}

function lstatSyncOrUndefined(path: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(path);
  } catch (error) {
    if (isFsError(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return undefined;
    throw error;
  }
}

/**
 * Walks up from `dir` to the first path that exists. Returns the topmost directory that is missing
 * (undefined when `dir` exists), or throws when something that is not a directory is in the way.
 */
async function missingAncestor(dir: string): Promise<string | undefined> {
  let missing: string | undefined;
  let current = dir;
  for (;;) {
    let info: fs.Stats | undefined;
    try {
      info = await fs.promises.stat(current);
    } catch (error) {
      if (!isFsError(error) || (error.code !== 'ENOENT' && error.code !== 'ENOTDIR')) throw error;
      // ENOTDIR: a file further up is in the way; keep walking to name it.
      if (error.code === 'ENOENT') {
        if (await lstatOrUndefined(current))
          throw new NotADirectory(current, 'is a symbolic link to a directory that does not exist');
        missing = current;
      }
      const up = dirname(current);
      if (up === current) return missing;
      current = up;
      continue;
    }
    if (!info.isDirectory()) throw new NotADirectory(current);
    return missing;
  }
}

class NotADirectory extends Error {
  readonly path: string;
  constructor(path: string, what = 'is a file, not a directory') {
    super(`${path} ${what}; move or rename it`);
    this.path = path;
  }
}

/** What went wrong while writing into `dir`, in words, with what to do. */
function writeReason(error: unknown, dir: string): string {
  if (error instanceof NotADirectory) return error.message;
  if (isFsError(error)) {
    if (error.code === 'EACCES' || error.code === 'EPERM')
      return `permission denied: ksec cannot create files in ${dir} (it writes a temporary file there and renames it into place)`;
    if (error.code === 'EROFS') return `${dir} is on a read-only file system`;
  }
  return fsErrorReason(error);
}

/** Writes the staged copies: temporary files beside their targets, or inside staged directories. */
async function stage(items: readonly Item[], transaction: Transaction): Promise<Staged[]> {
  const staged: Staged[] = [];
  const stagedDirs = new Map<string, string>();
  const synced = new Set<string>();
  for (const item of items) {
    const parent = dirname(item.target);
    let missing: string | undefined;
    try {
      missing = await missingAncestor(parent);
    } catch (error) {
      throw new WriteError(item.target, writeReason(error, parent));
    }
    let path: string;
    if (missing === undefined) {
      path = tempName(item.target);
      staged.push({ from: path, to: item.target, item });
    } else {
      // The directories a write creates are built under a temporary name and renamed into place
      // in one step, so a failure (or a kill) never leaves half a tree behind.
      let dir = stagedDirs.get(missing);
      if (dir === undefined) {
        dir = tempName(missing);
        try {
          step('mkdir', dir);
          fs.mkdirSync(dir);
        } catch (error) {
          throw new WriteError(item.target, writeReason(error, dirname(missing)));
        }
        transaction.temps.push(dir);
        stagedDirs.set(missing, dir);
        staged.push({ from: dir, to: missing });
      }
      path = join(dir, relative(missing, item.target));
      try {
        step('mkdir', dirname(path));
        fs.mkdirSync(dirname(path), { recursive: true });
      } catch (error) {
        throw new WriteError(item.target, writeReason(error, dirname(missing)));
      }
    }
    await writeStaged(path, item, transaction);
    // Every directory the entry lives in, up to the staged one, so the tree is durable before it is renamed.
    const top = missing === undefined ? dirname(path) : stagedDirs.get(missing);
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      synced.add(dir);
      if (dir === top || dirname(dir) === dir) break;
    }
  }
  for (const dir of synced) syncDirectory(dir);
  return staged;
}

async function writeStaged(path: string, item: Item, transaction: Transaction): Promise<void> {
  let fd: number;
  try {
    step('open', path);
    // Synchronous: the name exists and is recorded before any signal handler can run.
    fd = fs.openSync(path, 'wx', item.exactMode ? 0o600 : item.mode);
  } catch (error) {
    throw new WriteError(item.target, writeReason(error, dirname(item.target)));
  }
  transaction.temps.push(path);
  try {
    try {
      if (item.owner) {
        try {
          fs.fchownSync(fd, item.owner.uid, item.owner.gid);
        } catch (error) {
          // As root the owner must be kept; as anyone else keeping the group is a courtesy.
          if (process.getuid?.() === 0) throw error;
        }
      }
      // After fchown, which may clear set-id bits.
      if (item.exactMode) fs.fchmodSync(fd, item.mode);
      step('write', path);
      await writeFd(fd, item.content);
      step('fsync', path);
      await fsyncFd(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    throw new WriteError(item.target, writeReason(error, dirname(item.target)));
  }
}

/** Best effort: makes the new directory entries durable. Some file systems refuse; that is fine. */
function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // EINVAL/EISDIR/EACCES on some platforms and file systems.
  }
}

const APPEARED = 'it appeared while ksec was writing; it was left alone: run again';

/** Renames the staged copies into place. Synchronous from start to end; throws at the first failure. */
function commit(staged: readonly Staged[], transaction: Transaction, withBackups: boolean): void {
  for (const entry of staged) {
    try {
      commitOne(entry, transaction, withBackups);
    } catch (error) {
      if (error instanceof WriteError) throw error;
      throw new WriteError(entry.item?.target ?? entry.to, writeReason(error, dirname(entry.to)));
    }
  }
}

function commitOne(entry: Staged, transaction: Transaction, withBackups: boolean): void {
  const current = lstatSyncOrUndefined(entry.to);
  const item = entry.item;
  if (item === undefined) {
    if (current) throw new WriteError(entry.to, APPEARED);
    step('rename', entry.to);
    fs.renameSync(entry.from, entry.to);
    transaction.done.push({ path: entry.to });
    return;
  }
  if (current === undefined) {
    if (item.expected !== undefined) throw new WriteError(entry.to, 'it was removed after ksec read it');
    createNew(entry.from, entry.to);
    transaction.done.push({ path: entry.to });
    return;
  }
  if (!item.replace) throw new WriteError(entry.to, `${APPEARED} (--force replaces it)`);
  if (current.isDirectory()) throw new WriteError(entry.to, 'it is a directory; move or rename it');
  if (item.expected !== undefined) {
    const problem = unlike(fs.readFileSync(entry.to), item.expected);
    if (problem) throw new WriteError(entry.to, problem);
  }
  if (withBackups) {
    const backup = tempName(entry.to);
    step('link', backup);
    try {
      // A hard link to the original (to a symbolic link itself, not its target): restoring it is
      // one rename, and the original never disappears.
      fs.linkSync(entry.to, backup);
    } catch (error) {
      if (!linkUnsupported(error)) throw error;
      step('rename', backup);
      fs.renameSync(entry.to, backup);
    }
    transaction.temps.push(backup);
    // Recorded before the rename: if the rename fails, restoring the backup is still right.
    transaction.done.push({ path: entry.to, backup });
  }
  step('rename', entry.to);
  fs.renameSync(entry.from, entry.to);
}

/**
 * Why the bytes on disk are not the text that was read and edited, if they are not: the file changed
 * since, or it is not valid UTF-8 (reading it replaced the invalid bytes, and writing the edit back
 * would lose them).
 */
function unlike(onDisk: Buffer, expected: string): string | undefined {
  if (onDisk.equals(Buffer.from(expected, 'utf8'))) return undefined;
  if (onDisk.toString('utf8') === expected)
    return 'it is not valid UTF-8, and writing the edit would replace the invalid bytes; convert it to UTF-8 first';
  return 'it changed on disk after ksec read it; it was left alone so that change is kept: run again';
}

function linkUnsupported(error: unknown): boolean {
  return (
    isFsError(error) && ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS', 'EXDEV'].includes(error.code)
  );
}

/** Puts a new file into place without replacing anything that appeared there meanwhile. */
function createNew(from: string, to: string): void {
  step('link', to);
  try {
    fs.linkSync(from, to);
  } catch (error) {
    if (isFsError(error) && error.code === 'EEXIST') throw new WriteError(to, APPEARED);
    if (!linkUnsupported(error)) throw error;
    step('rename', to);
    fs.renameSync(from, to);
    return;
  }
  try {
    fs.unlinkSync(from);
  } catch {
    // The cleanup removes it.
  }
}

/** Stages, commits, and on any failure puts everything back. */
async function writeItems(items: readonly Item[]): Promise<void> {
  const transaction = new Transaction();
  active.add(transaction);
  try {
    const staged = await stage(items, transaction);
    commit(staged, transaction, items.length > 1);
    for (const dir of new Set(staged.map((s) => dirname(s.to)))) syncDirectory(dir);
    transaction.cleanup();
  } catch (error) {
    const problems = transaction.rollback();
    if (problems.length > 0 && error instanceof WriteError)
      throw new WriteError(error.path, `${error.reason}; ${problems.join('; ')}`);
    throw error;
  } finally {
    active.delete(transaction);
  }
}

/**
 * Writes one file atomically, replacing what is at `path` (a symbolic link is replaced, not
 * followed) and creating missing directories. A replaced file keeps its mode unless `mode` is given.
 */
export async function writeFileAtomic(
  path: string,
  content: string,
  options: { mode?: number } = {},
): Promise<void> {
  let current: fs.Stats | undefined;
  try {
    current = await lstatOrUndefined(path);
  } catch (error) {
    throw new WriteError(path, writeReason(error, dirname(path)));
  }
  if (current?.isDirectory()) throw new WriteError(path, 'it is a directory; move or rename it');
  const keep = options.mode === undefined && current?.isFile() === true;
  await writeItems([
    {
      target: path,
      content,
      mode: options.mode ?? (keep && current ? current.mode & 0o7777 : 0o644),
      exactMode: keep,
      replace: true,
    },
  ]);
}

export interface PlannedFile {
  path: string;
  content: string;
  mode?: number;
}

/**
 * Writes a set of files, all or nothing. When any target exists (a dangling symbolic link counts)
 * and `force` is off, nothing is written and the error names every file that would be overwritten
 * (and, after `use --force`, the caller's `hint`: another way out, e.g. `or --out another directory`).
 * A failure or a signal part-way leaves every target and directory as it was.
 */
export async function writeFiles(
  files: readonly PlannedFile[],
  options: { force: boolean; hint?: string },
): Promise<void> {
  const problems = new Set<string>();
  const existing: string[] = [];
  const current = new Map<string, fs.Stats>();
  for (const file of files) {
    try {
      await missingAncestor(dirname(file.path));
      const info = await lstatOrUndefined(file.path);
      if (info?.isDirectory()) problems.add(`${file.path} is a directory; move or rename it`);
      else if (info) {
        current.set(file.path, info);
        existing.push(file.path);
      }
    } catch (error) {
      problems.add(
        error instanceof NotADirectory
          ? error.message
          : `cannot write ${file.path}: ${writeReason(error, dirname(file.path))}`,
      );
    }
  }
  if (problems.size > 0) throw new KsecError(`${[...problems].join('; ')} (nothing was written)`);
  if (existing.length > 0 && !options.force) {
    throw new KsecError(
      `refusing to overwrite existing file${existing.length === 1 ? '' : 's'}: ${existing.join(', ')} (use --force to replace ${existing.length === 1 ? 'it' : 'them'}${options.hint ? `, ${options.hint}` : ''})`,
    );
  }
  try {
    await writeItems(
      files.map((file) => {
        const info = current.get(file.path);
        const keep = file.mode === undefined && info?.isFile() === true;
        return {
          target: file.path,
          content: file.content,
          mode: file.mode ?? (keep && info ? info.mode & 0o7777 : 0o644),
          exactMode: keep,
          replace: options.force,
        };
      }),
    );
  } catch (error) {
    if (error instanceof WriteError)
      throw new WriteError(error.path, `${error.reason} (no file was changed)`);
    throw error;
  }
}

const SPECIAL_ROOTS = ['/dev', '/proc'];

/**
 * Replaces a file the user named with `content`, as `ksec diff --fix` does. A symbolic link is
 * followed and its target rewritten, so the link stays. The file keeps its mode (and, as root, its
 * owner). Refused, with the file left as it was: a read-only file, a file you cannot write, a file
 * with several hard links (replacing it would split them), anything but a regular file (a device,
 * standard input as /dev/fd/0), a file that is not valid UTF-8 (the edit would replace its invalid
 * bytes), and a file that no longer holds `expected` (it changed on disk after it was read, and
 * writing would lose that change; checked again just before the rename).
 */
export async function rewriteFile(
  path: string,
  content: string,
  options: { expected: string },
): Promise<void> {
  const target = await resolveLinks(path);
  let info: fs.Stats;
  try {
    info = await fs.promises.stat(target);
  } catch (error) {
    if (isFsError(error) && error.code === 'ENOENT')
      throw new WriteError(
        path,
        (await lstatOrUndefined(path))?.isSymbolicLink()
          ? `it is a symbolic link to ${target}, which does not exist`
          : 'it was removed after ksec read it',
      );
    throw new WriteError(path, fsErrorReason(error));
  }
  if (!info.isFile()) throw new WriteError(path, 'it is not a regular file; --fix rewrites files in place');
  const mode = info.mode & 0o7777;
  const shown = mode.toString(8).padStart(4, '0');
  if ((mode & 0o222) === 0)
    throw new WriteError(
      path,
      `it is read-only (mode ${shown}); make it writable (chmod u+w ${target}) to fix it`,
    );
  const root = process.getuid?.() === 0;
  if (!root && !(await canAccess(target, fs.constants.W_OK)))
    throw new WriteError(
      path,
      `permission denied (mode ${shown}, owner uid ${info.uid}); you cannot write it`,
    );
  if (!root && !(await canAccess(dirname(target), fs.constants.W_OK)))
    throw new WriteError(
      path,
      `permission denied: its directory ${dirname(target)} is not writable, and --fix writes the new version there before renaming it over the file`,
    );
  let onDisk: Buffer;
  try {
    onDisk = await fs.promises.readFile(target);
  } catch (error) {
    throw new WriteError(path, fsErrorReason(error));
  }
  const problem = unlike(onDisk, options.expected);
  if (problem) throw new WriteError(path, problem);
  if (info.nlink > 1)
    throw new WriteError(
      path,
      `it has ${info.nlink} hard links, and replacing it would leave the other links with the old content; fix a copy instead`,
    );
  const owner = root
    ? { uid: info.uid, gid: info.gid }
    : info.gid !== process.getgid?.()
      ? { uid: process.getuid?.() ?? info.uid, gid: info.gid }
      : undefined;
  try {
    await writeItems([
      {
        target,
        content,
        mode,
        exactMode: true,
        ...(owner ? { owner } : {}),
        replace: true,
        expected: options.expected,
      },
    ]);
  } catch (error) {
    if (error instanceof WriteError && error.path !== path) throw new WriteError(path, error.reason);
    throw error;
  }
}

async function canAccess(path: string, mode: number): Promise<boolean> {
  try {
    await fs.promises.access(path, mode);
    return true;
  } catch {
    return false;
  }
}

function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}${sep}`);
}

/** Follows symbolic links to the file they name; refuses devices and /proc (e.g. /dev/fd/0). */
async function resolveLinks(path: string): Promise<string> {
  let current = resolve(path);
  for (let hops = 0; hops <= 40; hops += 1) {
    // The real directory, so a directory link into /proc or /dev is seen for what it is.
    let real: string;
    try {
      real = join(await fs.promises.realpath(dirname(current)), basename(current));
    } catch (error) {
      throw new WriteError(path, fsErrorReason(error));
    }
    const special = [current, real].find((p) => SPECIAL_ROOTS.some((root) => isUnder(p, root)));
    if (special !== undefined)
      throw new WriteError(
        path,
        `it is a device or file descriptor${special === resolve(path) ? '' : ` (${special})`}, not a regular file; --fix rewrites files in place, so name the file itself`,
      );
    let info: fs.Stats;
    try {
      info = await fs.promises.lstat(real);
    } catch (error) {
      if (isFsError(error) && error.code === 'ENOENT') return real;
      throw new WriteError(path, fsErrorReason(error));
    }
    if (!info.isSymbolicLink()) return real;
    current = resolve(dirname(real), await fs.promises.readlink(real));
  }
  throw new WriteError(path, 'too many levels of symbolic links');
}
