import {
  type Alias,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import {
  DEFAULT_YAML_LIMITS,
  isMergeKey,
  keyOf,
  looksLikeJson,
  readYaml,
  resolveScalar,
  type YamlDocument,
  type YamlLimits,
} from '../input/yaml.ts';
import { blockEntry, flowYaml, scalarYaml } from '../input/yaml-emit.ts';
import type { AutoFix, DocPath, Finding } from '../model.ts';
import { formatPath } from '../model.ts';
import { isObject } from '../util/object.ts';

export interface FixResult {
  text: string;
  applied: Finding[];
  /** Fixable findings that could not be applied to the file as written, each with the reason. */
  skipped: SkippedFix[];
  /** Findings that have no automatic fix and still need a person. */
  remaining: Finding[];
}

export interface SkippedFix {
  finding: Finding;
  reason: string;
}

/** A replacement of `[start, end)` in the original text. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

interface Layout {
  json: boolean;
  eol: string;
  step: number;
  text: string;
  lineCounter: LineCounter;
}

/**
 * Applies the automatic fixes of a file's findings as text edits, so that everything they do not
 * change stays byte for byte: comments, quoting, anchors, tags, line endings, a BOM, number text, JSON
 * indentation. A new value for a scalar replaces just that scalar; a missing key is inserted beside its
 * siblings; a removed key takes its lines with it. A fix that does not fit the file as written (the
 * path runs through an alias or a merge, or a value on the way is not a mapping) is skipped with the
 * reason. Before returning, the edited text is read again: every document must be the original object
 * with only the fixed paths changed, or that document's edits are dropped. Findings of other files are
 * ignored. Never throws.
 */
export function applyFixes(
  text: string,
  file: string,
  findings: readonly Finding[],
  options: { limits?: YamlLimits } = {},
): FixResult {
  const own = findings.filter((f) => f.file === file);
  const fixable = own.filter((f) => f.autoFix !== undefined);
  const remaining = own.filter((f) => f.autoFix === undefined);
  if (fixable.length === 0) return { text, applied: [], skipped: [], remaining };
  const limits = options.limits ?? DEFAULT_YAML_LIMITS;
  try {
    return fixText(text, fixable, remaining, limits);
  } catch (error) {
    const reason = `internal error while fixing: ${(error as Error).message}`;
    return { text, applied: [], skipped: fixable.map((finding) => ({ finding, reason })), remaining };
  }
}

function fixText(text: string, fixable: Finding[], remaining: Finding[], limits: YamlLimits): FixResult {
  const stream = readYaml(text, limits);
  const layout: Layout = {
    json: looksLikeJson(text),
    eol: dominantEol(text),
    step: indentStep(text),
    text,
    lineCounter: stream.lineCounter,
  };
  const documents = new Map(stream.documents.map((d) => [d.index, d]));
  const skipped: SkippedFix[] = [];
  // Per document: the findings whose edits it carries, and the edits.
  const plans = new Map<
    number,
    { findings: Finding[]; fixes: { path: DocPath; fix: AutoFix }[]; edits: Edit[] }
  >();
  const seen = new Set<string>();
  for (const finding of fixable) {
    const autoFix = finding.autoFix as NonNullable<Finding['autoFix']>;
    const document = documents.get(finding.document);
    if (!document) {
      skipped.push({ finding, reason: 'its document could not be read (see the errors)' });
      continue;
    }
    const plan = plans.get(finding.document) ?? { findings: [], fixes: [], edits: [] };
    plans.set(finding.document, plan);
    const key = autoFix.path.join('\u0000');
    if (seen.has(`${finding.document}:${key}`)) {
      plan.findings.push(finding);
      continue;
    }
    seen.add(`${finding.document}:${key}`);
    const planned = planEdit(document, autoFix.path, autoFix.fix, layout);
    if ('reason' in planned) {
      skipped.push({ finding, reason: planned.reason });
      continue;
    }
    plan.findings.push(finding);
    plan.fixes.push(autoFix);
    plan.edits.push(...planned.edits);
  }

  // Insertions into the same mapping at the same place become one edit, so two new keys under a new
  // `securityContext` share it.
  for (const plan of plans.values()) plan.edits = mergeInsertions(plan.edits);

  let accepted = [...plans.entries()].filter(([, plan]) => plan.edits.length > 0);
  for (let attempt = 0; attempt < 3 && accepted.length > 0; attempt++) {
    const edits = accepted.flatMap(([, plan]) => plan.edits);
    const overlapping = overlaps(edits);
    const out = overlapping ? undefined : applyEdits(text, edits);
    const rejected =
      out === undefined ? accepted.map(([index]) => index) : verify(out, stream.documents, accepted, limits);
    if (rejected.length === 0 && out !== undefined) {
      return {
        text: out,
        applied: accepted.flatMap(([, plan]) => plan.findings),
        skipped,
        remaining,
      };
    }
    for (const index of rejected) {
      const plan = plans.get(index);
      for (const finding of plan?.findings ?? []) {
        skipped.push({
          finding,
          reason: overlapping
            ? 'its edit overlaps another fix in the same place'
            : 'the edited document would not read back as intended (a layout ksec cannot edit safely)',
        });
      }
    }
    accepted = accepted.filter(([index]) => !rejected.includes(index));
  }
  return { text, applied: [], skipped, remaining };
}

// ---------------------------------------------------------------------------------------------------
// Planning one fix.

type Planned = { edits: Edit[] } | { reason: string };

function planEdit(document: YamlDocument, path: DocPath, fix: AutoFix, layout: Layout): Planned {
  const aliases = document.aliases;
  const copied = new Set(aliases.values());
  let node: unknown = document.doc.contents;
  // The mapping pairs the walk went through, outermost first, and whether it is inside a flow collection.
  const pairs: { map: YAMLMap; pair: Pair }[] = [];
  let inFlow = false;
  for (const [depth, segment] of path.entries()) {
    const here = formatPath(path.slice(0, depth)) || 'the document';
    if (isAlias(node)) {
      return { reason: `${here} is an alias (*${node.source}): change the anchored value, or write it out` };
    }
    if (copied.has(node as Node)) return { reason: anchorReason(here, node) };
    if ((isMap(node) || isSeq(node)) && node.flow) inFlow = true;
    if (isMap(node)) {
      const pair = explicitPair(node, String(segment), aliases);
      if (!pair) {
        if (mergeProvides(node, String(segment), aliases)) {
          return {
            reason: `${formatPath(path.slice(0, depth + 1))} comes from a merge (<<): change it in the merged mapping`,
          };
        }
        if ('remove' in fix) return { edits: [] };
        return { edits: [insertion(node, nested(path.slice(depth), fix.set), layout)] };
      }
      pairs.push({ map: node, pair });
      node = pair.value;
      continue;
    }
    if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined || isPair(item))
        return { reason: `${here} has no item ${segment} ksec can edit` };
      node = item;
      continue;
    }
    const parent = pairs.at(-1);
    if (parent && isNullScalar(node) && parent.pair.value === node && 'set' in fix) {
      return { edits: [fillNull(node as Node, parent.map, nested(path.slice(depth), fix.set), layout)] };
    }
    return {
      reason: `${here} is ${describeNode(node)}, not a mapping or list, so ${formatPath(path)} cannot be set`,
    };
  }

  if (isAlias(node)) {
    return {
      reason: `${formatPath(path)} is an alias (*${node.source}): change the anchored value, or write it out`,
    };
  }
  if ('remove' in fix) {
    const own = pairs.at(-1);
    if (!own || own.pair.value !== node) return { reason: `${formatPath(path)} is not a mapping key` };
    return { edits: [removal(own.map, own.pair, pairs.at(-2), layout)] };
  }
  return { edits: [replacement(node as Node, fix.set, inFlow, layout)] };
}

function anchorReason(where: string, node: unknown): string {
  const anchor = (node as { anchor?: string }).anchor ?? '';
  return `${where} is the anchor &${anchor}, which an alias copies elsewhere: editing it would change every copy, so change it by hand`;
}

/** The pair the mapping itself writes for `key` (the last one, as the decoder keeps). */
function explicitPair(map: YAMLMap, key: string, aliases: ReadonlyMap<Alias, Node>): Pair | undefined {
  for (let i = map.items.length - 1; i >= 0; i--) {
    const pair = map.items[i] as Pair;
    if (!isMergeKey(pair.key) && keyOf(pair.key, aliases) === key) return pair;
  }
  return undefined;
}

function mergeProvides(map: YAMLMap, key: string, aliases: ReadonlyMap<Alias, Node>): boolean {
  return map.items.some((pair) => {
    if (!isMergeKey(pair.key)) return false;
    const value = isAlias(pair.value) ? aliases.get(pair.value) : pair.value;
    const sources = isSeq(value) ? value.items.map((i) => (isAlias(i) ? aliases.get(i) : i)) : [value];
    return sources.some(
      (source) =>
        isMap(source) && (explicitPair(source, key, aliases) || mergeProvides(source, key, aliases)),
    );
  });
}

function isNullScalar(node: unknown): boolean {
  if (!isScalar(node)) return false;
  const resolved = resolveScalar(node);
  return !('error' in resolved) && resolved.kind === 'null';
}

function describeNode(node: unknown): string {
  if (isScalar(node)) return `the scalar ${JSON.stringify(String(node.source ?? node.value)).slice(0, 40)}`;
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'a mapping';
  return 'empty';
}

/** `['a', 'b']` and `v` → `{a: {b: v}}`: what a missing path becomes. */
function nested(path: DocPath, value: unknown): Record<string, unknown> {
  let out: unknown = value;
  for (let i = path.length - 1; i >= 0; i--) out = { [String(path[i])]: out };
  return out as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------------
// Edits, in the file's own layout.

interface Insertion extends Edit {
  /** The keys this edit writes and how, so that two edits writing keys at one place become one. */
  into?: { entries: Record<string, unknown>; render: (entries: Record<string, unknown>) => string };
}

function keysAt(
  start: number,
  end: number,
  entries: Record<string, unknown>,
  render: (e: Record<string, unknown>) => string,
): Insertion {
  return { start, end, text: render(entries), into: { entries, render } };
}

function insertion(map: YAMLMap, entries: Record<string, unknown>, layout: Layout): Insertion {
  const at = insertPoint(map, layout);
  return keysAt(at, at, entries, (all) => insertText(map, all, layout));
}

function insertPoint(map: YAMLMap, layout: Layout): number {
  const { text } = layout;
  const last = map.items.at(-1);
  if (map.flow) {
    if (!last) return closingBrace(map, text);
    return end(last.value ?? last.key, text);
  }
  // After the line the last entry ends on (a block scalar's range ends after its line break).
  const lastEnd = last ? end(last.value ?? last.key, text) : (map.range?.[1] ?? 0);
  let at = text[lastEnd - 1] === '\n' ? lastEnd - 1 : text.indexOf('\n', lastEnd);
  if (at < 0) at = text.length;
  if (text[at - 1] === '\r') at -= 1;
  return at;
}

function insertText(map: YAMLMap, entries: Record<string, unknown>, layout: Layout): string {
  const first = map.items[0];
  if (map.flow) {
    const multiline = layout.text.slice(map.range?.[0] ?? 0, map.range?.[1] ?? 0).includes('\n');
    const indent = first && multiline ? columnOf(first.key, layout) : 0;
    const parts = Object.entries(entries).map(([key, value]) => flowEntry(key, value, layout, indent));
    if (!first) return parts.join(', ');
    return multiline
      ? parts.map((p) => `,${layout.eol}${' '.repeat(indent)}${p}`).join('')
      : parts.map((p) => `, ${p}`).join('');
  }
  const indent = first ? columnOf(first.key, layout) : 0;
  const lines = Object.entries(entries).flatMap(([key, value]) =>
    blockEntry(key, value, indent, layout.step),
  );
  return lines.map((line) => `${layout.eol}${line}`).join('');
}

function flowEntry(key: string, value: unknown, layout: Layout, indent: number): string {
  if (layout.json) {
    const json = JSON.stringify(value, null, layout.step)
      .split('\n')
      .join(`${layout.eol}${' '.repeat(indent)}`);
    return `${JSON.stringify(key)}: ${json}`;
  }
  return `${scalarYaml(key)}: ${flowYaml(value)}`;
}

/** `securityContext:` (or `~`, `null`) with keys to go under it. */
function fillNull(node: Node, parent: YAMLMap, entries: Record<string, unknown>, layout: Layout): Insertion {
  const [start, stop] = node.range ?? [0, 0];
  if (parent.flow || layout.json) {
    return keysAt(start, stop, entries, (all) => (layout.json ? JSON.stringify(all) : flowYaml(all)));
  }
  // From right after the `:` so no trailing blank is left on the key's line.
  let from = start;
  while (from > 0 && (layout.text[from - 1] === ' ' || layout.text[from - 1] === '\t')) from -= 1;
  const keyColumn = parent.items[0] ? columnOf(parent.items[0].key, layout) : 0;
  return keysAt(from, stop, entries, (all) =>
    Object.entries(all)
      .flatMap(([key, value]) => blockEntry(key, value, keyColumn + layout.step, layout.step))
      .map((line) => `${layout.eol}${line}`)
      .join(''),
  );
}

function replacement(node: Node, value: unknown, inFlow: boolean, layout: Layout): Edit {
  const [start, stop] = node.range ?? [0, 0];
  if (layout.json) return { start, end: stop, text: JSON.stringify(value) };
  const isCollection = typeof value === 'object' && value !== null;
  const isBlock = (isMap(node) || isSeq(node)) && !node.flow;
  if (isCollection && isBlock && !Array.isArray(value)) {
    // A block mapping replaced by a mapping keeps block style, at its own indentation.
    const column = columnOf(node, layout);
    const lines = Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      blockEntry(k, v, column, layout.step),
    );
    return {
      start,
      end: trimmedEnd(node as YAMLMap, layout.text),
      text: lines.join(layout.eol).slice(column),
    };
  }
  return {
    start,
    end: isMap(node) || isSeq(node) ? trimmedEnd(node, layout.text) : stop,
    text: isCollection ? flowYaml(value) : scalarYaml(value, inFlow ? 'flow' : 'block'),
  };
}

function removal(
  map: YAMLMap,
  pair: Pair,
  outer: { map: YAMLMap; pair: Pair } | undefined,
  layout: Layout,
): Edit {
  const { text } = layout;
  const index = map.items.indexOf(pair);
  if (map.items.length === 1) {
    // The mapping stays, empty: `key: {}` on the key's line when nothing but blanks stands between.
    const mapStart = (map.range ?? [0])[0];
    const keyEnd =
      (outer?.pair.value === map ? (outer.pair.key as Node | null)?.range?.[1] : undefined) ?? -1;
    const colon = keyEnd >= 0 ? text.indexOf(':', keyEnd) : -1;
    if (colon >= 0 && /^[ \t\r\n]*$/.test(text.slice(colon + 1, mapStart))) {
      return { start: colon + 1, end: trimmedEnd(map, text), text: ' {}' };
    }
    return { start: mapStart, end: trimmedEnd(map, text), text: '{}' };
  }
  if (map.flow) {
    const previous = map.items[index - 1];
    const next = map.items[index + 1];
    if (next)
      return { start: (pair.key as Node).range?.[0] ?? 0, end: (next.key as Node).range?.[0] ?? 0, text: '' };
    return {
      start: end(previous?.value ?? previous?.key, text),
      end: end(pair.value ?? pair.key, text),
      text: '',
    };
  }
  // Whole lines: from the start of the key's line to the end of the value's last line.
  const keyStart = (pair.key as Node).range?.[0] ?? 0;
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  const valueEnd = end(pair.value ?? pair.key, text);
  let lineEnd = text[valueEnd - 1] === '\n' ? valueEnd : text.indexOf('\n', valueEnd);
  lineEnd = lineEnd < 0 ? text.length : lineEnd + (text[lineEnd] === '\n' ? 1 : 0);
  return { start: lineStart, end: lineEnd, text: '' };
}

/** Where a node's own text ends (a collection's range can run on over trailing comments). */
function end(node: unknown, text: string): number {
  if (isMap(node) || isSeq(node)) return trimmedEnd(node, text);
  return (node as Node | null)?.range?.[1] ?? 0;
}

function trimmedEnd(node: YAMLMap | YAMLSeq, text: string): number {
  if (node.flow) return node.range?.[1] ?? 0;
  const last = node.items.at(-1);
  if (!last) return node.range?.[1] ?? 0;
  return isPair(last) ? end(last.value ?? last.key, text) : end(last, text);
}

function closingBrace(map: YAMLMap, text: string): number {
  const stop = map.range?.[1] ?? 0;
  return text.lastIndexOf('}', stop - 1);
}

function columnOf(node: unknown, layout: Layout): number {
  const offset = (node as Node | null)?.range?.[0] ?? 0;
  return layout.lineCounter.linePos(offset).col - 1;
}

function mergeInsertions(edits: Edit[]): Edit[] {
  const out: Edit[] = [];
  const byPlace = new Map<string, Insertion>();
  for (const edit of edits as Insertion[]) {
    if (!edit.into) {
      out.push(edit);
      continue;
    }
    const place = `${edit.start}:${edit.end}`;
    const existing = byPlace.get(place);
    if (!existing?.into) {
      byPlace.set(place, edit);
      out.push(edit);
      continue;
    }
    deepMerge(existing.into.entries, edit.into.entries);
    existing.text = existing.into.render(existing.into.entries);
  }
  return out;
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (isObject(current) && isObject(value)) deepMerge(current, value);
    else target[key] = value;
  }
}

function overlaps(edits: readonly Edit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1] as Edit, sorted[i] as Edit];
    if (b.start < a.end || (b.start === a.start && a.start === a.end && b.start === b.end)) return true;
  }
  return false;
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = '';
  let cursor = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

// ---------------------------------------------------------------------------------------------------
// Verification: the edited file must read back as the original with only the fixed paths changed.

function verify(
  out: string,
  before: readonly YamlDocument[],
  accepted: [number, { fixes: { path: DocPath; fix: AutoFix }[] }][],
  limits: YamlLimits,
): number[] {
  const after = new Map(readYaml(out, limits).documents.map((d) => [d.index, d.value]));
  const fixesByDoc = new Map(accepted.map(([index, plan]) => [index, plan.fixes]));
  const rejected = new Set<number>();
  for (const document of before) {
    const expected = structuredClone(document.value);
    const fixes = fixesByDoc.get(document.index) ?? [];
    let target = expected;
    for (const { path, fix } of fixes) target = applyToValue(target, path, fix);
    if (!sameValue(after.get(document.index), target)) {
      // A document without edits that changed means an edit spilled over: reject every edited one.
      if (fixes.length === 0) return accepted.map(([index]) => index);
      rejected.add(document.index);
    }
  }
  return [...rejected];
}

function applyToValue(root: unknown, path: DocPath, fix: AutoFix): unknown {
  if (path.length === 0) return 'set' in fix ? structuredClone(fix.set) : undefined;
  const container = (isObject(root) || Array.isArray(root) ? root : {}) as Record<string | number, unknown>;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (rest.length === 0 && 'remove' in fix) {
    delete container[head];
    return container;
  }
  const child = container[head];
  container[head] = applyToValue(child === null ? {} : child, rest, fix);
  return container;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameValue(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]));
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------

/** CRLF when most line breaks are CRLF. Counted with indexOf: no regular expression on the input. */
function dominantEol(text: string): string {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (text[i - 1] === '\r') crlf += 1;
    else lf += 1;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** The file's indentation step: the smallest indentation of a line that has one (2 when none). */
function indentStep(text: string): number {
  let step = 0;
  for (let i = 0; i < text.length && i < 200_000; i = text.indexOf('\n', i) + 1 || text.length) {
    let spaces = 0;
    while (text[i + spaces] === ' ') spaces += 1;
    const next = text[i + spaces];
    if (
      spaces > 0 &&
      next !== undefined &&
      next !== '\n' &&
      next !== '\r' &&
      next !== '-' &&
      (step === 0 || spaces < step)
    )
      step = spaces;
  }
  return step === 0 || step > 8 ? 2 : step;
}
