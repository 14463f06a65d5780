// A worker thread of `ksec diff --jobs N`: reads and checks the files the main thread hands it, one at
// a time, and posts each result back. Writing fixed files stays on the main thread, where a signal
// can undo a write in progress.
import { parentPort, workerData } from 'node:worker_threads';
import { type InputEntry, readEntry } from '../input/read.ts';
import { forTransfer, type Processed, type ProcessSettings, processFile, unreadResult } from './process.ts';

const settings = workerData as ProcessSettings;
const afterTask: (() => void)[] = [];

/** Called after each file is posted back (the build uses it to write the worker's code cache). */
export function onTaskDone(callback: () => void): void {
  afterTask.push(callback);
}

parentPort?.on(
  'message',
  async (task: { index: number; entry: Extract<InputEntry, { kind: 'file' }>; maxFileBytes?: number }) => {
    const { index, entry } = task;
    const readStdin = async () => {
      throw new Error('standard input is read by the main thread');
    };
    const input = await readEntry(entry, {
      cwd: '/',
      readStdin,
      ...(task.maxFileBytes === undefined ? {} : { maxBytes: task.maxFileBytes }),
    });
    const processed: Processed =
      'text' in input ? processFile(input, settings, entry.path) : { before: unreadResult(input) };
    parentPort?.postMessage({ index, processed: forTransfer(processed) });
    for (const callback of afterTask) callback();
  },
);
