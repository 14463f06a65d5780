// A unified diff of two texts, as `diff -u` and `git diff` print it, for `ksec diff --fix --dry-run`.
// Lines are compared with Myers' algorithm (its cost grows with the size of the change, and a fix
// changes a few lines of a file), then grouped into hunks with three lines of context.

/** The edit script: for each line of the result, kept from `a`, taken out of `a`, or added from `b`. */
type Edit = { op: ' ' | '-' | '+'; line: string };

function myers(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[k - 1 + max] as number) < (v[k + 1 + max] as number));
      let x = down ? (v[k + 1 + max] as number) : (v[k - 1 + max] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + max] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, max, d);
    }
  }
  return [];
}

function backtrack(
  trace: readonly Int32Array[],
  a: readonly string[],
  b: readonly string[],
  max: number,
  last: number,
): Edit[] {
  const edits: Edit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = last; d > 0; d--) {
    const v = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (v[k - 1 + max] as number) < (v[k + 1 + max] as number));
    const previousK = down ? k + 1 : k - 1;
    const previousX = v[previousK + max] as number;
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      edits.push({ op: ' ', line: a[--x] as string });
      y--;
    }
    if (down) edits.push({ op: '+', line: b[--y] as string });
    else edits.push({ op: '-', line: a[--x] as string });
  }
  while (x > 0 && y > 0) {
    edits.push({ op: ' ', line: a[--x] as string });
    y--;
  }
  return edits.reverse();
}

/** Lines of a text, each without its line break; a last line without one is marked as diff marks it. */
function lines(text: string): { lines: string[]; endsWithBreak: boolean } {
  const endsWithBreak = text.endsWith('\n');
  const body = endsWithBreak ? text.slice(0, -1) : text;
  return { lines: body === '' && endsWithBreak ? [''] : text === '' ? [] : body.split('\n'), endsWithBreak };
}

/**
 * `--- a/FILE` / `+++ b/FILE` and the hunks that turn `before` into `after`; empty when they are the
 * same. A line break at the end of a line stays part of it (`\r` of CRLF included).
 */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = lines(before);
  const b = lines(after);
  const edits = myers(a.lines, b.lines);
  const out = [`--- a/${file}`, `+++ b/${file}`];
  let i = 0;
  let aLine = 0;
  let bLine = 0;
  const positions = edits.map((edit) => {
    const at = { a: aLine, b: bLine };
    if (edit.op !== '+') aLine++;
    if (edit.op !== '-') bLine++;
    return at;
  });
  while (i < edits.length) {
    if ((edits[i] as Edit).op === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while the next change is within twice the context.
    for (let j = i; j < edits.length; j++) {
      if ((edits[j] as Edit).op !== ' ') end = j;
      else if (j - end > 2 * context) break;
    }
    const stop = Math.min(edits.length, end + context + 1);
    const hunk = edits.slice(start, stop);
    const first = positions[start] as { a: number; b: number };
    const aCount = hunk.filter((e) => e.op !== '+').length;
    const bCount = hunk.filter((e) => e.op !== '-').length;
    out.push(
      `@@ -${first.a + (aCount > 0 ? 1 : 0)},${aCount} +${first.b + (bCount > 0 ? 1 : 0)},${bCount} @@`,
    );
    for (const [offset, edit] of hunk.entries()) {
      out.push(`${edit.op}${edit.line}`);
      const at = positions[start + offset] as { a: number; b: number };
      const lastOfA = edit.op !== '+' && at.a === a.lines.length - 1 && !a.endsWithBreak;
      const lastOfB = edit.op !== '-' && at.b === b.lines.length - 1 && !b.endsWithBreak;
      if (lastOfA || lastOfB) out.push('\\ No newline at end of file');
    }
    i = stop;
  }
  return `${out.join('\n')}\n`;
}
