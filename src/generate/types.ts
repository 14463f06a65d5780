import type { Answers } from '../wizard/types.ts';

/** One file to write, relative to --out. */
export interface GeneratedFile {
  path: string;
  content: string;
  /** File mode (e.g. 0o755 for scripts); the default is 0o644. */
  mode?: number;
}

/** Turns answers into files. Pure: no file system, no console, no prompts. */
export interface Generator {
  id: string;
  applies: (answers: Answers) => boolean;
  generate: (answers: Answers) => GeneratedFile[];
}
