// The write module's guarantees (README, "Writing files safely"): atomic replacement, all-or-nothing
// sets, modes, owners, links, refusals, and clean-up. Disk-full and similar failures are injected
// through the module's fault hook, at each step of a write, so the real file system does the rest.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  abandonWrites,
  exists,
  rewriteFile,
  setWriteFaultHook,
  WriteError,
  type WriteStep,
  writeFileAtomic,
  writeFiles,
} from '../../src/util/write.ts';
import { fsError, tempFiles } from '../helpers/writes.ts';

const isRoot = process.getuid?.() === 0;

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'ksec-write-'));
}

/** Fails the `nth` (1-based) occurrence of `step`, optionally only for paths containing `within`. */
function failAt(step: WriteStep, code: string, nth = 1, within = ''): void {
  let seen = 0;
  setWriteFaultHook((current, path) => {
    if (current !== step || !path.includes(within)) return;
    seen += 1;
    if (seen === nth) throw fsError(code, step, path);
  });
}

/** Every file and directory under `dir`, relative, with file contents: a snapshot to compare. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      const key = relative(dir, path);
      if (entry.isSymbolicLink()) out[key] = `-> ${readlinkSync(path)}`;
      else if (entry.isDirectory()) {
        out[`${key}/`] = '';
        walk(path);
      } else out[key] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}

afterEach(() => setWriteFaultHook(undefined));

describe('writeFileAtomic', () => {
  it('replaces a file, keeping its exact mode whatever the umask, and leaves no temporary file', async () => {
    const dir = scratch();
    const path = join(dir, 'a.yaml');
    writeFileSync(path, 'old\n');
    chmodSync(path, 0o666); // a umask of 022 would turn a new 0o666 file into 0o644
    await writeFileAtomic(path, 'new\n');
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(statSync(path).mode & 0o7777).toBe(0o666);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('creates missing directories, only once the file is complete', async () => {
    const dir = scratch();
    failAt('write', 'ENOSPC');
    await expect(writeFileAtomic(join(dir, 'a', 'b', 'c.md'), 'x')).rejects.toThrow(/no space left/);
    expect(tree(dir)).toEqual({});
    setWriteFaultHook(undefined);
    await writeFileAtomic(join(dir, 'a', 'b', 'c.md'), 'x');
    expect(tree(dir)).toEqual({ 'a/': '', 'a/b/': '', 'a/b/c.md': 'x' });
  });

  it('fsyncs the new content before renaming it into place', async () => {
    const dir = scratch();
    const steps: string[] = [];
    setWriteFaultHook((step, path) =>
      steps.push(`${step} ${path.includes('.ksec-tmp-') ? 'temp' : 'target'}`),
    );
    await writeFileAtomic(join(dir, 'a.yaml'), 'x');
    expect(steps).toEqual(['open temp', 'write temp', 'fsync temp', 'link target']);
    steps.length = 0;
    await writeFileAtomic(join(dir, 'a.yaml'), 'y');
    expect(steps).toEqual(['open temp', 'write temp', 'fsync temp', 'rename target']);
  });
});

describe('rewriteFile (ksec diff --fix)', () => {
  const original = 'kind: Cluster\n';
  const fixed = 'kind: Cluster # fixed\n';

  it('keeps the mode of the file', async () => {
    const dir = scratch();
    const path = join(dir, 'c.yaml');
    writeFileSync(path, original);
    chmodSync(path, 0o640);
    await rewriteFile(path, fixed, { expected: original });
    expect(readFileSync(path, 'utf8')).toBe(fixed);
    expect(statSync(path).mode & 0o7777).toBe(0o640);
  });

  it.runIf(isRoot)('as root, keeps the owner and group of the file', async () => {
    const dir = scratch();
    const path = join(dir, 'c.yaml');
    writeFileSync(path, original);
    chownSync(path, 65534, 65534);
    await rewriteFile(path, fixed, { expected: original });
    expect(statSync(path)).toMatchObject({ uid: 65534, gid: 65534 });
  });

  it('rewrites the target of a symbolic link and keeps the link', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared', 'c.yaml'), original);
    symlinkSync('shared/c.yaml', join(dir, 'link.yaml'));
    await rewriteFile(join(dir, 'link.yaml'), fixed, { expected: original });
    expect(readlinkSync(join(dir, 'link.yaml'))).toBe('shared/c.yaml');
    expect(readFileSync(join(dir, 'shared', 'c.yaml'), 'utf8')).toBe(fixed);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('refuses a read-only file, also as root (who could write it)', async () => {
    const dir = scratch();
    const path = join(dir, 'c.yaml');
    writeFileSync(path, original);
    chmodSync(path, 0o444);
    await expect(rewriteFile(path, fixed, { expected: original })).rejects.toThrow(
      `it is read-only (mode 0444); make it writable (chmod u+w ${path}) to fix it`,
    );
    expect(readFileSync(path, 'utf8')).toBe(original);
  });

  it('refuses when the file changed on disk after it was read, keeping that change', async () => {
    const dir = scratch();
    const path = join(dir, 'c.yaml');
    writeFileSync(path, original);
    // Someone saves the file while the fixed version is being written.
    setWriteFaultHook((step) => {
      if (step === 'fsync') writeFileSync(path, 'kind: Cluster # my edit\n');
    });
    const error = await rewriteFile(path, fixed, { expected: original }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteError);
    expect((error as WriteError).reason).toMatch(/^it changed on disk after ksec read it; it was left alone/);
    expect(readFileSync(path, 'utf8')).toBe('kind: Cluster # my edit\n');
    expect(tempFiles(dir)).toEqual([]);
  });

  it('refuses a file that is not valid UTF-8, whose invalid bytes the edit would replace', async () => {
    const dir = scratch();
    const path = join(dir, 'c.yaml');
    const latin1 = Buffer.from('kind: Cluster # caf\xe9\n', 'latin1');
    writeFileSync(path, latin1);
    await expect(rewriteFile(path, fixed, { expected: latin1.toString('utf8') })).rejects.toThrow(
      'it is not valid UTF-8, and writing the edit would replace the invalid bytes; convert it to UTF-8 first',
    );
    expect(readFileSync(path).equals(latin1)).toBe(true);
    // A byte order mark and CRLF line ends are valid UTF-8 and round-trip.
    writeFileSync(path, '\ufeffkind: Cluster\r\n');
    await rewriteFile(path, fixed, { expected: '\ufeffkind: Cluster\r\n' });
    expect(readFileSync(path, 'utf8')).toBe(fixed);
  });

  it('refuses when the file was removed after it was read', async () => {
    const dir = scratch();
    const path = join(dir, 'c.yaml');
    await expect(rewriteFile(path, fixed, { expected: original })).rejects.toThrow(/it was removed after/);
    expect(tree(dir)).toEqual({});
  });

  it('refuses standard input, devices and FIFOs, and a dangling link', async () => {
    await expect(rewriteFile('/dev/fd/0', fixed, { expected: original })).rejects.toThrow(
      /it is a device or file descriptor, not a regular file; --fix rewrites files in place, so name the file itself/,
    );
    const dir = scratch();
    symlinkSync('/dev/stdin', join(dir, 'in.yaml'));
    await expect(rewriteFile(join(dir, 'in.yaml'), fixed, { expected: original })).rejects.toThrow(
      /it is a device or file descriptor \(\/dev\/stdin\)/,
    );
    execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
    await expect(rewriteFile(join(dir, 'fifo.yaml'), fixed, { expected: original })).rejects.toThrow(
      /it is not a regular file/,
    );
    symlinkSync('gone.yaml', join(dir, 'dangling.yaml'));
    await expect(rewriteFile(join(dir, 'dangling.yaml'), fixed, { expected: original })).rejects.toThrow(
      /it is a symbolic link to .*gone\.yaml, which does not exist/,
    );
    expect(lstatSync(join(dir, 'dangling.yaml')).isSymbolicLink()).toBe(true);
  });

  it('refuses a file with several hard links, which a replacement would split', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'a.yaml'), original);
    linkSync(join(dir, 'a.yaml'), join(dir, 'b.yaml'));
    await expect(rewriteFile(join(dir, 'a.yaml'), fixed, { expected: original })).rejects.toThrow(
      /it has 2 hard links/,
    );
  });

  it.each([
    ['open', 'EACCES', /permission denied: ksec cannot create files in/],
    ['open', 'EROFS', /is on a read-only file system/],
    ['write', 'ENOSPC', /no space left on the device; free some space and run again/],
    ['write', 'EFBIG', /file too large .*ulimit -f/],
    ['write', 'EDQUOT', /disk quota exceeded/],
    ['fsync', 'EIO', /input\/output error/],
    ['rename', 'EXDEV', /cannot move across file systems/],
  ] as const)(
    'a failed %s (%s) leaves the file as it was and no temporary file',
    async (step, code, reason) => {
      const dir = scratch();
      const path = join(dir, 'c.yaml');
      writeFileSync(path, original);
      failAt(step, code);
      const error = await rewriteFile(path, fixed, { expected: original }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WriteError);
      expect((error as WriteError).reason).toMatch(reason);
      expect((error as WriteError).message).toMatch(new RegExp(`^cannot write ${path}: `));
      expect(readFileSync(path, 'utf8')).toBe(original);
      expect(tempFiles(dir)).toEqual([]);
    },
  );
});

describe('writeFiles (ksec init)', () => {
  const files = (out: string, tag = 'new') => [
    { path: join(out, 'cluster.yaml'), content: `cluster ${tag}\n` },
    { path: join(out, 'kops-commands.sh'), content: `#!/bin/sh\n# ${tag}\n`, mode: 0o755 },
    { path: join(out, 'k8s', 'namespaces.yaml'), content: `namespaces ${tag}\n` },
    { path: join(out, 'k8s', 'network-policies.yaml'), content: `policies ${tag}\n` },
    { path: join(out, 'ksec.answers.yaml'), content: `answers ${tag}\n` },
  ];

  it('writes a new directory tree in one rename', async () => {
    const dir = scratch();
    const steps: string[] = [];
    setWriteFaultHook((step, path) => {
      if (step === 'rename' || step === 'link') steps.push(`${step} ${relative(dir, path)}`);
    });
    await writeFiles(files(join(dir, 'clusters', 'dev')), { force: false });
    expect(steps).toEqual(['rename clusters']);
    expect(Object.keys(tree(dir))).toHaveLength(8);
    expect(statSync(join(dir, 'clusters', 'dev', 'kops-commands.sh')).mode & 0o111).not.toBe(0);
  });

  for (const step of ['mkdir', 'open', 'write', 'fsync', 'link', 'rename'] as const) {
    it(`a failed ${step} part-way through a new set leaves the directory as it was`, async () => {
      const dir = scratch();
      mkdirSync(join(dir, 'out'));
      writeFileSync(join(dir, 'out', 'README'), 'mine\n');
      const before = tree(dir);
      failAt(step, 'ENOSPC', { mkdir: 2, open: 3, write: 3, fsync: 3, link: 2, rename: 1 }[step]);
      await expect(writeFiles(files(join(dir, 'out')), { force: false })).rejects.toThrow(
        /no space left on the device; free some space and run again \(no file was changed\)/,
      );
      expect(tree(dir)).toEqual(before);
    });

    it(`with --force, a failed ${step} part-way puts back every file it replaced`, async () => {
      const dir = scratch();
      const out = join(dir, 'out');
      mkdirSync(join(out, 'k8s'), { recursive: true });
      for (const file of files(out, 'old')) writeFileSync(file.path, file.content);
      chmodSync(join(out, 'cluster.yaml'), 0o600);
      const before = tree(dir);
      failAt(step, 'ENOSPC', step === 'mkdir' ? 1 : 4);
      const written = writeFiles(files(out), { force: true });
      if (step === 'mkdir') {
        // Nothing to create: every directory exists.
        await written;
        expect(readFileSync(join(out, 'k8s', 'namespaces.yaml'), 'utf8')).toBe('namespaces new\n');
        return;
      }
      await expect(written).rejects.toThrow(/\(no file was changed\)$/);
      expect(tree(dir)).toEqual(before);
      expect(statSync(join(out, 'cluster.yaml')).mode & 0o777).toBe(0o600);
    });
  }

  it('refuses without --force when any target exists, a dangling link included, and writes nothing', async () => {
    const dir = scratch();
    const out = join(dir, 'out');
    mkdirSync(out);
    symlinkSync('nowhere', join(out, 'cluster.yaml'));
    expect(await exists(join(out, 'cluster.yaml'))).toBe(true);
    const before = tree(dir);
    await expect(writeFiles(files(out), { force: false })).rejects.toThrow(
      `refusing to overwrite existing file: ${join(out, 'cluster.yaml')} (use --force to replace it)`,
    );
    expect(tree(dir)).toEqual(before);
    // The caller can name another way out.
    await expect(
      writeFiles(files(out), { force: false, hint: 'or --out another directory' }),
    ).rejects.toThrow(
      `refusing to overwrite existing file: ${join(out, 'cluster.yaml')} (use --force to replace it, or --out another directory)`,
    );
    expect(tree(dir)).toEqual(before);
    // --force replaces the link itself: it never writes through a link to some other place.
    await writeFiles(files(out), { force: true });
    expect(lstatSync(join(out, 'cluster.yaml')).isFile()).toBe(true);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('names a file in the way of a directory, and a directory in the way of a file', async () => {
    const dir = scratch();
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'k8s'), 'a file\n');
    await expect(writeFiles(files(out), { force: true })).rejects.toThrow(
      `${join(out, 'k8s')} is a file, not a directory; move or rename it (nothing was written)`,
    );
    writeFileSync(join(dir, 'file'), '');
    await expect(writeFiles(files(join(dir, 'file', 'deeper')), { force: false })).rejects.toThrow(
      `${join(dir, 'file')} is a file, not a directory; move or rename it (nothing was written)`,
    );
    const other = join(dir, 'other');
    mkdirSync(join(other, 'cluster.yaml'), { recursive: true });
    await expect(writeFiles(files(other), { force: true })).rejects.toThrow(
      `${join(other, 'cluster.yaml')} is a directory; move or rename it (nothing was written)`,
    );
    expect(tempFiles(dir)).toEqual([]);
  });

  it('never clobbers a file that appears while the set is being written (EEXIST), and undoes the rest', async () => {
    const dir = scratch();
    const out = join(dir, 'out');
    mkdirSync(out);
    setWriteFaultHook((step, path) => {
      if (step === 'link' && path.endsWith('ksec.answers.yaml')) writeFileSync(path, 'theirs\n');
    });
    await expect(writeFiles(files(out), { force: false })).rejects.toThrow(
      `cannot write ${join(out, 'ksec.answers.yaml')}: it appeared while ksec was writing; it was left alone: run again`,
    );
    expect(tree(dir)).toEqual({ 'out/': '', 'out/ksec.answers.yaml': 'theirs\n' });
  });

  it('abandonWrites (a signal) part-way removes what was staged and restores nothing it did not touch', async () => {
    const dir = scratch();
    const out = join(dir, 'out');
    mkdirSync(join(out, 'k8s'), { recursive: true });
    for (const file of files(out, 'old')) writeFileSync(file.path, file.content);
    const before = tree(dir);
    let during: Record<string, string> | undefined;
    let undone: ReturnType<typeof abandonWrites> | undefined;
    setWriteFaultHook((step, path) => {
      if (step === 'fsync' && path.includes('network-policies')) {
        expect(tempFiles(dir).length).toBeGreaterThan(0);
        undone = abandonWrites();
        during = tree(dir);
        throw fsError('EINTR', 'fsync', path); // the process would have exited here
      }
    });
    await expect(writeFiles(files(out), { force: true })).rejects.toThrow();
    expect(undone).toEqual({ undone: 1, problems: [] });
    expect(during).toEqual(before);
    expect(tree(dir)).toEqual(before);
    expect(abandonWrites()).toEqual({ undone: 0, problems: [] });
  });
});
