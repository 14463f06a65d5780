// What `ksec diff` says when the input is not what it expects: standard input from a terminal, a file
// that is not there, a script passed by mistake.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { memoryIo } from '../helpers/io.ts';

const POD =
  'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: "c:1"}]\n';

describe('ksec diff says what is going on', () => {
  it('tells a terminal user that it waits for standard input', async () => {
    const terminal = memoryIo('/', { stdinIsTTY: true, readStdin: async () => POD });
    await run(['diff', '-'], terminal.io);
    expect(terminal.err()).toContain(
      'ksec: reading the spec from standard input; paste it, then press Ctrl-D',
    );
    const piped = memoryIo('/', { readStdin: async () => POD });
    await run(['diff', '-'], piped.io);
    expect(piped.err()).not.toContain('reading the spec');
  });

  it('never calls a missing file "no findings"', async () => {
    const { io, out, err } = memoryIo(mkdtempSync(join(tmpdir(), 'ksec-msg-')));
    expect(await run(['diff', 'missing.yaml'], io)).toBe(2);
    expect(out().trim()).toBe('nothing was checked: 1 input error (on stderr): exit 2');
    expect(err()).toBe('ksec: missing.yaml: error: no such file or directory\n');
  });

  it('gives a script passed by mistake one error, not one per line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-msg-'));
    writeFileSync(
      join(dir, 'deploy.sh'),
      '#!/usr/bin/env bash\nset -euo pipefail\nkubectl apply -f k8s/\nfor f in *.yaml; do\n  echo "$f"\ndone\n',
    );
    const { io, err } = memoryIo(dir);
    expect(await run(['diff', 'deploy.sh'], io)).toBe(2);
    expect(err()).toBe(
      'ksec: deploy.sh:1:1: error: a script (it starts with "#!/usr/bin/env bash"), not YAML or JSON\n',
    );
  });
});
