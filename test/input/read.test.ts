// Expanding `ksec diff` operands: every file under a directory in a stable order, symbolic links
// followed (loops and dangling links reported), limits on what is read, and no operand that cannot be
// read costing the others.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFsError, readInputs, readStreamBounded } from '../../src/input/read.ts';
import { fsErrorReason } from '../../src/util/fs-errors.ts';

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'ksec-read-'));
  mkdirSync(join(root, 'specs', 'nested'), { recursive: true });
  writeFileSync(join(root, 'specs', 'b.yaml'), 'b: 1\n');
  writeFileSync(join(root, 'specs', 'A.yaml'), 'a: 1\n');
  writeFileSync(join(root, 'specs', 'nested', 'c.json'), '{}');
  writeFileSync(join(root, 'specs', 'notes.txt'), 'skipped\n');
  return root;
}

const options = (cwd: string) => ({ cwd, readStdin: async () => 'stdin: 1\n' });

describe('readInputs', () => {
  it('walks a directory in byte order of the names, whatever the locale', async () => {
    const root = tree();
    const read = await readInputs(['specs'], options(root));
    expect(read.errors).toEqual([]);
    expect(read.inputs.map((i) => i.file)).toEqual(['specs/A.yaml', 'specs/b.yaml', 'specs/nested/c.json']);
  });

  it('follows symbolic links to files and directories, and reports loops and dangling links', async () => {
    const root = tree();
    symlinkSync(join(root, 'specs', 'b.yaml'), join(root, 'specs', 'link.yaml'));
    symlinkSync(join(root, 'specs', 'nested'), join(root, 'specs', 'linked-dir'));
    symlinkSync(join(root, 'specs'), join(root, 'specs', 'nested', 'loop'));
    symlinkSync(join(root, 'nowhere.yaml'), join(root, 'specs', 'dangling.yaml'));
    const read = await readInputs(['specs'], options(root));
    expect(read.inputs.map((i) => i.file)).toEqual([
      'specs/A.yaml',
      'specs/b.yaml',
      'specs/link.yaml',
      'specs/linked-dir/c.json',
      'specs/nested/c.json',
    ]);
    expect(read.errors.map((e) => `${e.file}: ${e.message}`)).toEqual([
      'specs/dangling.yaml: symbolic link: no such file or directory',
      'specs/linked-dir/loop: symbolic link loop: skipped (it leads back to a directory above it)',
      'specs/nested/loop: symbolic link loop: skipped (it leads back to a directory above it)',
    ]);
  });

  it('reads the other operands when one cannot be read', async () => {
    const root = tree();
    const read = await readInputs(['missing.yaml', 'specs/A.yaml', '-'], options(root));
    expect(read.inputs.map((i) => i.file)).toEqual(['specs/A.yaml', '<stdin>']);
    expect(read.errors).toEqual([
      { file: 'missing.yaml', line: 0, column: 0, message: 'no such file or directory' },
    ]);
  });

  it('refuses a file larger than the limit without reading all of it', async () => {
    const root = tree();
    writeFileSync(join(root, 'big.yaml'), `a: ${'x'.repeat(5000)}\n`);
    const read = await readInputs(['big.yaml', 'specs/A.yaml'], { ...options(root), maxBytes: 1000 });
    expect(read.inputs.map((i) => i.file)).toEqual(['specs/A.yaml']);
    expect(read.errors[0]?.message).toBe(
      'larger than 1000 bytes: refused (raise the limit with --max-file-bytes)',
    );
    // /dev/zero never ends: the limit is what stops it.
    const zero = await readInputs(['/dev/zero'], { ...options(root), maxBytes: 1 << 20 });
    expect(zero.errors[0]?.message).toMatch(/^larger than 1048576 bytes/);
  });

  it('bounds standard input too', async () => {
    async function* endless() {
      for (;;) yield Buffer.alloc(1 << 16);
    }
    await expect(readStreamBounded(endless(), 1 << 20)).rejects.toThrow('larger than 1048576 bytes');
  });
});

describe('describeFsError', () => {
  const fsError = (code: string) => Object.assign(new Error(`${code}: failed, open 'x'`), { code });

  it('words a read error as every other file-system error is worded', () => {
    for (const code of ['ENOENT', 'EACCES', 'EPERM', 'ENOTDIR', 'ENAMETOOLONG', 'EMFILE', 'EIO', 'EWHATEVER'])
      expect(describeFsError(fsError(code))).toBe(fsErrorReason(fsError(code)));
    expect(describeFsError(fsError('EPERM'))).toBe('operation not permitted');
  });

  it('names the flag that raises the size limit, and keeps one line of any other error', () => {
    expect(describeFsError(fsError('ETOOLARGE'), 1024)).toBe(
      'larger than 1024 bytes: refused (raise the limit with --max-file-bytes)',
    );
    expect(describeFsError(new Error('first\nsecond'))).toBe('first');
  });
});
