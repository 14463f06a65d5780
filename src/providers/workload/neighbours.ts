import type { Subject } from '../../rules/types.ts';
import { isObject } from '../../util/object.ts';

/**
 * The objects of the same file with this kind, namespace and name: how a rule finds the
 * ServiceAccount a pod runs as. A manifest without `metadata.namespace` matches only objects without
 * one (both land in the namespace they are applied to); ksec never guesses across namespaces.
 *
 * This is the one place a workload rule looks at its neighbours. It reads the engine's `siblings`
 * through an index keyed by kind, namespace and name, built once per file: when the engine hands
 * subjects an index of its own, point this function at it.
 */
export function neighboursNamed(
  subject: Subject,
  kind: string,
  namespace: string | undefined,
  name: string,
): readonly Subject[] {
  return fileIndex(subject).get(indexKey(kind, namespace, name)) ?? [];
}

function indexKey(kind: string, namespace: string | undefined, name: string): string {
  return JSON.stringify([kind, namespace ?? '', name]);
}

function nameOf(subject: Subject): string | undefined {
  const name = isObject(subject.value.metadata) ? subject.value.metadata.name : undefined;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

const indexes = new WeakMap<Subject, Map<string, Subject[]>>();

/**
 * Every subject of the file, by kind, namespace and name. The engine gives each subject all the
 * others as siblings, so any sibling plus its own siblings is the whole file: the index is built
 * from (and cached on) the first sibling, which is the same object for all but one subject of a
 * file. That makes two builds per file, not one comparison per pair of objects.
 */
function fileIndex(subject: Subject): Map<string, Subject[]> {
  const anchor = subject.siblings[0] ?? subject;
  const cached = indexes.get(anchor);
  if (cached) return cached;
  const index = new Map<string, Subject[]>();
  for (const member of [anchor, ...anchor.siblings]) {
    const name = nameOf(member);
    if (name === undefined) continue;
    const key = indexKey(member.kind, member.namespace, name);
    const list = index.get(key);
    if (list) list.push(member);
    else index.set(key, [member]);
  }
  indexes.set(anchor, index);
  return index;
}
