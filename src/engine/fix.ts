import { type Document, parseAllDocuments } from 'yaml';
import type { Finding } from '../rules/types.ts';

export interface FixResult {
  text: string;
  applied: Finding[];
  /** Findings that have no automatic fix and still need a person. */
  remaining: Finding[];
}

/**
 * Applies the automatic fixes of a file's findings to its text through the YAML document model,
 * so comments and the order of keys survive. Findings of other files are ignored.
 */
export function applyFixes(text: string, file: string, findings: readonly Finding[]): FixResult {
  const own = findings.filter((f) => f.file === file);
  const fixable = own.filter((f) => f.autoFix !== undefined);
  if (fixable.length === 0) return { text, applied: [], remaining: own };
  const parsed = parseAllDocuments(text);
  const docs: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  const applied: Finding[] = [];
  const seen = new Set<string>();
  for (const finding of fixable) {
    const doc = docs[finding.document];
    const autoFix = finding.autoFix;
    if (!doc || !autoFix || doc.errors.length > 0) continue;
    const key = `${finding.document}:${autoFix.path.join('\u0000')}`;
    if (!seen.has(key)) {
      seen.add(key);
      // A plain value updates the scalar in place and keeps its comment; collections need a node.
      const value = 'set' in autoFix.fix ? autoFix.fix.set : undefined;
      if ('set' in autoFix.fix)
        doc.setIn(autoFix.path, typeof value === 'object' && value !== null ? doc.createNode(value) : value);
      else doc.deleteIn(autoFix.path);
    }
    applied.push(finding);
  }
  const isJson = /^\s*[[{]/.test(text);
  const indentSeq = !/^( *)[\w"'.-]+:\n\1- /m.test(text);
  const out = isJson
    ? docs.map((doc) => `${JSON.stringify(doc.toJS(), null, 2)}\n`).join('')
    : docs.map((doc, i) => serialise(doc, i, indentSeq)).join('');
  return { text: out, applied, remaining: own.filter((f) => !applied.includes(f)) };
}

/** Keeps the file's own style of sequence indentation (kops writes `- item` flush with its key). */
function serialise(doc: Document.Parsed, index: number, indentSeq: boolean): string {
  const body = doc.toString({ lineWidth: 0, indentSeq });
  // The first document keeps whatever start it had; later ones need their separator back.
  if (index > 0 && !body.startsWith('---')) return `---\n${body}`;
  return body;
}
