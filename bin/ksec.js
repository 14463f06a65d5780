#!/usr/bin/env node
// Thin shim: compile cache when the runtime has it (Node >= 22.1), then the bundled CLI.
import module from 'node:module';

module.enableCompileCache?.();
const { run } = await import('../dist/cli.js');
process.exitCode = await run(process.argv.slice(2));
