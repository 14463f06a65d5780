import type { Neighbours, Subject } from '../../model.ts';
import { isObject } from '../../util/object.ts';

/**
 * The objects of the same file with this kind, namespace and name: how a rule finds the
 * ServiceAccount a pod runs as. A manifest without `metadata.namespace` matches only objects without
 * one (both land in the namespace they are applied to); ksec never guesses across namespaces.
 */
export function neighboursNamed(
  subject: Subject,
  kind: string,
  namespace: string | undefined,
  name: string,
): readonly Subject[] {
  return byName(subject.neighbours, kind).get(indexKey(namespace, name)) ?? [];
}

function indexKey(namespace: string | undefined, name: string): string {
  return JSON.stringify([namespace ?? '', name]);
}

function nameOf(subject: Subject): string | undefined {
  const name = isObject(subject.value.metadata) ? subject.value.metadata.name : undefined;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** Per file (its Neighbours) and kind: the objects by namespace and name, built once. */
const indexes = new WeakMap<Neighbours, Map<string, Map<string, Subject[]>>>();

function byName(neighbours: Neighbours, kind: string): Map<string, Subject[]> {
  const kinds = indexes.get(neighbours) ?? new Map<string, Map<string, Subject[]>>();
  indexes.set(neighbours, kinds);
  const cached = kinds.get(kind);
  if (cached) return cached;
  const index = new Map<string, Subject[]>();
  for (const member of neighbours.ofKind('workload', kind)) {
    const name = nameOf(member);
    if (name === undefined) continue;
    const key = indexKey(member.namespace, name);
    const list = index.get(key);
    if (list) list.push(member);
    else index.set(key, [member]);
  }
  kinds.set(kind, index);
  return index;
}
