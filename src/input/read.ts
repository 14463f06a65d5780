import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { InputFile } from '../engine/evaluate.ts';
import type { ParseError } from './source.ts';

/** How a `-` operand reaches command handlers (yargs drops a bare `-`); reading it as a file works too. */
export const STDIN_OPERAND = '/dev/stdin';

const EXTENSIONS = ['.yaml', '.yml', '.json'];
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

export interface ReadResult {
  inputs: InputFile[];
  errors: ParseError[];
}

/**
 * Expands the operands of `ksec diff`: `-` is standard input, a directory is walked for
 * *.yaml, *.yml and *.json (skipping .git and node_modules), anything else is read as a file.
 * Unreadable operands become errors; the rest are still read.
 */
export async function readInputs(
  operands: readonly string[],
  options: { cwd: string; readStdin: () => Promise<string> },
): Promise<ReadResult> {
  const inputs: InputFile[] = [];
  const errors: ParseError[] = [];
  for (const operand of operands) {
    if (operand === '-' || operand === STDIN_OPERAND) {
      inputs.push({ file: '<stdin>', text: await options.readStdin(), explicit: true });
      continue;
    }
    const absolute = resolve(options.cwd, operand);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(absolute);
    } catch (error) {
      errors.push({ file: operand, line: 0, column: 0, message: describeFsError(error) });
      continue;
    }
    if (info.isDirectory()) {
      const files = await walk(absolute);
      if (files.length === 0) {
        errors.push({
          file: operand,
          line: 0,
          column: 0,
          message: 'directory holds no *.yaml, *.yml or *.json files',
        });
      }
      for (const file of files) {
        const display = relative(options.cwd, file) || file;
        try {
          inputs.push({ file: display, text: await readFile(file, 'utf8'), explicit: false });
        } catch (error) {
          errors.push({ file: display, line: 0, column: 0, message: describeFsError(error) });
        }
      }
      continue;
    }
    try {
      inputs.push({ file: operand, text: await readFile(absolute, 'utf8'), explicit: true });
    } catch (error) {
      errors.push({ file: operand, line: 0, column: 0, message: describeFsError(error) });
    }
  }
  return { inputs, errors };
}

async function walk(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) files.push(...(await walk(path)));
    } else if (entry.isFile() && EXTENSIONS.some((ext) => entry.name.endsWith(ext))) {
      files.push(path);
    }
  }
  return files;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return (error as Error).message;
  }
}
