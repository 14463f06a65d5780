import type { DocPath } from '../../model.ts';
import { isObject } from '../../util/object.ts';
import { CONTAINER_LISTS, podSpecPath } from './pod.ts';

/**
 * What the API server would refuse in the parts of a workload ksec reads: a wrong type
 * (`hostNetwork: "1"`, `runAsUser: "1000"`) or a field securityContext does not have (a typo such
 * as `runAsNonroot` silently protects nothing, and `kubectl apply` rejects it). Such a document is
 * reported as an error with its position, never checked or scored on a guess. Missing fields are
 * not errors here (a fragment without containers still has a pod-level posture to score).
 */
export interface FieldProblem {
  /** Relative to the workload. */
  path: DocPath;
  message: string;
}

/** PodSecurityContext fields (Kubernetes 1.35). */
const POD_SECURITY_CONTEXT = new Set([
  'appArmorProfile',
  'fsGroup',
  'fsGroupChangePolicy',
  'runAsGroup',
  'runAsNonRoot',
  'runAsUser',
  'seLinuxChangePolicy',
  'seLinuxOptions',
  'seccompProfile',
  'supplementalGroups',
  'supplementalGroupsPolicy',
  'sysctls',
  'windowsOptions',
]);

/**
 * SecurityContext (container) fields (Kubernetes 1.35), plus the newer ones the Pod Security Standards
 * already govern: ulimits and cgroupOptions (Kubernetes 1.37 and 1.38).
 */
const CONTAINER_SECURITY_CONTEXT = new Set([
  'allowPrivilegeEscalation',
  'appArmorProfile',
  'capabilities',
  'cgroupOptions',
  'privileged',
  'procMount',
  'readOnlyRootFilesystem',
  'runAsGroup',
  'runAsNonRoot',
  'runAsUser',
  'seLinuxOptions',
  'seccompProfile',
  'ulimits',
  'windowsOptions',
]);

const PROFILE_TYPES = ['RuntimeDefault', 'Localhost', 'Unconfined'];

type Check = (value: unknown) => string | undefined;

const describeValue = (value: unknown) => JSON.stringify(value) ?? String(value);
const boolean: Check = (v) =>
  typeof v === 'boolean' ? undefined : `expected true or false, got ${describeValue(v)}`;
const integer: Check = (v) =>
  Number.isInteger(v) ? undefined : `expected a whole number, got ${describeValue(v)}`;
const string: Check = (v) =>
  typeof v === 'string' ? undefined : `expected a string, got ${describeValue(v)}`;
const mapping: Check = (v) => (isObject(v) ? undefined : `expected a mapping, got ${describeValue(v)}`);
const list: Check = (v) => (Array.isArray(v) ? undefined : `expected a list, got ${describeValue(v)}`);
const stringList: Check = (v) =>
  Array.isArray(v) && v.every((item) => typeof item === 'string')
    ? undefined
    : `expected a list of strings, got ${describeValue(v)}`;
/** ObjectMeta labels and annotations are map[string]string: `ksec.io/ignore: [a, b]` is refused. */
const stringMap: Check = (v) =>
  isObject(v) && Object.values(v).every((item) => typeof item === 'string')
    ? undefined
    : `expected a mapping of strings (quote numbers and booleans), got ${describeValue(v)}`;
const profileType: Check = (v) =>
  typeof v === 'string' && PROFILE_TYPES.includes(v)
    ? undefined
    : `expected one of ${PROFILE_TYPES.join(', ')}, got ${describeValue(v)}`;

class Problems {
  readonly list: FieldProblem[] = [];

  /** Checks `value[key]` when present (null counts as absent, as in the API). */
  field(value: Record<string, unknown>, key: string, path: DocPath, check: Check): boolean {
    const item = value[key];
    if (item === undefined || item === null) return false;
    const problem = check(item);
    if (problem) this.list.push({ path: [...path, key], message: problem });
    return problem === undefined;
  }

  unknownFields(
    value: Record<string, unknown>,
    known: ReadonlySet<string>,
    path: DocPath,
    what: string,
  ): void {
    for (const key of Object.keys(value)) {
      if (known.has(key)) continue;
      const meant = [...known].find((field) => field.toLowerCase() === key.toLowerCase());
      this.list.push({
        path: [...path, key],
        message: meant
          ? `unknown field "${key}" in ${what} (did you mean ${meant}?): Kubernetes rejects it and it sets nothing`
          : `unknown field "${key}" in ${what}: Kubernetes rejects it and it sets nothing (known fields: ${[...known].join(', ')})`,
      });
    }
  }

  profile(securityContext: Record<string, unknown>, key: string, path: DocPath): void {
    if (this.field(securityContext, key, path, mapping))
      this.field(securityContext[key] as Record<string, unknown>, 'type', [...path, key], profileType);
  }
}

function checkPodSecurityContext(problems: Problems, sc: Record<string, unknown>, path: DocPath): void {
  problems.unknownFields(sc, POD_SECURITY_CONTEXT, path, 'the pod securityContext');
  problems.field(sc, 'runAsNonRoot', path, boolean);
  for (const key of ['runAsUser', 'runAsGroup', 'fsGroup']) problems.field(sc, key, path, integer);
  problems.profile(sc, 'seccompProfile', path);
  problems.profile(sc, 'appArmorProfile', path);
}

function checkContainerSecurityContext(problems: Problems, sc: Record<string, unknown>, path: DocPath): void {
  problems.unknownFields(sc, CONTAINER_SECURITY_CONTEXT, path, 'a container securityContext');
  for (const key of ['privileged', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'runAsNonRoot'])
    problems.field(sc, key, path, boolean);
  for (const key of ['runAsUser', 'runAsGroup']) problems.field(sc, key, path, integer);
  if (problems.field(sc, 'capabilities', path, mapping)) {
    const capabilities = sc.capabilities as Record<string, unknown>;
    for (const key of ['add', 'drop'])
      problems.field(capabilities, key, [...path, 'capabilities'], stringList);
  }
  problems.profile(sc, 'seccompProfile', path);
  problems.profile(sc, 'appArmorProfile', path);
}

function checkMetadata(problems: Problems, owner: Record<string, unknown>, path: DocPath): void {
  if (!problems.field(owner, 'metadata', path, mapping)) return;
  const metadata = owner.metadata as Record<string, unknown>;
  for (const key of ['name', 'namespace']) problems.field(metadata, key, [...path, 'metadata'], string);
  for (const key of ['labels', 'annotations'])
    problems.field(metadata, key, [...path, 'metadata'], stringMap);
}

/** The problems of one workload whose kind and spec mapping the provider has already recognised. */
export function invalidFields(kind: string, value: Record<string, unknown>): FieldProblem[] {
  const problems = new Problems();
  checkMetadata(problems, value, []);
  const spec = value.spec as Record<string, unknown>;
  if (kind !== 'Pod' && kind !== 'Job' && kind !== 'CronJob')
    problems.field(spec, 'replicas', ['spec'], integer);

  const path = podSpecPath(kind);
  let pod: unknown = value;
  for (let i = 0; i < path.length; i++) {
    const key = path[i] as string;
    const parent = pod as Record<string, unknown>;
    if (!isObject(parent[key])) {
      problems.list.push({
        path: path.slice(0, i + 1),
        message:
          parent[key] === undefined || parent[key] === null
            ? `${kind} needs ${path.slice(0, i + 1).join('.')} (the pod template)`
            : (mapping(parent[key]) ?? 'expected a mapping'),
      });
      return problems.list;
    }
    // The pod template's own metadata (spec.template.metadata), beside its spec.
    if (key === 'spec' && i > 0) checkMetadata(problems, parent, path.slice(0, i));
    pod = parent[key];
  }
  const podSpec = pod as Record<string, unknown>;

  for (const key of [
    'hostNetwork',
    'hostPID',
    'hostIPC',
    'hostUsers',
    'automountServiceAccountToken',
    'shareProcessNamespace',
  ])
    problems.field(podSpec, key, path, boolean);
  problems.field(podSpec, 'serviceAccountName', path, string);
  if (problems.field(podSpec, 'securityContext', path, mapping))
    checkPodSecurityContext(problems, podSpec.securityContext as Record<string, unknown>, [
      ...path,
      'securityContext',
    ]);
  if (problems.field(podSpec, 'volumes', path, list)) {
    (podSpec.volumes as unknown[]).forEach((volume, index) => {
      const volumePath = [...path, 'volumes', index];
      if (!isObject(volume)) {
        problems.list.push({ path: volumePath, message: mapping(volume) ?? '' });
        return;
      }
      if (problems.field(volume, 'hostPath', volumePath, mapping))
        problems.field(
          volume.hostPath as Record<string, unknown>,
          'path',
          [...volumePath, 'hostPath'],
          string,
        );
    });
  }

  for (const listName of CONTAINER_LISTS) {
    if (!problems.field(podSpec, listName, path, list)) continue;
    (podSpec[listName] as unknown[]).forEach((container, index) => {
      const containerPath = [...path, listName, index];
      if (!isObject(container)) {
        problems.list.push({ path: containerPath, message: mapping(container) ?? '' });
        return;
      }
      problems.field(container, 'image', containerPath, string);
      if (problems.field(container, 'securityContext', containerPath, mapping))
        checkContainerSecurityContext(problems, container.securityContext as Record<string, unknown>, [
          ...containerPath,
          'securityContext',
        ]);
      for (const key of ['env', 'envFrom']) problems.field(container, key, containerPath, list);
      if (problems.field(container, 'resources', containerPath, mapping)) {
        const resources = container.resources as Record<string, unknown>;
        for (const key of ['limits', 'requests'])
          problems.field(resources, key, [...containerPath, 'resources'], mapping);
      }
    });
  }
  return problems.list;
}
