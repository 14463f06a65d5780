import type { DocPath, Subject } from '../../model.ts';
import { asArray, getIn, isObject, type PlainObject } from '../../util/object.ts';

/**
 * Where a workload keeps its pod spec and pod template metadata. Every path here is relative
 * to the subject, so findings point at the real place in the user's file.
 */
export function podSpecPath(kind: string): DocPath {
  if (kind === 'Pod') return ['spec'];
  if (kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  return ['spec', 'template', 'spec'];
}

/** The metadata that annotates the pods (AppArmor annotations live there). */
export function podMetadataPath(kind: string): DocPath {
  if (kind === 'Pod') return ['metadata'];
  if (kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template', 'metadata'];
  return ['spec', 'template', 'metadata'];
}

export interface PodSpec {
  path: DocPath;
  value: PlainObject;
}

export function podSpec(subject: Subject): PodSpec {
  const path = podSpecPath(subject.kind);
  const value = getIn(subject.value, path);
  return { path, value: isObject(value) ? value : {} };
}

/**
 * A pod that declares `os.name: windows`. The API server refuses Linux-only security fields there
 * (seccompProfile, capabilities, allowPrivilegeEscalation, readOnlyRootFilesystem, …), so rules that
 * ask for them do not apply; the Pod Security Standards exempt such pods the same way.
 */
export function isWindowsPod(subject: Subject): boolean {
  return getIn(podSpec(subject).value, ['os', 'name']) === 'windows';
}

export const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
export type ContainerList = (typeof CONTAINER_LISTS)[number];

export interface Container {
  list: ContainerList;
  index: number;
  /** The container's name, or `#<index>` when it has none. */
  name: string;
  value: PlainObject;
  /** Path of the container inside the subject, e.g. `spec.template.spec.containers[1]`. */
  path: DocPath;
}

/** Every container of the pod: init containers, then app containers, then ephemeral ones. */
export function containersOf(
  subject: Subject,
  lists: readonly ContainerList[] = CONTAINER_LISTS,
): Container[] {
  const spec = podSpec(subject);
  return lists.flatMap((list) =>
    asArray(spec.value[list]).flatMap((value, index) => {
      if (!isObject(value)) return [];
      const name = typeof value.name === 'string' && value.name !== '' ? value.name : `#${index}`;
      return [{ list, index, name, value, path: [...spec.path, list, index] }];
    }),
  );
}

/** `container "web"`, `init container "setup"`, `ephemeral container "debug"` for messages. */
export function describeContainer(container: Container): string {
  const kind =
    container.list === 'initContainers'
      ? 'init container'
      : container.list === 'ephemeralContainers'
        ? 'ephemeral container'
        : 'container';
  return `${kind} "${container.name}"`;
}

/** A setting as it applies to a container, and where it is written (or would be written). */
export interface Effective {
  value: unknown;
  /** True when the container or the pod sets it. */
  set: boolean;
  /** `container` when the container sets it, `pod` when it inherits the pod's, `none` when unset. */
  from: 'container' | 'pod' | 'none';
  path: DocPath;
}

/**
 * Reads a securityContext field that the pod-level securityContext can set for every container
 * (runAsNonRoot, runAsUser, runAsGroup, seccompProfile, appArmorProfile…). The container's value,
 * when present, wins; otherwise the pod's applies. Unset everywhere points at the pod level, where
 * one line fixes every container.
 */
export function effectiveSecurityContext(subject: Subject, container: Container, field: DocPath): Effective {
  const containerPath: DocPath = [...container.path, 'securityContext', ...field];
  const own = getIn(subject.value, containerPath);
  if (own !== undefined && own !== null)
    return { value: own, set: true, from: 'container', path: containerPath };
  const spec = podSpec(subject);
  const podPath: DocPath = [...spec.path, 'securityContext', ...field];
  const inherited = getIn(subject.value, podPath);
  if (inherited !== undefined && inherited !== null)
    return { value: inherited, set: true, from: 'pod', path: podPath };
  return { value: undefined, set: false, from: 'none', path: podPath };
}

/** A container-only securityContext field (privileged, capabilities, readOnlyRootFilesystem…). */
export function containerSecurityContext(
  container: Container,
  field: DocPath,
): { value: unknown; path: DocPath } {
  return {
    value: getIn(container.value, ['securityContext', ...field]),
    path: [...container.path, 'securityContext', ...field],
  };
}

/** Upper-cased capability names, without an optional `CAP_` prefix. */
export function capabilityNames(list: unknown): string[] {
  return asArray(list)
    .filter((c): c is string => typeof c === 'string')
    .map((c) => c.toUpperCase().replace(/^CAP_/, ''));
}
