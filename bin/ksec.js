#!/usr/bin/env node
// Thin shim: compile cache when the runtime has it (Node >= 22.1), then the bundled CLI.
import module from 'node:module';

module.enableCompileCache?.();
// `ksec diff … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { run } = await import('../dist/cli.js');
process.exitCode = await run(process.argv.slice(2));
