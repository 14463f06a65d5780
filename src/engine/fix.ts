import { type Document, isScalar, parseAllDocuments, stringify } from 'yaml';
import type { Finding } from '../rules/types.ts';

export interface FixResult {
  text: string;
  applied: Finding[];
  /** Findings that have no automatic fix and still need a person. */
  remaining: Finding[];
}

/** A replacement of `[start, end)` in the original text. */
interface Patch {
  start: number;
  end: number;
  text: string;
  document: number;
}

/**
 * Applies the automatic fixes of a file's findings to its text, changing as little of it as it can:
 * a new value for an existing scalar replaces just that scalar, so everything else stays byte for
 * byte (comments, blank lines, quoting, flow style). A fix that adds, replaces or removes a
 * collection goes through the YAML document model, and only that document is written again (still
 * with its comments and key order). Findings of other files are ignored.
 */
export function applyFixes(text: string, file: string, findings: readonly Finding[]): FixResult {
  const own = findings.filter((f) => f.file === file);
  const fixable = own.filter((f) => f.autoFix !== undefined);
  if (fixable.length === 0) return { text, applied: [], remaining: own };
  const parsed = parseAllDocuments(text);
  const docs: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  const isJson = /^\s*[[{]/.test(text);
  const applied: Finding[] = [];
  const seen = new Set<string>();
  const patches: Patch[] = [];
  const rewritten = new Set<number>();
  for (const finding of fixable) {
    const doc = docs[finding.document];
    const autoFix = finding.autoFix;
    if (!doc || !autoFix || doc.errors.length > 0) continue;
    const key = `${finding.document}:${autoFix.path.join('\u0000')}`;
    if (!seen.has(key)) {
      seen.add(key);
      if ('set' in autoFix.fix) {
        const value = autoFix.fix.set;
        const isCollection = typeof value === 'object' && value !== null;
        const node = doc.getIn(autoFix.path, true);
        if (!isCollection && isScalar(node) && node.range) {
          patches.push({
            start: node.range[0],
            end: node.range[1],
            text: scalarText(value, isJson),
            document: finding.document,
          });
        } else {
          rewritten.add(finding.document);
        }
        // The model follows every change, for a document that is written again as a whole.
        setCreating(doc, autoFix.path, isCollection ? doc.createNode(value) : value);
      } else {
        doc.deleteIn(autoFix.path);
        rewritten.add(finding.document);
      }
    }
    applied.push(finding);
  }
  const out =
    rewritten.size === 0
      ? patchText(text, patches)
      : isJson
        ? docs.map((doc) => `${JSON.stringify(doc.toJS(), null, 2)}\n`).join('')
        : rewriteDocuments(text, docs, rewritten, patches);
  return { text: out, applied, remaining: own.filter((f) => !applied.includes(f)) };
}

/**
 * `doc.setIn`, except that an empty value on the way (`securityContext:` with nothing under it, or
 * `~`) becomes a mapping instead of making the YAML library throw.
 */
function setCreating(doc: Document.Parsed, path: readonly (string | number)[], value: unknown): void {
  for (let depth = 1; depth < path.length; depth++) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isScalar(node) && (node.value === null || node.value === undefined)) {
      doc.setIn(path.slice(0, depth), doc.createNode({}));
    }
  }
  doc.setIn(path, value);
}

function scalarText(value: unknown, isJson: boolean): string {
  return isJson ? JSON.stringify(value) : stringify(value).trimEnd();
}

function patchText(text: string, patches: readonly Patch[]): string {
  let out = text;
  for (const patch of [...patches].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, patch.start) + patch.text + out.slice(patch.end);
  }
  return out;
}

/**
 * Writes the rewritten documents again from the model (with their comments and key order) and keeps
 * every other document as it was, scalar patches aside. The file is cut at the `---` lines, so the
 * separators and the blank lines between documents stay where they were.
 */
function rewriteDocuments(
  text: string,
  docs: readonly Document.Parsed[],
  rewritten: ReadonlySet<number>,
  patches: readonly Patch[],
): string {
  const regions = documentRegions(text, docs);
  // A layout the cut cannot follow (`--- value` on one line, `...` markers): write every document again.
  if (!regions) return docs.map((doc, i) => serialise(doc, i, indentsSequences(text))).join('');
  return regions
    .map(({ start, end }, index) => {
      const original = text.slice(start, end);
      if (!rewritten.has(index)) {
        const own = patches
          .filter((p) => p.document === index)
          .map((p) => ({ ...p, start: p.start - start, end: p.end - start }));
        return patchText(original, own);
      }
      const body = serialise(docs[index] as Document.Parsed, index, indentsSequences(original));
      // serialise ends with one line break; keep the original's blank lines before the next `---`.
      const ending = /\n(?:[ \t]*\n)*$/.exec(original)?.[0] ?? '';
      return body.replace(/\n$/, '') + ending;
    })
    .join('');
}

/** Where each document's text starts and ends: at the start of the `---` line that opens the next one. */
function documentRegions(
  text: string,
  docs: readonly Document.Parsed[],
): { start: number; end: number }[] | undefined {
  if (/^\.\.\.[ \t]*$/m.test(text)) return undefined;
  const markers = [...text.matchAll(/^---[ \t]*(?:#.*)?$/gm)].map((m) => m.index);
  const starts: number[] = [0];
  for (let i = 1; i < docs.length; i++) {
    const previousEnd = docs[i - 1]?.contents?.range?.[2];
    const contentStart = docs[i]?.contents?.range?.[0];
    if (previousEnd === undefined || contentStart === undefined) return undefined;
    const marker = markers.filter((m) => m >= previousEnd && m < contentStart).at(-1);
    if (marker === undefined) return undefined;
    starts.push(marker);
  }
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? text.length }));
}

/** kops writes `- item` flush with its key; most Kubernetes YAML indents it. Follow the text. */
function indentsSequences(text: string): boolean {
  return !/^( *)[\w"'.-]+:\n\1- /m.test(text);
}

function serialise(doc: Document.Parsed, index: number, indentSeq: boolean): string {
  const body = doc.toString({ lineWidth: 0, indentSeq });
  // The first document keeps whatever start it had; later ones need their separator back.
  if (index > 0 && !body.startsWith('---')) return `---\n${body}`;
  return body;
}
