import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import type { InputFile, ParseError } from '../model.ts';
import { fsErrorReason } from '../util/fs-errors.ts';

/** How a `-` operand reaches command handlers (yargs drops a bare `-`); reading it as a file works too. */
export const STDIN_OPERAND = '/dev/stdin';

/** The largest file ksec reads by default: a YAML tree costs many times its text in memory. */
export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;

const EXTENSIONS = ['.yaml', '.yml', '.json'];
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

export interface ReadResult {
  inputs: InputFile[];
  errors: ParseError[];
}

export interface ReadOptions {
  cwd: string;
  /** Reads standard input, refusing more than `maxBytes`. */
  readStdin: (maxBytes: number) => Promise<string>;
  /** Files larger than this are refused (default DEFAULT_MAX_FILE_BYTES). */
  maxBytes?: number;
}

/** One input of a run, before it is read: a file to open, standard input, or an operand that failed. */
export type InputEntry =
  | { kind: 'stdin' }
  | {
      kind: 'file';
      /** Absolute path to read. */
      path: string;
      /** As reported: relative to the working directory when under it. */
      display: string;
      /** As named within its operand (a path inside a walked directory, or the file's own name). */
      key: string;
      /** Named by the user (nothing checkable in it is then an error) rather than found by a walk. */
      explicit: boolean;
    }
  | { kind: 'error'; error: ParseError };

/**
 * Expands the operands of `ksec diff` into entries, in a stable order, reading no file yet: `-` is
 * standard input, a directory is walked for *.yaml, *.yml and *.json (skipping .git and node_modules;
 * symbolic links are followed, a loop or a dangling link is reported), anything else is a file.
 * Never throws: an operand that cannot be listed is an error entry.
 */
export async function listInputs(operands: readonly string[], cwd: string): Promise<InputEntry[]> {
  const entries: InputEntry[] = [];
  const error = (file: string, message: string): InputEntry => ({
    kind: 'error',
    error: { file, line: 0, column: 0, message },
  });
  for (const operand of operands) {
    if (operand === '-' || operand === STDIN_OPERAND) {
      entries.push({ kind: 'stdin' });
      continue;
    }
    const absolute = resolve(cwd, operand);
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(absolute)).isDirectory();
    } catch (problem) {
      entries.push(error(operand, describeFsError(problem)));
      continue;
    }
    if (!isDirectory) {
      entries.push({
        kind: 'file',
        path: absolute,
        display: operand,
        key: basename(absolute),
        explicit: true,
      });
      continue;
    }
    const walked = await walk(absolute, cwd);
    for (const problem of walked.problems) entries.push(error(problem.file, problem.message));
    if (walked.files.length === 0 && walked.problems.length === 0) {
      entries.push(error(operand, 'directory holds no *.yaml, *.yml or *.json files'));
    }
    for (const file of walked.files) {
      entries.push({
        kind: 'file',
        path: file,
        display: relative(cwd, file) || file,
        key: relative(absolute, file),
        explicit: false,
      });
    }
  }
  return entries;
}

/** Reads one entry: the file's text (up to the limit), or the error that names it. Never throws. */
export async function readEntry(
  entry: Exclude<InputEntry, { kind: 'error' }>,
  options: ReadOptions,
): Promise<InputFile | ParseError> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const file = entry.kind === 'stdin' ? '<stdin>' : entry.display;
  try {
    if (entry.kind === 'stdin')
      return { file, key: file, text: await options.readStdin(maxBytes), explicit: true };
    return { file, key: entry.key, text: await readBounded(entry.path, maxBytes), explicit: entry.explicit };
  } catch (error) {
    return { file, line: 0, column: 0, message: describeFsError(error, maxBytes) };
  }
}

/** Every operand listed and read: the inputs, and the errors of what could not be read. */
export async function readInputs(operands: readonly string[], options: ReadOptions): Promise<ReadResult> {
  const inputs: InputFile[] = [];
  const errors: ParseError[] = [];
  for (const entry of await listInputs(operands, options.cwd)) {
    if (entry.kind === 'error') {
      errors.push(entry.error);
      continue;
    }
    const read = await readEntry(entry, options);
    if ('text' in read) inputs.push(read);
    else errors.push(read);
  }
  return { inputs, errors };
}

/** Byte order, never the locale: the same tree gives the same order on every machine. */
function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

interface Walked {
  files: string[];
  problems: { file: string; message: string }[];
}

/**
 * The YAML and JSON files under a directory, in a stable order. Symbolic links are followed; a link
 * back into a directory already on the way is a loop and is reported, as is a link to nothing.
 */
async function walk(root: string, cwd: string): Promise<Walked> {
  const out: Walked = { files: [], problems: [] };
  const display = (path: string) => relative(cwd, path) || path;
  const visit = async (directory: string, ancestors: ReadonlySet<string>) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch (error) {
      out.problems.push({ file: display(directory), message: describeFsError(error) });
      return;
    }
    entries.sort(byName);
    for (const entry of entries) {
      const path = join(directory, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          if (hasExtension(entry.name) || (error as NodeJS.ErrnoException).code !== 'ENOENT') {
            out.problems.push({ file: display(path), message: `symbolic link: ${describeFsError(error)}` });
          }
          continue;
        }
      }
      if (isDirectory) {
        if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
        let real: string;
        try {
          real = await realpath(path);
        } catch (error) {
          out.problems.push({ file: display(path), message: describeFsError(error) });
          continue;
        }
        if (ancestors.has(real)) {
          out.problems.push({
            file: display(path),
            message: 'symbolic link loop: skipped (it leads back to a directory above it)',
          });
          continue;
        }
        await visit(path, new Set([...ancestors, real]));
      } else if (isFile && hasExtension(entry.name)) {
        out.files.push(path);
      }
    }
  };
  let real = root;
  try {
    real = await realpath(root);
  } catch {
    // stat succeeded a moment ago; readdir will say what is wrong.
  }
  await visit(root, new Set([real]));
  return out;
}

function hasExtension(name: string): boolean {
  return EXTENSIONS.some((ext) => name.endsWith(ext));
}

class TooLarge extends Error {
  readonly code = 'ETOOLARGE';
}

/**
 * Reads a file as UTF-8, refusing to hold more than `maxBytes` of it. A regular file is read with
 * synchronous calls into a buffer of its size (a run reads thousands of small files, and four
 * thread-pool round trips for each left the checker idle). Anything else (a pipe from `<(git show …)`,
 * a device) is opened and read asynchronously, in chunks up to the limit: opening a FIFO waits for its
 * writer, and the process must stay able to answer Ctrl-C meanwhile.
 */
async function readBounded(path: string, maxBytes: number): Promise<string> {
  if (statSync(path).isFile()) {
    const fd = openSync(path, 'r');
    try {
      const { size } = fstatSync(fd);
      if (size > maxBytes) throw new TooLarge(`larger than ${maxBytes} bytes`);
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        // One more byte than the size, to see the end; a file that grows meanwhile is read on.
        const buffer = Buffer.allocUnsafe(chunks.length === 0 ? size + 1 : 1 << 16);
        const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        total += bytesRead;
        if (total > maxBytes) throw new TooLarge(`larger than ${maxBytes} bytes`);
        chunks.push(buffer.subarray(0, bytesRead));
      }
      return (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8');
    } finally {
      closeSync(fd);
    }
  }
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(1 << 16, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new TooLarge(`larger than ${maxBytes} bytes`);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Reads a stream (standard input) as UTF-8, refusing to hold more than `maxBytes` of it. */
export async function readStreamBounded(
  stream: AsyncIterable<Buffer | string>,
  maxBytes: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    if (total > maxBytes) throw new TooLarge(`larger than ${maxBytes} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * One line for a file-system error: the shared wording (util/fs-errors.ts), and for a file over the
 * size limit, the flag that raises it.
 */
export function describeFsError(error: unknown, maxBytes = DEFAULT_MAX_FILE_BYTES): string {
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'ETOOLARGE')
    return `larger than ${maxBytes} bytes: refused (raise the limit with --max-file-bytes)`;
  const reason = fsErrorReason(error);
  return reason.split('\n')[0] ?? reason;
}
