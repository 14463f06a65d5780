import { type Alias, isAlias, isMap, isPair, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { DocPath, ParseError, Position, SourceDocument } from '../model.ts';
import { KsecError } from '../util/errors.ts';
import { DEFAULT_YAML_LIMITS, isMergeKey, keyOf, readYaml, type YamlLimits } from './yaml.ts';

export interface ParsedFile {
  file: string;
  text: string;
  documents: SourceDocument[];
  errors: ParseError[];
}

/**
 * Parses every document of a file as kubectl and kops read it (input/yaml.ts). A broken document is
 * reported with its line and column and left out; the others are still returned, so one typo does not
 * hide the rest of the file. JSON is YAML flow syntax, so the same reader reads both. Never throws.
 */
export function parseSource(
  text: string,
  file: string,
  limits: YamlLimits = DEFAULT_YAML_LIMITS,
): ParsedFile {
  const stream = readYaml(text, limits);
  const { lineCounter } = stream;
  const errors = stream.errors.map((error): ParseError => {
    const pos = lineCounter.linePos(error.offset);
    return { file, line: pos.line, column: pos.col, message: error.message, document: error.document };
  });
  const documents = stream.documents.map(
    (document): SourceDocument => ({
      file,
      index: document.index,
      doc: document.doc,
      lineCounter,
      value: document.value,
      aliases: document.aliases,
    }),
  );
  return { file, text, documents, errors };
}

/**
 * The value of a file that must hold one YAML document (ksec's own config and answers files), read
 * as the rest of ksec reads YAML; an error is a KsecError at its `file:line:column`.
 */
export function readSingleDocument(text: string, file: string): unknown {
  const parsed = parseSource(text, file);
  const error = parsed.errors[0];
  if (error) throw new KsecError(`${file}:${error.line}:${error.column}: ${error.message}`);
  if (parsed.documents.length > 1) throw new KsecError(`${file}: expected a single YAML document`);
  return parsed.documents[0]?.value ?? null;
}

/**
 * Where a path points in the document: the key of the deepest node that exists on the path.
 * When the full path exists this is the offending key; when the key is missing it is the parent
 * mapping's key (or the document start). A value that comes from an alias or a merge points where
 * it is written: inside the anchored node.
 */
export function positionOf(source: SourceDocument, path: DocPath): Position {
  let node: unknown = source.doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const segment of path) {
    node = deref(node, source.aliases);
    if (isMap(node)) {
      const pair = effectivePair(node, String(segment), source.aliases, 0);
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      // `[a: 1]`: the pair stands for a one-key mapping.
      node = isPair(item) ? { items: [item], single: true } : item;
    } else if (isSinglePairMap(node)) {
      const pair = node.items[0];
      if (!pair || keyOf(pair.key, source.aliases) !== String(segment)) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else {
      break;
    }
  }
  const pos = source.lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function isSinglePairMap(node: unknown): node is { items: [Pair]; single: true } {
  return typeof node === 'object' && node !== null && (node as { single?: boolean }).single === true;
}

function deref(node: unknown, aliases: ReadonlyMap<Alias, Node>): unknown {
  // Aliases of aliases do not exist (an anchor is on a node), so one step is enough.
  return isAlias(node) ? aliases.get(node) : node;
}

/**
 * The pair whose value the key ends up with, following the decoder: the last assignment in document
 * order wins, a merge assigns its source's keys where it stands, and the first of several merge
 * sources takes precedence.
 */
function effectivePair(
  map: YAMLMap,
  key: string,
  aliases: ReadonlyMap<Alias, Node>,
  depth: number,
): Pair | undefined {
  // Readable documents nest boundedly (input/yaml.ts checked them); this guards the recursion anyway.
  if (depth > 64) return undefined;
  for (let i = map.items.length - 1; i >= 0; i--) {
    const pair = map.items[i] as Pair;
    if (isMergeKey(pair.key)) {
      const value = deref(pair.value, aliases);
      const sources = isSeq(value) ? value.items.map((item) => deref(item, aliases)) : [value];
      for (const merged of sources) {
        if (!isMap(merged)) continue;
        const found = effectivePair(merged, key, aliases, depth + 1);
        if (found) return found;
      }
    } else if (keyOf(pair.key, aliases) === key) {
      return pair;
    }
  }
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
