import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
} from 'yaml';
import type { DocPath } from '../rules/types.ts';

/** One YAML (or JSON) document of an input file, with what is needed to point at its lines. */
export interface SourceDocument {
  file: string;
  /** 0-based index of the document in its file. */
  index: number;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The plain value, or undefined when the document failed to parse. */
  value: unknown;
}

export interface ParseError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface ParsedFile {
  file: string;
  text: string;
  documents: SourceDocument[];
  errors: ParseError[];
}

/**
 * Parses every document of a file. A broken document is reported with its line and column
 * and left out; the others are still returned, so one typo does not hide the rest of the file.
 * JSON is valid YAML 1.2 flow syntax, so the same parser reads both.
 */
export function parseSource(text: string, file: string): ParsedFile {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const docs = Array.isArray(parsed) ? parsed : [];
  const errors: ParseError[] = [];
  const documents: SourceDocument[] = [];
  docs.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const pos = lineCounter.linePos(error.pos[0]);
        errors.push({ file, line: pos.line, column: pos.col, message: firstLine(error.message) });
      }
      return;
    }
    // An empty document (a stray `---`, a comment-only file) carries nothing to check.
    if (doc.contents === null) return;
    documents.push({ file, index, doc, lineCounter, value: doc.toJS({ maxAliasCount: 1000 }) });
  });
  return { file, text, documents, errors };
}

function firstLine(message: string): string {
  // yaml's messages carry "at line L, column C" plus a code excerpt; the CLI prints file:line:col itself.
  return (
    message
      .split('\n')[0]
      ?.replace(/ at line \d+, column \d+:?$/, '')
      .trim() ?? message
  );
}

export interface Position {
  line: number;
  column: number;
}

/**
 * Where a path points in the document: the key of the deepest node that exists on the path.
 * When the full path exists this is the offending key; when the key is missing it is the parent
 * mapping's key (or the document start).
 */
export function positionOf(source: SourceDocument, path: DocPath): Position {
  let node: unknown = source.doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(segment));
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  const pos = source.lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/**
 * `['spec', 'fileAssets', 0, 'roles']` → `spec.fileAssets[0].roles`;
 * `['metadata', 'annotations', 'a.b/c']` → `metadata.annotations["a.b/c"]`.
 */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    // A key with a dot or a space (an annotation, a label) is quoted so the path stays unambiguous.
    else if (/[.\s[\]"]/.test(segment)) out += `[${JSON.stringify(segment)}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
