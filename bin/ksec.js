#!/usr/bin/env node
// Thin shim: compile cache when the runtime has it (Node >= 22.1), then the bundled CLI.
import module from 'node:module';

module.enableCompileCache?.();
let cli;
// `ksec diff … | head` closes the pipe early: that is the reader's choice, not an error. Any other
// stream error (a full disk behind `> report.json`) is one line and exit 2, not a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === process.stdout) {
      const reason = cli?.fsErrorReason(error) ?? error.message;
      try {
        process.stderr.write(`ksec: cannot write standard output: ${reason}\n`);
      } catch {
        // stderr is gone too; the exit code still tells.
      }
    }
    process.exit(2);
  });
}
cli = await import('../dist/cli.js');
// A write in progress is undone on any early exit (temporary files removed, a half-written set of
// files put back), and SIGINT, SIGTERM and SIGHUP end the run that way instead of mid-write.
process.on('exit', () => cli.abandonWrites());
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(signal, () => {
    const { undone, problems } = cli.abandonWrites();
    try {
      process.stderr.write(
        `ksec: interrupted by ${signal}${undone > 0 ? '; the files being written were left as they were' : ''}\n` +
          problems.map((problem) => `ksec: ${problem}\n`).join(''),
      );
    } catch {
      // No terminal any more (SIGHUP); nothing to tell.
    }
    process.exit(code);
  });
}
process.exitCode = await cli.run(process.argv.slice(2));
