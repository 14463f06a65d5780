import deepDiff from 'deep-diff';
import type { CheckResult, DocPath, Finding, Subject } from '../model.ts';
import { formatPath } from '../model.ts';
import type { Rule } from '../rules/types.ts';

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
 * A finding is the same across versions when the rule, the object and the message agree; the path is
 * left out because editing a list shifts the indexes of entries that did not change.
 */
function findingKey(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.object}\u0000${finding.message}`;
}

export function compareFindings(baseline: readonly Finding[], current: readonly Finding[]) {
  const before = new Set(baseline.map(findingKey));
  const after = new Set(current.map(findingKey));
  return {
    introduced: current.filter((f) => !before.has(findingKey(f))),
    resolved: baseline.filter((f) => !after.has(findingKey(f))),
  };
}

/** `spec.etcdClusters[].etcdMembers[].encryptedVolume` → segments with `[]` as a wildcard index. */
function patternOf(path: string): string[] {
  return path.split('.').flatMap((part) => part.split(/(?=\[\])/));
}

function matches(pattern: string[], path: DocPath): boolean {
  // Related when one is a prefix of the other: a whole `spec.kubelet` block removed touches
  // `spec.kubelet.anonymousAuth`, and a changed list entry touches the list.
  const segments = path.map((s) => (typeof s === 'number' ? '[]' : s));
  const length = Math.min(pattern.length, segments.length);
  for (let i = 0; i < length; i++) {
    const p = pattern[i] ?? '';
    const s = segments[i] ?? '';
    if (p === s || (p.startsWith('[]') && s === '[]')) continue;
    return false;
  }
  return true;
}

export function specChanges(
  baseline: readonly Subject[],
  current: readonly Subject[],
  rules: readonly Rule[],
): SpecChange[] {
  const changes: SpecChange[] = [];
  const byObject = new Map(baseline.map((s) => [`${s.provider}\u0000${s.object}`, s]));
  for (const subject of current) {
    const previous = byObject.get(`${subject.provider}\u0000${subject.object}`);
    if (!previous) continue;
    const relevant = rules.filter((r) => r.provider === subject.provider && r.targets.includes(subject.kind));
    const patterns = relevant.map((rule) => ({ rule, patterns: rule.paths.map(patternOf) }));
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
  return changes.sort(
    (a, b) => a.object.localeCompare(b.object) || a.path.localeCompare(b.path, 'en', { numeric: true }),
  );
}

export function compareVersions(
  baseline: CheckResult,
  current: CheckResult,
  rules: readonly Rule[],
): RegressionReport {
  return {
    ...compareFindings(baseline.findings, current.findings),
    changes: specChanges(baseline.subjects, current.subjects, rules),
  };
}
