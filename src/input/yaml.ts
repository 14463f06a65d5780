// YAML as kubectl, the API server and kops read it. They decode with sigs.k8s.io/yaml, which runs
// go-yaml v2 (go.yaml.in/yaml/v2 v2.4.2, a YAML 1.1 decoder) and converts the result to JSON. ksec
// must check the object the cluster receives, so this module reproduces that decoder's semantics on
// top of the `yaml` package's parser (which only tokenises and builds the tree here; every scalar is
// resolved below, never by the package's 1.2 schema):
// - scalars resolve by go-yaml v2's `resolve()` (resolve.go): yes/no/on/off/y/n are booleans, 0777 is
//   octal, 0x/0o/0b prefixes and `_` digit separators are integers, timestamps stay strings, there are
//   no base-60 numbers;
// - merge keys (`<<`) apply in document order, and a later key overrides an earlier one even when the
//   later one comes from a merge (decode.go `mapping`/`merge`); a sequence of merge sources gives the
//   first source precedence;
// - map keys become strings as sigs.k8s.io/yaml's convertToJSONableObject makes them (`on:` → "true");
// - anchors resolve to the nearest preceding definition, as go-yaml's parser does.
// Every way an input can make this expensive is bounded: nesting depth is checked on the token tree
// before any recursive step runs, and alias expansion has a node budget that counts every node an alias
// produces, empty collections included.
import {
  type Alias,
  Composer,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  type Node,
  type Pair,
  Parser,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { PlainObject } from '../util/object.ts';

export interface YamlLimits {
  /** Deepest nesting of mappings and sequences accepted, aliases included. */
  maxDepth: number;
  /** Nodes that alias expansion (including merges of aliases) may produce in one document. */
  maxAliasNodes: number;
}

export const DEFAULT_YAML_LIMITS: Readonly<YamlLimits> = Object.freeze({
  maxDepth: 256,
  maxAliasNodes: 100_000,
});

/** One document of a YAML stream: its tree (for positions and edits) and the value kubectl would send. */
export interface YamlDocument {
  /** 0-based index of the document in its stream. */
  index: number;
  doc: Document.Parsed;
  value: unknown;
  /** Each alias of the document and the anchored node it stands for. */
  aliases: ReadonlyMap<Alias, Node>;
}

export interface YamlError {
  /** Offset of the offending text in the input. */
  offset: number;
  /** Index of the document the error is in. */
  document: number;
  message: string;
}

export interface YamlStream {
  documents: YamlDocument[];
  errors: YamlError[];
  lineCounter: LineCounter;
}

/**
 * YAML 1.1 line breaks the `yaml` package (YAML 1.2) reads as ordinary characters: a lone CR, NEL,
 * LINE SEPARATOR and PARAGRAPH SEPARATOR. go-yaml breaks lines there, so a key after one of them is a
 * key to kubectl; each becomes `\n` (one UTF-16 unit for one, so every offset stays the same).
 */
const YAML_11_BREAKS = /\r(?!\n)|[\u0085\u2028\u2029]/g;

/**
 * The text as the parser must see it: YAML 1.1 line breaks made `\n`, offsets unchanged. JSON is left
 * alone: kubectl hands a stream that starts with `{` to Go's JSON decoder as it is (apimachinery's
 * yaml.ToJSON), where LINE SEPARATOR inside a string is just a character, and gcloud's JSON the same.
 */
function normaliseLineBreaks(text: string): string {
  return looksLikeJson(text) ? text : text.replace(YAML_11_BREAKS, '\n');
}

/** The first character after whitespace (and a BOM) opens a JSON object or array. */
export function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff') continue;
    return c === '{' || c === '[';
  }
  return false;
}

/**
 * Reads every document of a YAML (or JSON) stream. A broken document gives one positioned error and is
 * left out; the others are still read. Never throws for any input.
 */
export function readYaml(text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): YamlStream {
  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  (parser as unknown as { lexer: Lexer }).lexer = new Yaml11Lexer();
  const composer = new Composer({
    // Every scalar stays a string with its source and style; resolveScalar gives it its 1.1 type.
    schema: 'failsafe',
    // The package's duplicate-key check compares each key with every other (quadratic); keys are
    // checked while converting, with a set.
    uniqueKeys: false,
    // Anchors, aliases and merges are resolved while converting, within the budget.
    merge: false,
  });
  // What the token pass learnt about each document, in the order the composer yields them.
  const notes: TokenNotes[] = [];
  const composed: Document.Parsed[] = [];
  let version: { offset: number; version: string } | undefined;
  for (const token of parser.parse(normaliseLineBreaks(text))) {
    let input = token;
    if (token.type === 'directive' && token.source.startsWith('%YAML')) {
      version = { offset: token.offset, version: token.source.slice(5).trim().split(/\s/)[0] ?? '' };
    } else if (token.type === 'document') {
      const tooDeep = token.value ? firstTooDeep(token.value, limits.maxDepth) : undefined;
      // The tree builder recurses once per level: a document nested too deep is not built at all.
      if (tooDeep !== undefined) input = { ...token, value: undefined };
      notes.push({ ...(tooDeep === undefined ? {} : { tooDeep }), ...(version ? { version } : {}) });
      version = undefined;
    }
    composed.push(...composer.next(input));
  }
  // forceDoc: stray text with no document (a lone `]`) still yields one, carrying its error.
  composed.push(...composer.end(true, text.length));

  const documents: YamlDocument[] = [];
  const errors: YamlError[] = [];
  for (const [index, doc] of composed.entries()) {
    const problem = documentProblem(doc, notes[index] ?? {}, limits);
    if (problem) {
      errors.push({ ...problem, document: index });
      continue;
    }
    // An empty document (a stray `---`, a comment-only file) carries nothing.
    if (doc.contents === null) continue;
    const converted = toValue(doc, limits);
    if ('error' in converted) {
      errors.push({ offset: converted.offset, document: index, message: converted.error });
      continue;
    }
    documents.push({ index, doc, value: converted.value, aliases: converted.aliases });
  }
  return { documents, errors, lineCounter };
}

/**
 * The yaml package ends a quoted scalar at a continuation line indented less than its block (a YAML
 * 1.2 rule); libyaml, and so go-yaml and kubectl, only stop at a document marker. This lexer reads
 * `- "a long\n  text"` as they do. The two methods are the package's own (not in its typings).
 */
class Yaml11Lexer extends Lexer {
  constructor() {
    super();
    const lexer = this as unknown as {
      parseQuotedScalar: () => Generator<string, string>;
      continueScalar: (offset: number) => number;
      indentNext: number;
    };
    const parseQuotedScalar = lexer.parseQuotedScalar;
    const continueScalar = lexer.continueScalar;
    let quoted = false;
    lexer.parseQuotedScalar = function* () {
      quoted = true;
      try {
        return yield* parseQuotedScalar.call(lexer);
      } finally {
        quoted = false;
      }
    };
    lexer.continueScalar = (offset) => {
      if (!quoted) return continueScalar.call(lexer, offset);
      // As at the top level: only `---` and `...` at the start of a line end the scalar.
      const indentNext = lexer.indentNext;
      lexer.indentNext = 0;
      try {
        return continueScalar.call(lexer, offset);
      } finally {
        lexer.indentNext = indentNext;
      }
    };
  }
}

interface TokenNotes {
  tooDeep?: number;
  version?: { offset: number; version: string };
}

/** The one error a document gets before it is converted, if any. */
function documentProblem(
  doc: Document.Parsed,
  notes: TokenNotes,
  limits: YamlLimits,
): { offset: number; message: string } | undefined {
  if (notes.tooDeep !== undefined) {
    return { offset: notes.tooDeep, message: `nesting deeper than ${limits.maxDepth} levels` };
  }
  if (notes.version && notes.version.version !== '1.1') {
    return {
      offset: notes.version.offset,
      message: `%YAML ${notes.version.version}: kubectl and kops read YAML 1.1 only and refuse this document ("found incompatible YAML document")`,
    };
  }
  // One error per document: after the first, a parser's errors are mostly echoes of it.
  const first = doc.errors[0];
  return first ? { offset: first.pos[0], message: parserMessage(first.message) } : undefined;
}

function parserMessage(message: string): string {
  // yaml's messages carry "at line L, column C" plus a code excerpt; the caller prints the position.
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
}

// ---------------------------------------------------------------------------------------------------
// Depth, on the token tree (iterative: the input may nest 100,000 levels).

interface TokenLike {
  type: string;
  offset: number;
  value?: TokenLike;
  items?: { key?: TokenLike | null; value?: TokenLike }[];
}

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/** Offset of the first collection nested deeper than `maxDepth`, or undefined. */
function firstTooDeep(root: TokenLike, maxDepth: number): number | undefined {
  const stack: [TokenLike, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [token, parentDepth] = stack.pop() as [TokenLike, number];
    const depth = COLLECTIONS.has(token.type) ? parentDepth + 1 : parentDepth;
    if (depth > maxDepth) return token.offset;
    for (const item of token.items ?? []) {
      if (item.value) stack.push([item.value, depth]);
      if (item.key) stack.push([item.key, depth]);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Scalars, as go-yaml v2 resolves them.

const TAG = 'tag:yaml.org,2002:';
const STR = `${TAG}str`;
const BOOL = `${TAG}bool`;
const INT = `${TAG}int`;
const FLOAT = `${TAG}float`;
const NULL = `${TAG}null`;
const TIMESTAMP = `${TAG}timestamp`;
const BINARY = `${TAG}binary`;
const MERGE = `${TAG}merge`;
const RESOLVABLE = new Set([STR, BOOL, INT, FLOAT, NULL, TIMESTAMP]);

type Resolved =
  | { kind: 'str'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: number; unsigned: boolean }
  | { kind: 'float'; value: number }
  | { kind: 'null'; value: null };

const WORDS = new Map<string, Resolved>();
for (const [value, words] of [
  [true, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']],
  [false, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']],
] as const) {
  for (const word of words) WORDS.set(word, { kind: 'bool', value });
}
for (const word of ['', '~', 'null', 'Null', 'NULL']) WORDS.set(word, { kind: 'null', value: null });
for (const word of ['.nan', '.NaN', '.NAN']) WORDS.set(word, { kind: 'float', value: Number.NaN });
for (const word of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'])
  WORDS.set(word, { kind: 'float', value: Number.POSITIVE_INFINITY });
for (const word of ['-.inf', '-.Inf', '-.INF'])
  WORDS.set(word, { kind: 'float', value: Number.NEGATIVE_INFINITY });

/** The first character decides what a plain scalar may be (resolve.go `resolveTable`). */
function hintOf(text: string): 'S' | 'D' | 'M' | '.' | undefined {
  if (text === '') return 'M';
  const c = text[0] as string;
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return undefined;
}

const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+(?:_[0-9]+)*(?:[eE][-+]?[0-9]+(?:_[0-9]+)*)?$/;
/** go-yaml only tries layouts that start with a four-digit year and a dash. */
const TIMESTAMP_START = /^[0-9]{4}-/;
const TIMESTAMP_LAYOUTS = [
  /^\d{4}-\d{1,2}-\d{1,2}[Tt]\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/,
  /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?$/,
  /^\d{4}-\d{1,2}-\d{1,2}$/,
];

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt(text, 0, 64), then ParseUint: base prefixes 0x, 0o, 0b and a leading 0 (octal). */
function parseGoInt(text: string): { value: number; unsigned: boolean } | undefined {
  const match = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!match) return undefined;
  const [, sign, digits = ''] = match;
  let magnitude: bigint;
  if (/^0[oO]/.test(digits)) magnitude = BigInt(`0o${digits.slice(2)}`);
  else if (/^0[0-7]+$/.test(digits)) magnitude = BigInt(`0o${digits.slice(1)}`);
  else magnitude = BigInt(digits.toLowerCase());
  const signed = sign === '-' ? -magnitude : magnitude;
  if (signed >= INT64_MIN && signed <= INT64_MAX) return { value: Number(signed), unsigned: false };
  if (sign === '' && signed <= UINT64_MAX) return { value: Number(signed), unsigned: true };
  return undefined;
}

function resolvePlain(text: string, tag: string): Resolved {
  const hint = hintOf(text);
  if (hint === undefined || tag === STR) return { kind: 'str', value: text };
  const word = WORDS.get(text);
  if (word) return word;
  if (hint === '.') {
    if (DOT_FLOAT.test(text)) return finiteFloat(Number(text.replaceAll('_', '')), text);
    return { kind: 'str', value: text };
  }
  if (hint === 'D' || hint === 'S') {
    // Timestamps resolve as such, and go-yaml hands them to an interface{} as the original string.
    if (
      (tag === '' || tag === TIMESTAMP) &&
      TIMESTAMP_START.test(text) &&
      TIMESTAMP_LAYOUTS.some((l) => l.test(text))
    )
      return { kind: 'str', value: text };
    const plain = text.replaceAll('_', '');
    const int = parseGoInt(plain);
    if (int) return { kind: 'int', ...int };
    if (YAML_STYLE_FLOAT.test(plain)) return finiteFloat(Number(plain), text);
  }
  return { kind: 'str', value: text };
}

/** strconv.ParseFloat fails on overflow, and go-yaml then keeps the text as a string. */
function finiteFloat(value: number, text: string): Resolved {
  return Number.isFinite(value) ? { kind: 'float', value } : { kind: 'str', value: text };
}

const SHORT_TAGS: Record<string, string> = {
  str: 'str',
  bool: 'bool',
  int: 'int',
  float: 'float',
  null: 'null',
};

function shortTag(tag: string): string {
  return tag.startsWith(TAG) ? `!!${SHORT_TAGS[tag.slice(TAG.length)] ?? tag.slice(TAG.length)}` : tag;
}

function resolvedTag(resolved: Resolved): string {
  return `${TAG}${resolved.kind}`;
}

/** A scalar node's value as go-yaml v2 decodes it into an interface{}; a string on a type error. */
export function resolveScalar(node: Scalar): Resolved | { error: string } {
  const text = String(node.source ?? node.value ?? '');
  const tag = node.tag ?? '';
  // An untagged quoted or block scalar is a string; a plain one (or `!`) is resolved.
  const plain = node.type === 'PLAIN' || node.type === undefined;
  if (tag === '' && !plain) return { kind: 'str', value: text };
  if (tag === BINARY) {
    const data = text.replace(/[\r\n]/g, '');
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(data))
      return { error: '!!binary value contains invalid base64 data' };
    return { kind: 'str', value: Buffer.from(data, 'base64').toString('utf8') };
  }
  if (tag === '!' || (tag !== '' && !RESOLVABLE.has(tag))) return { kind: 'str', value: text };
  const resolved = resolvePlain(text, tag);
  if (tag === '' || tag === STR) return tag === STR ? { kind: 'str', value: text } : resolved;
  if (tag === TIMESTAMP && TIMESTAMP_LAYOUTS.some((l) => l.test(text))) return { kind: 'str', value: text };
  if (resolvedTag(resolved) === tag) return resolved;
  if (tag === FLOAT && resolved.kind === 'int') return { kind: 'float', value: resolved.value };
  return { error: `cannot decode ${shortTag(resolvedTag(resolved))} \`${text}\` as a ${shortTag(tag)}` };
}

// ---------------------------------------------------------------------------------------------------
// Keys, as sigs.k8s.io/yaml turns them into JSON object keys.

/** Go's strconv.FormatFloat(f, 'g', -1, 32): the shortest float32 form, with an exponent from 1e6 and below 1e-4. */
function formatFloat32(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Number.POSITIVE_INFINITY) return '.inf';
  if (value === Number.NEGATIVE_INFINITY) return '-.inf';
  const single = Math.fround(value);
  if (single === 0) return Object.is(single, -0) ? '-0' : '0';
  let digits = '';
  for (let precision = 1; precision <= 9; precision++) {
    digits = single.toPrecision(precision);
    if (Math.fround(Number(digits)) === single) break;
  }
  const [mantissa = '', exponentText] = Number(digits).toExponential().split('e');
  const exponent = Number(exponentText);
  // strconv's %g with the shortest precision switches to an exponent outside [1e-4, 1e6).
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(Number(digits));
}

function keyString(resolved: Resolved): string | { error: string } {
  switch (resolved.kind) {
    case 'str':
      return resolved.value;
    case 'bool':
      return resolved.value ? 'true' : 'false';
    case 'int':
      return resolved.unsigned ? { error: 'unsupported map key of type uint64' } : String(resolved.value);
    case 'float':
      return formatFloat32(resolved.value);
    case 'null':
      return { error: 'unsupported map key of type <nil>: a mapping key must have a value' };
  }
}

// ---------------------------------------------------------------------------------------------------
// Documents → values.

class ReadError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

type Converted = { value: unknown; aliases: Map<Alias, Node> } | { error: string; offset: number };

function offsetOf(node: unknown, fallback = 0): number {
  return (node as { range?: [number, number, number] } | null)?.range?.[0] ?? fallback;
}

/** Alias → node, by the nearest preceding anchor in document order (go-yaml resolves them as it parses). */
function resolveAliases(root: unknown): Map<Alias, Node> {
  const anchors = new Map<string, Node>();
  const aliases = new Map<Alias, Node>();
  // Pre-order, keys before values: the order go-yaml's parser meets anchors and aliases in.
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) throw new ReadError(`unknown anchor '${node.source}' referenced`, offsetOf(node));
      aliases.set(node, target);
      continue;
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) anchors.set(anchor, node as Node);
    if (isMap(node) || isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    } else if (isPair(node)) {
      stack.push(node.value, node.key);
    }
  }
  return aliases;
}

function toValue(doc: Document.Parsed, limits: YamlLimits): Converted {
  try {
    const aliases = resolveAliases(doc.contents);
    const converter = new Converter(aliases, limits);
    return { value: converter.value(doc.contents, 0), aliases };
  } catch (error) {
    if (error instanceof ReadError) return { error: error.message, offset: error.offset };
    // A RangeError here would mean a bound above failed; report it as this document's error.
    return {
      error: `cannot read this document: ${(error as Error).message}`,
      offset: offsetOf(doc.contents),
    };
  }
}

/** A fresh, ordinary object (messages and reports may print it as `[object Object]`). */
function newObject(): PlainObject {
  return {};
}

class Converter {
  private aliasNodes = 0;
  private aliasDepth = 0;
  /** Where the outermost alias being expanded is written: what a budget error points at. */
  private aliasStart = 0;
  /** Anchored nodes being expanded on the current path: an alias to one of them is a cycle. */
  private readonly open = new Set<Node>();

  constructor(
    private readonly aliases: ReadonlyMap<Alias, Node>,
    private readonly limits: YamlLimits,
  ) {}

  private count(): void {
    if (this.aliasDepth === 0) return;
    this.aliasNodes += 1;
    if (this.aliasNodes > this.limits.maxAliasNodes) {
      throw new ReadError(
        `aliases expand to more than ${this.limits.maxAliasNodes} nodes: refused as an alias bomb`,
        this.aliasStart,
      );
    }
  }

  value(node: unknown, depth: number): unknown {
    if (node === null || node === undefined) return null;
    this.count();
    if (isAlias(node)) return this.alias(node, (target) => this.value(target, depth));
    if (isScalar(node)) {
      const resolved = resolveScalar(node);
      if ('error' in resolved) throw new ReadError(resolved.error, offsetOf(node));
      if (resolved.kind === 'float' && !Number.isFinite(resolved.value)) {
        throw new ReadError(
          `${String(node.source)} is not a JSON number: kubectl and kops cannot convert this document to JSON`,
          offsetOf(node),
        );
      }
      return resolved.value;
    }
    if (depth + 1 > this.limits.maxDepth) {
      throw new ReadError(
        `nesting deeper than ${this.limits.maxDepth} levels (through aliases)`,
        offsetOf(node),
      );
    }
    if (isMap(node)) {
      const out = newObject();
      this.fillMap(node, out, new Set(), depth + 1);
      return out;
    }
    if (isSeq(node)) return this.seq(node, depth + 1);
    throw new ReadError('unexpected node', offsetOf(node));
  }

  private alias<T>(node: Alias, use: (target: Node) => T): T {
    const target = this.aliases.get(node);
    if (!target) throw new ReadError(`unknown anchor '${node.source}' referenced`, offsetOf(node));
    if (this.open.has(target))
      throw new ReadError(`anchor '${node.source}' value contains itself`, offsetOf(node));
    this.open.add(target);
    if (this.aliasDepth === 0) this.aliasStart = offsetOf(node);
    this.aliasDepth += 1;
    try {
      return use(target);
    } finally {
      this.aliasDepth -= 1;
      this.open.delete(target);
    }
  }

  private seq(node: YAMLSeq, depth: number): unknown[] {
    const out: unknown[] = [];
    for (const item of node.items) {
      // `[a: 1]`: a single-pair mapping inside a flow sequence.
      if (isPair(item)) {
        this.count();
        const map = newObject();
        this.assign(map, item, new Set(), depth + 1);
        out.push(map);
      } else {
        out.push(this.value(item, depth));
      }
    }
    return out;
  }

  /**
   * Fills `out` from a mapping's pairs in order (decode.go `mapping`): a merge key copies its source's
   * keys at that point, so it overrides the keys before it and is overridden by the keys after it.
   * `explicit` holds this mapping's own keys, to refuse duplicates (merged keys are not duplicates).
   */
  private fillMap(node: YAMLMap, out: PlainObject, explicit: Set<string>, depth: number): void {
    for (const pair of node.items) this.assign(out, pair, explicit, depth);
  }

  private assign(out: PlainObject, pair: Pair, explicit: Set<string>, depth: number): void {
    if (isMergeKey(pair.key)) {
      this.merge(pair.value, out, depth, pair);
      return;
    }
    this.count();
    const key = this.key(pair.key);
    if (explicit.has(key)) {
      throw new ReadError(
        `duplicate key '${key}' (kubectl with --validate=strict refuses it; otherwise one of them is silently lost)`,
        offsetOf(pair.key),
      );
    }
    explicit.add(key);
    setKey(out, key, this.value(pair.value, depth));
  }

  private key(node: unknown): string {
    if (node === null || node === undefined) {
      throw new ReadError(
        'a mapping key must have a value (unsupported map key of type <nil>)',
        offsetOf(node),
      );
    }
    if (isAlias(node)) return this.alias(node, (target) => this.key(target));
    if (!isScalar(node))
      throw new ReadError('invalid map key: a mapping or sequence cannot be a key', offsetOf(node));
    const resolved = resolveScalar(node);
    if ('error' in resolved) throw new ReadError(resolved.error, offsetOf(node));
    const key = keyString(resolved);
    if (typeof key !== 'string') throw new ReadError(key.error, offsetOf(node));
    return key;
  }

  /** decode.go `merge`: a mapping, an alias of one, or a sequence of those (the first takes precedence). */
  private merge(source: unknown, out: PlainObject, depth: number, pair: Pair): void {
    const wantMap = () =>
      new ReadError(
        'map merge requires a mapping or a sequence of mappings as the value',
        offsetOf(source, offsetOf(pair.key)),
      );
    const mergeOne = (item: unknown) => {
      if (isAlias(item)) {
        this.count();
        this.alias(item, (target) => {
          if (!isMap(target)) throw wantMap();
          this.count();
          this.fillMap(target, out, new Set(), depth);
        });
      } else if (isMap(item)) {
        this.count();
        this.fillMap(item, out, new Set(), depth);
      } else {
        throw wantMap();
      }
    };
    if (isSeq(source)) {
      this.count();
      for (let i = source.items.length - 1; i >= 0; i--) mergeOne(source.items[i]);
    } else {
      mergeOne(source);
    }
  }
}

/** `<<` as a plain scalar, or tagged `!!merge` (decode.go `isMerge`); a quoted "<<" is an ordinary key. */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key) || String(key.source ?? key.value) !== '<<') return false;
  return key.tag === MERGE || (!key.tag && (key.type === 'PLAIN' || key.type === undefined));
}

/** Sets a key; `__proto__` becomes an own key holding data, never the object's prototype. */
function setKey(out: PlainObject, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** A key node's text as a JSON object key, or undefined for a key that is not a scalar. */
export function keyOf(node: unknown, aliases: ReadonlyMap<Alias, Node>): string | undefined {
  const target = isAlias(node) ? aliases.get(node) : node;
  if (!isScalar(target)) return undefined;
  const resolved = resolveScalar(target);
  if ('error' in resolved) return undefined;
  const key = keyString(resolved);
  return typeof key === 'string' ? key : undefined;
}

/** How go-yaml resolves `text` written as an untagged plain scalar. */
export function resolvePlainText(text: string): Resolved {
  return resolvePlain(text, '');
}

export { formatFloat32, isMergeKey };
