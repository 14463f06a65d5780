// `ksec diff` as a library call: one streaming run over the operands. For each file in a stable
// order: read → parse → recognise → check → (fix, write, check again) → (compare with the baseline),
// yielding one result per file as soon as it and every file before it are done. Nothing holds more
// than the files in flight: a file's text and documents are dropped once its result is out. Many
// files are spread over worker threads; the results come out in the same order as with one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { KsecConfig } from '../config/types.ts';
import { type InputEntry, listInputs, readEntry } from '../input/read.ts';
import type { YamlLimits } from '../input/yaml.ts';
import type { Finding, InputFile, ParseError, Severity } from '../model.ts';
import { packageRoot } from '../util/package-root.ts';
import {
  type FileResult,
  type Processed,
  type ProcessSettings,
  processFile,
  restore,
  unreadResult,
} from './process.ts';
import {
  introducedSince,
  type PreparedBaseline,
  prepareBaseline,
  type SubjectSnapshot,
  specChanges,
} from './regressions.ts';
import { summarise } from './results.ts';

export { defaultJobs } from './jobs.ts';
export type { FileResult } from './process.ts';

export interface DiffOptions {
  cwd: string;
  readStdin: (maxBytes: number) => Promise<string>;
  /** Only these rules (ids); all of the catalogue when unset. */
  ruleIds?: readonly string[];
  config?: KsecConfig;
  limits?: YamlLimits;
  maxFileBytes?: number;
  /** Named files that hold nothing ksec checks are skipped, not errors (pre-commit passes every file). */
  skipUnrecognised?: boolean;
  /** Apply the automatic fixes and write each fixed file back (through `write`). */
  fix?: boolean;
  /** Writes a fixed file; returns the error that stopped it, if any. Required with `fix`. */
  write?: (file: string, path: string, text: string, expected: string) => Promise<ParseError | undefined>;
  /** An earlier version (file or directory) to compare with: only new findings then fail the run. */
  baseline?: string;
  /** Worker threads; 1 checks every file on this thread. Default 1 (the CLI passes the core count). */
  jobs?: number;
  /** Keep each file's recognised objects in its result (the GKE remediation script needs them). */
  keepSubjects?: boolean;
  /** Least time between two progress events, in ms (default 250). */
  progressInterval?: number;
}

export interface RunSummary {
  files: number;
  documents: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  suppressed: number;
  errors: number;
  /** With a baseline: the findings of the baseline that are gone, and the count of new ones. */
  baseline?: { introduced: number; resolved: Finding[] };
}

export type DiffEvent =
  | { type: 'file'; result: FileResult }
  | { type: 'progress'; done: number; total: number }
  | { type: 'end'; summary: RunSummary };

/** Fewer files than this are checked on one thread: starting workers would cost more than it saves. */
const WORKERS_FROM = 32;

/**
 * Runs `ksec diff` over the operands and yields each file's result in order, progress now and then,
 * and a summary at the end. Never throws for bad input: unreadable operands are errors in the results.
 */
export async function* diff(operands: readonly string[], options: DiffOptions): AsyncGenerator<DiffEvent> {
  const entries = await listInputs(operands, options.cwd);
  const settings: ProcessSettings = {
    ...(options.ruleIds ? { ruleIds: [...options.ruleIds] } : {}),
    ...(options.config ? { config: options.config } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    fix: options.fix === true,
    snapshots: options.baseline !== undefined,
    keepSubjects: options.keepSubjects === true,
    skipUnrecognised: options.skipUnrecognised === true,
  };

  const baseline =
    options.baseline === undefined ? undefined : await readBaseline(options, settings, entries);
  const seen = new Set<string>();
  const total: RunSummary = { ...summarise([], 0, 0), suppressed: 0, errors: 0 };
  let done = 0;
  let lastProgress = Date.now();

  for await (const processed of processAll(entries, settings, options)) {
    const result = await afterFix(processed, options);
    if (baseline) {
      for (const finding of result.findings) seen.add(finding.id);
      result.baseline = {
        introduced: introducedSince(baseline, result.findings),
        changes: specChanges(baseline, result.snapshots ?? []),
      };
      delete result.snapshots;
    }
    add(total, result);
    yield { type: 'file', result };
    done += 1;
    if (Date.now() - lastProgress >= (options.progressInterval ?? 250)) {
      lastProgress = Date.now();
      yield { type: 'progress', done, total: entries.length };
    }
  }
  if (baseline) {
    total.baseline = {
      introduced: 0,
      resolved: baseline.findings.filter((f) => !seen.has(f.id)),
    };
  }
  yield { type: 'end', summary: total };
}

function add(total: RunSummary, result: FileResult): void {
  if (result.read) total.files += 1;
  total.documents += result.documents;
  total.findings += result.findings.length;
  for (const finding of result.findings) total.bySeverity[finding.severity] += 1;
  total.suppressed += result.suppressed.length;
  total.errors += result.errors.length;
}

/** Writes a fixed file; the result then is the fixed one, or the original one and the write's error. */
async function afterFix(processed: Processed, options: DiffOptions): Promise<FileResult> {
  const { before, after, fixedText, originalText, path } = processed;
  if (!after || fixedText === undefined || originalText === undefined || path === undefined) return before;
  const error = options.write ? await options.write(before.file, path, fixedText, originalText) : undefined;
  if (error || !options.write) {
    const result: FileResult = { ...before, errors: [...before.errors, ...(error ? [error] : [])] };
    if (result.fix) result.fix = { ...result.fix, written: false };
    return result;
  }
  return after;
}

/**
 * The baseline, checked once up front: its findings (by identity) and its objects (for the changes).
 * Its files are named as the current run names them: a single file compares with a single file
 * whatever their names (`--baseline <(git show main:cluster.yaml)`), a directory by relative path.
 */
async function readBaseline(
  options: DiffOptions,
  settings: ProcessSettings,
  current: readonly InputEntry[],
): Promise<PreparedBaseline> {
  const entries = await listInputs([options.baseline as string], options.cwd);
  const currentFiles = current.filter((e) => e.kind === 'file' || e.kind === 'stdin');
  const baselineFiles = entries.filter((e) => e.kind === 'file' || e.kind === 'stdin');
  if (currentFiles.length === 1 && baselineFiles.length === 1) {
    const only = currentFiles[0] as Exclude<InputEntry, { kind: 'error' }>;
    const key = only.kind === 'file' ? only.key : '<stdin>';
    for (const entry of baselineFiles) if (entry.kind === 'file') entry.key = key;
  }
  const findings: Finding[] = [];
  const subjects: SubjectSnapshot[] = [];
  const errors: ParseError[] = [];
  const baselineSettings = {
    ...settings,
    fix: false,
    snapshots: true,
    keepSubjects: false,
    // Nothing checkable in a baseline file is no error: the old version may predate the spec.
    skipUnrecognised: true,
  };
  for await (const processed of processAll(entries, baselineSettings, options)) {
    findings.push(...processed.before.findings);
    subjects.push(...(processed.before.snapshots ?? []));
    errors.push(...processed.before.errors);
  }
  if (errors.length > 0) throw new BaselineError(options.baseline as string, errors);
  return prepareBaseline(findings, subjects, settings.ruleIds);
}

/** The baseline cannot be read: the run stops, naming each problem. */
export class BaselineError extends Error {
  constructor(
    readonly baseline: string,
    readonly errors: readonly ParseError[],
  ) {
    super(`cannot read the baseline ${baseline}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Processing the entries: in order on this thread, or spread over workers and put back in order.

async function* processAll(
  entries: readonly InputEntry[],
  settings: ProcessSettings,
  options: DiffOptions,
): AsyncGenerator<Processed> {
  const files = entries.filter((e) => e.kind === 'file').length;
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, files));
  const script = workerScript();
  if (jobs === 1 || files < WORKERS_FROM || settings.keepSubjects || !script) {
    // Reading is waiting (open, stat, read, close on the thread pool); reading a few files ahead
    // keeps this thread checking instead of idle, while only those few texts are held.
    const reads: Promise<Input>[] = [];
    const readAhead = (index: number) => {
      const entry = entries[index];
      if (entry !== undefined) reads[index] = readInput(entry, options);
    };
    for (let i = 0; i < READ_AHEAD; i++) readAhead(i);
    for (let index = 0; index < entries.length; index++) {
      readAhead(index + READ_AHEAD);
      const input = await (reads[index] as Promise<Input>);
      delete reads[index];
      yield processInput(input, settings);
    }
    return;
  }
  yield* processInWorkers(entries, settings, options, jobs, script);
}

/** How many files one thread reads ahead of the one it checks. */
const READ_AHEAD = 8;
/** Files handed to a worker at once. */
const IN_FLIGHT = 4;

type Input = { input: InputFile; path?: string } | { error: ParseError };

async function readInput(entry: InputEntry, options: DiffOptions): Promise<Input> {
  if (entry.kind === 'error') return { error: entry.error };
  const read = await readEntry(entry, {
    cwd: options.cwd,
    readStdin: options.readStdin,
    maxBytes: options.maxFileBytes,
  });
  if (!('text' in read)) return { error: read };
  return entry.kind === 'file' ? { input: read, path: entry.path } : { input: read };
}

function processInput(read: Input, settings: ProcessSettings): Processed {
  if ('error' in read) return { before: unreadResult(read.error) };
  return processFile(read.input, settings, read.path);
}

async function processEntry(
  entry: InputEntry,
  settings: ProcessSettings,
  options: DiffOptions,
): Promise<Processed> {
  return processInput(await readInput(entry, options), settings);
}

/** bin/worker.cjs of the built package (it loads dist/worker.cjs); undefined before a build. */
function workerScript(): string | undefined {
  try {
    const root = packageRoot();
    return existsSync(join(root, 'dist', 'worker.cjs')) ? join(root, 'bin', 'worker.cjs') : undefined;
  } catch {
    return undefined;
  }
}

async function* processInWorkers(
  entries: readonly InputEntry[],
  settings: ProcessSettings,
  options: DiffOptions,
  jobs: number,
  script: string,
): AsyncGenerator<Processed> {
  const { Worker } = await import('node:worker_threads');
  const done = new Map<number, Processed>();
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  let next = 0;
  const workers: InstanceType<typeof Worker>[] = [];

  const start = (): void => {
    // A small nursery: a worker's garbage is one file's tree at a time, and every thread's young
    // generation counts in the run's memory (measured: 190 MB → 155 MB peak RSS for 2,000 files).
    const worker = new Worker(script, {
      workerData: settings,
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    // A few files in flight per worker, so that it reads the next while it checks one.
    const current = new Set<number>();
    const feed = (): void => {
      while (current.size < IN_FLIGHT && next < entries.length) {
        const index = next++;
        const entry = entries[index] as InputEntry;
        if (entry.kind === 'file') {
          current.add(index);
          worker.postMessage({ index, entry, maxFileBytes: options.maxFileBytes });
          continue;
        }
        // Standard input and operand errors are handled here, in their place in the order.
        void processEntry(entry, settings, options).then((processed) => {
          done.set(index, processed);
          notify();
        });
      }
      if (current.size === 0) void worker.terminate();
    };
    worker.on('message', (message: { index: number; processed: Processed }) => {
      const { before, after } = message.processed;
      current.delete(message.index);
      done.set(message.index, {
        ...message.processed,
        before: restore(before),
        ...(after ? { after: restore(after) } : {}),
      });
      notify();
      feed();
    });
    worker.on('error', (error) => {
      // A crash costs the files it was on, as a bug in ksec would on one thread; the rest go on.
      for (const index of current) {
        done.set(index, { before: unreadResult(workerError(entries[index] as InputEntry, error)) });
      }
      current.clear();
      notify();
      if (next < entries.length) start();
    });
    workers.push(worker);
    feed();
  };
  for (let i = 0; i < jobs; i++) start();

  try {
    for (let index = 0; index < entries.length; index++) {
      while (!done.has(index)) await new Promise<void>((resolve) => (wake = resolve));
      const processed = done.get(index) as Processed;
      done.delete(index);
      yield processed;
    }
  } finally {
    for (const worker of workers) void worker.terminate();
  }
}

function workerError(entry: InputEntry, error: unknown): ParseError {
  const file = entry.kind === 'file' ? entry.display : entry.kind === 'stdin' ? '<stdin>' : entry.error.file;
  return {
    file,
    line: 0,
    column: 0,
    message: `internal error while checking this file: ${(error as Error).message}`,
  };
}
