#!/usr/bin/env node
// Thin shim: `--version` answers from package.json and loads nothing else; any other command loads
// the CLI bundle with its V8 code cache (bin/load-bundle.cjs), then runs it.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  await main();
}

async function main() {
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
  const { loadBundle } = require('./load-bundle.cjs');
  const bundle = loadBundle(require.resolve('../dist/cli.cjs'));
  cli = bundle.exports;
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
  process.exitCode = await cli.run(args);
  if (process.env.KSEC_WRITE_CODE_CACHE === '1') bundle.writeCache();
}
