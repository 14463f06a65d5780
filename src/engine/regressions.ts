import deepDiff from 'deep-diff';
import type { CheckResult, DocPath, Finding, Subject } from '../model.ts';
import { formatPath } from '../model.ts';
import { podMetadataPath, podSpecPath } from '../providers/workload/pod.ts';
import { catalog, getRule } from '../rules/index.ts';
import type { Rule } from '../rules/types.ts';
import { compareText } from './results.ts';

/** One change between two versions of a spec at a path some rule reads. */
export interface SpecChange {
  object: string;
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
  /** The rules that read this path. */
  ruleIds: string[];
}

export interface RegressionReport {
  /** Findings of the new version that the baseline did not have. */
  introduced: Finding[];
  /** Findings of the baseline that the new version no longer has. */
  resolved: Finding[];
  /** Security-relevant changes between the versions, matched by object (kind/name). */
  changes: SpecChange[];
}

/**
 * A baseline made ready to compare many results with: its findings' identities and its objects by
 * name are indexed once, so comparing one file costs that file's findings and objects, not the
 * baseline's.
 */
export interface PreparedBaseline {
  findings: readonly Finding[];
  /** The identities of its findings. */
  ids: ReadonlySet<string>;
  /** Its objects by provider and name; of two with the same name, the last. */
  objects: ReadonlyMap<string, SubjectSnapshot>;
  /** The rules whose paths the changes are listed for. */
  rules: readonly Rule[];
}

export function prepareBaseline(
  findings: readonly Finding[],
  subjects: readonly SubjectSnapshot[],
  selection?: readonly Rule[] | readonly string[],
): PreparedBaseline {
  return {
    findings,
    ids: new Set(findings.map((f) => f.id)),
    objects: new Map(subjects.map((s) => [objectKey(s), s])),
    rules: rulesOf(selection),
  };
}

function objectKey(subject: SubjectSnapshot): string {
  return `${subject.provider}\u0000${subject.object}`;
}

/**
 * Findings are the same across versions when their identities agree (engine/identity.ts): rule, file,
 * object and a path whose list entries are named by what they hold, so rewording a message or adding
 * an entry above does not turn a known finding into a new one.
 */
export function introducedSince(baseline: PreparedBaseline, current: readonly Finding[]): Finding[] {
  return current.filter((f) => !baseline.ids.has(f.id));
}

/**
 * The paths a rule documents, as segment lists for one kind of object: `[]` is any list index, `*`
 * any key. `<pod spec>` and `<pod metadata>` stand for where a kind keeps its pod (spec.template.spec
 * of a Deployment), `{a,b}` for alternatives, `["a.b/c"]` for a key with dots, `<…>` inside a key for
 * any key.
 */
function patternsOf(path: string, kind: string): string[][] {
  const expanded = path
    .replace('<pod spec>', podSpecPath(kind).join('.'))
    .replace('<pod metadata>', podMetadataPath(kind).join('.'));
  return alternatives(expanded).map(segments);
}

/** `a.{b,c}.d` → `a.b.d`, `a.c.d` (each brace group in turn). */
function alternatives(path: string): string[] {
  const open = path.indexOf('{');
  if (open < 0) return [path];
  const close = path.indexOf('}', open);
  if (close < 0) return [path];
  return path
    .slice(open + 1, close)
    .split(',')
    .flatMap((choice) => alternatives(path.slice(0, open) + choice + path.slice(close + 1)));
}

/** `spec.a[].b["x.y/<c>"]` → `spec`, `a`, `[]`, `b`, `*`. */
function segments(path: string): string[] {
  const out: string[] = [];
  for (const match of path.matchAll(/\["([^"]*)"\]|\[\]|[^.[\]]+/g)) {
    if (match[0] === '[]') out.push('[]');
    else if (match[1] !== undefined) out.push(match[1].includes('<') ? '*' : match[1]);
    else out.push(match[0]);
  }
  return out;
}

function matches(pattern: string[], path: DocPath): boolean {
  // Related when one is a prefix of the other: a whole `spec.kubelet` block removed touches
  // `spec.kubelet.anonymousAuth`, and a changed list entry touches the list.
  const length = Math.min(pattern.length, path.length);
  for (let i = 0; i < length; i++) {
    const p = pattern[i] ?? '';
    const s = path[i];
    if (p === '*' || (p === '[]' && typeof s === 'number') || p === s) continue;
    return false;
  }
  return true;
}

/** What the comparison needs of an object: which it is, and its value. */
export type SubjectSnapshot = Pick<Subject, 'provider' | 'kind' | 'object' | 'value'>;

/** A rule's patterns for one kind of object, worked out once per rule and kind. */
const patternCache = new WeakMap<Rule, Map<string, string[][]>>();

function rulePatterns(rule: Rule, kind: string): string[][] {
  let byKind = patternCache.get(rule);
  if (!byKind) {
    byKind = new Map();
    patternCache.set(rule, byKind);
  }
  let patterns = byKind.get(kind);
  if (!patterns) {
    patterns = rule.paths.flatMap((path) => patternsOf(path, kind));
    byKind.set(kind, patterns);
  }
  return patterns;
}

export function specChanges(baseline: PreparedBaseline, current: readonly SubjectSnapshot[]): SpecChange[] {
  const changes: SpecChange[] = [];
  for (const subject of current) {
    const previous = baseline.objects.get(objectKey(subject));
    if (!previous) continue;
    const patterns = baseline.rules
      .filter((r) => r.provider === subject.provider && r.targets.includes(subject.kind))
      .map((rule) => ({ rule, patterns: rulePatterns(rule, subject.kind) }));
    for (const d of deepDiff.diff(previous.value, subject.value) ?? []) {
      const path: DocPath = [...(d.path ?? []), ...(d.kind === 'A' ? [d.index] : [])];
      const item = d.kind === 'A' ? d.item : d;
      const ruleIds = patterns
        .filter((p) => p.patterns.some((pattern) => matches(pattern, path)))
        .map((p) => p.rule.id);
      if (ruleIds.length === 0) continue;
      const change: SpecChange = {
        object: subject.object,
        path: formatPath(path),
        change: item.kind === 'N' ? 'added' : item.kind === 'D' ? 'removed' : 'changed',
        ruleIds,
      };
      if ('lhs' in item) change.before = item.lhs;
      if ('rhs' in item) change.after = item.rhs;
      changes.push(change);
    }
  }
  // Byte order, as the findings are: the same report whatever the locale.
  return changes.sort((a, b) => compareText(a.object, b.object) || compareText(a.path, b.path));
}

function rulesOf(selection: readonly Rule[] | readonly string[] | undefined): readonly Rule[] {
  if (!selection) return catalog;
  return selection
    .map((item) => (typeof item === 'string' ? getRule(item) : item))
    .filter((r) => r !== undefined);
}

/**
 * What changed for security between two check results of the same spec (`ksec diff --baseline`):
 * the findings introduced and resolved, and the changes at the paths the rules read.
 */
export function compareResults(
  baseline: CheckResult,
  current: CheckResult,
  rules: readonly Rule[],
): RegressionReport {
  const prepared = prepareBaseline(baseline.findings, baseline.subjects, rules);
  const after = new Set(current.findings.map((f) => f.id));
  return {
    introduced: introducedSince(prepared, current.findings),
    resolved: baseline.findings.filter((f) => !after.has(f.id)),
    changes: specChanges(prepared, current.subjects),
  };
}
