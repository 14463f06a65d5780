// The default worker count of a run, apart from the pipeline so that the CLI's start-up can read it
// without loading the checking code.
import { availableParallelism } from 'node:os';

/** The default for --jobs: every core this process may use. */
export function defaultJobs(): number {
  return availableParallelism();
}
