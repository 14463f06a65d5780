import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { KsecError } from './errors.ts';

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes through a temporary file in the same directory and renames it over the target, so a
 * crash or a full disk never leaves a half-written file. Keeps the mode of a file it replaces.
 */
export async function writeFileAtomic(
  path: string,
  content: string,
  options: { mode?: number } = {},
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.ksec-tmp-${basename(path)}-${randomBytes(6).toString('hex')}`);
  let mode = options.mode;
  if (mode === undefined) {
    try {
      mode = (await stat(path)).mode & 0o777;
    } catch {
      mode = 0o644;
    }
  }
  try {
    await writeFile(temp, content, { mode, flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export interface PlannedFile {
  path: string;
  content: string;
  mode?: number;
}

/**
 * Writes a set of files, all or nothing as far as the check goes: when any target exists and
 * `force` is off, nothing is written and the error names every file that would be overwritten.
 */
export async function writeFiles(files: readonly PlannedFile[], options: { force: boolean }): Promise<void> {
  if (!options.force) {
    const existing: string[] = [];
    for (const file of files) if (await exists(file.path)) existing.push(file.path);
    if (existing.length > 0) {
      throw new KsecError(
        `refusing to overwrite existing file${existing.length === 1 ? '' : 's'}: ${existing.join(', ')} (use --force to replace ${existing.length === 1 ? 'it' : 'them'})`,
      );
    }
  }
  for (const file of files)
    await writeFileAtomic(file.path, file.content, file.mode === undefined ? {} : { mode: file.mode });
}
