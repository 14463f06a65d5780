import type { Subject } from '../../model.ts';
import { asArray, getIn, isObject } from '../../util/object.ts';
import { type Container, capabilityNames, containersOf, effectiveSecurityContext, podSpec } from './pod.ts';

/**
 * The workload score, computed with kubesec's published points (kubesec v2.14 rule table) so
 * numbers carry over for users moving from kubesec: every rule that matches adds its points once,
 * however many containers match; negative points are the "critical" ones.
 *
 * Kind coverage follows kubesec too, so a number means the same thing in both tools: Pod,
 * Deployment, StatefulSet and DaemonSet get every rule; ReplicaSet, Job and CronJob only the
 * secrets-in-environment rule; RoleBinding and ClusterRoleBinding only the system:anonymous rule;
 * ReplicationController gets no score (kubesec does not support it). The findings, not the score,
 * are the full check of every kind.
 */
export interface ScoreRule {
  id: string;
  points: number;
  /** What kubesec matches, in words, for the README and the JSON report. */
  matches: string;
  /** Kinds the rule applies to (kubesec's list for the rule). */
  kinds: readonly string[];
  test(subject: Subject): boolean;
}

export interface ScoreLine {
  id: string;
  points: number;
}

export interface WorkloadScore {
  score: number;
  /** Matched rules with negative points, most negative first. */
  critical: ScoreLine[];
  /** Matched rules with positive points, highest first. */
  passed: ScoreLine[];
}

const ALL = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Counts like kubesec's securityContext walk: the container's own value, else the pod's. */
function anyEffective(subject: Subject, field: string[], test: (value: unknown) => boolean): boolean {
  return containersOf(subject, ALL).some((container) => {
    const effective = effectiveSecurityContext(subject, container, field);
    return effective.set && test(effective.value);
  });
}

function anyContainer(
  subject: Subject,
  test: (container: Container) => boolean,
  lists: readonly (typeof ALL)[number][] = ALL,
): boolean {
  return containersOf(subject, lists).some(test);
}

function own(container: Container, path: string[]): unknown {
  return getIn(container.value, path);
}

function podField(subject: Subject, field: string): unknown {
  return podSpec(subject).value[field];
}

function hostPathIncludes(subject: Subject, needle: string): boolean {
  return asArray(podField(subject, 'volumes')).some((volume) => {
    const path = getIn(volume, ['hostPath', 'path']);
    return typeof path === 'string' && path.includes(needle);
  });
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function hasSecretEnv(container: Container): boolean {
  const env = asArray(container.value.env).some((e) => present(getIn(e, ['valueFrom', 'secretKeyRef'])));
  const envFrom = asArray(container.value.envFrom).some((e) => present(getIn(e, ['secretRef'])));
  return env || envFrom;
}

function claimTemplates(subject: Subject): unknown[] {
  return asArray(getIn(subject.value, ['spec', 'volumeClaimTemplates']));
}

const isNumberAbove = (limit: number) => (value: unknown) => typeof value === 'number' && value > limit;

/** The kinds kubesec applies its pod rules to. */
const POD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet'] as const;
/** Kinds kubesec scores on secrets in the environment only, besides the pod kinds. */
const SECRETS_ONLY_KINDS = ['ReplicaSet', 'Job', 'CronJob'] as const;
export const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'] as const;

function bindsAnonymous(subject: Subject): boolean {
  return asArray(subject.value.subjects).some((s) => getIn(s, ['name']) === 'system:anonymous');
}

export const SCORE_RULES: readonly ScoreRule[] = [
  {
    id: 'HostNetwork',
    points: -9,
    matches: 'hostNetwork: true',
    kinds: POD_KINDS,
    test: (s) => podField(s, 'hostNetwork') === true,
  },
  {
    id: 'HostPID',
    points: -9,
    matches: 'hostPID: true',
    kinds: POD_KINDS,
    test: (s) => podField(s, 'hostPID') === true,
  },
  {
    id: 'HostIPC',
    points: -9,
    matches: 'hostIPC: true',
    kinds: POD_KINDS,
    test: (s) => podField(s, 'hostIPC') === true,
  },
  {
    id: 'ReadOnlyRootFilesystem',
    points: 1,
    matches: 'a container sets readOnlyRootFilesystem: true',
    kinds: POD_KINDS,
    test: (s) => anyContainer(s, (c) => own(c, ['securityContext', 'readOnlyRootFilesystem']) === true),
  },
  {
    id: 'RunAsNonRoot',
    points: 1,
    matches: 'a container runs with runAsNonRoot: true (own or pod-level)',
    kinds: POD_KINDS,
    test: (s) => anyEffective(s, ['runAsNonRoot'], (v) => v === true),
  },
  {
    id: 'RunAsUser',
    points: 1,
    matches: 'a container runs with runAsUser > 10000 (own or pod-level)',
    kinds: POD_KINDS,
    test: (s) => anyEffective(s, ['runAsUser'], isNumberAbove(10000)),
  },
  {
    id: 'RunAsGroup',
    points: 1,
    matches: 'a container runs with runAsGroup > 10000 (own or pod-level)',
    kinds: POD_KINDS,
    test: (s) => anyEffective(s, ['runAsGroup'], isNumberAbove(10000)),
  },
  {
    id: 'Privileged',
    points: -30,
    matches: 'a container sets privileged: true',
    kinds: POD_KINDS,
    test: (s) => anyContainer(s, (c) => own(c, ['securityContext', 'privileged']) === true),
  },
  {
    id: 'CapSysAdmin',
    points: -30,
    matches: 'a container adds SYS_ADMIN',
    kinds: POD_KINDS,
    test: (s) =>
      anyContainer(s, (c) =>
        capabilityNames(own(c, ['securityContext', 'capabilities', 'add'])).includes('SYS_ADMIN'),
      ),
  },
  {
    id: 'CapDropAny',
    points: 1,
    matches: 'a container drops a capability',
    kinds: POD_KINDS,
    test: (s) =>
      anyContainer(s, (c) => capabilityNames(own(c, ['securityContext', 'capabilities', 'drop'])).length > 0),
  },
  {
    id: 'CapDropAll',
    points: 1,
    matches: 'a container drops ALL capabilities',
    kinds: POD_KINDS,
    test: (s) =>
      anyContainer(s, (c) =>
        capabilityNames(own(c, ['securityContext', 'capabilities', 'drop'])).includes('ALL'),
      ),
  },
  {
    id: 'DockerSock',
    points: -9,
    matches: 'a hostPath volume path contains /var/run/docker.sock',
    kinds: POD_KINDS,
    test: (s) => hostPathIncludes(s, '/var/run/docker.sock'),
  },
  {
    id: 'ProcMount',
    points: -9,
    matches: 'a hostPath volume path contains /proc',
    kinds: POD_KINDS,
    test: (s) => hostPathIncludes(s, '/proc'),
  },
  {
    id: 'RequestsCPU',
    points: 1,
    matches: 'a container requests CPU',
    kinds: POD_KINDS,
    test: (s) => anyContainer(s, (c) => present(own(c, ['resources', 'requests', 'cpu'])), ['containers']),
  },
  {
    id: 'LimitsCPU',
    points: 1,
    matches: 'a container limits CPU',
    kinds: POD_KINDS,
    test: (s) => anyContainer(s, (c) => present(own(c, ['resources', 'limits', 'cpu'])), ['containers']),
  },
  {
    id: 'RequestsMemory',
    points: 1,
    matches: 'a container requests memory',
    kinds: POD_KINDS,
    test: (s) => anyContainer(s, (c) => present(own(c, ['resources', 'requests', 'memory'])), ['containers']),
  },
  {
    id: 'LimitsMemory',
    points: 1,
    matches: 'a container limits memory',
    kinds: POD_KINDS,
    test: (s) => anyContainer(s, (c) => present(own(c, ['resources', 'limits', 'memory'])), ['containers']),
  },
  {
    id: 'ServiceAccountName',
    points: 3,
    matches: 'serviceAccountName is set',
    kinds: POD_KINDS,
    test: (s) => present(podField(s, 'serviceAccountName')),
  },
  {
    id: 'HostAliases',
    points: -3,
    matches: 'hostAliases is set',
    kinds: POD_KINDS,
    test: (s) => present(podField(s, 'hostAliases')),
  },
  {
    id: 'SeccompAny',
    points: 1,
    matches: 'a container has a seccomp profile other than Unconfined (own or pod-level)',
    kinds: POD_KINDS,
    test: (s) =>
      anyEffective(s, ['seccompProfile', 'type'], (v) => typeof v === 'string' && v !== 'Unconfined'),
  },
  {
    id: 'SeccompUnconfined',
    points: -1,
    matches: 'a container has the Unconfined seccomp profile (own or pod-level)',
    kinds: POD_KINDS,
    test: (s) => anyEffective(s, ['seccompProfile', 'type'], (v) => v === 'Unconfined'),
  },
  {
    id: 'ApparmorAny',
    points: 3,
    matches: 'a container has an AppArmor profile other than Unconfined (own or pod-level)',
    kinds: POD_KINDS,
    test: (s) =>
      anyEffective(s, ['appArmorProfile', 'type'], (v) => typeof v === 'string' && v !== 'Unconfined'),
  },
  {
    id: 'ApparmorUnconfined',
    points: -1,
    matches: 'a container has the Unconfined AppArmor profile (own or pod-level)',
    kinds: POD_KINDS,
    test: (s) => anyEffective(s, ['appArmorProfile', 'type'], (v) => v === 'Unconfined'),
  },
  {
    id: 'VolumeClaimAccessModeReadWriteOnce',
    points: 1,
    matches: 'no volumeClaimTemplates, or one whose only access mode is ReadWriteOnce',
    kinds: ['StatefulSet'],
    test: (s) => {
      const templates = claimTemplates(s);
      if (templates.length === 0) return true;
      return templates.some((t) => {
        const modes = asArray(getIn(t, ['spec', 'accessModes']));
        return modes.length === 1 && modes[0] === 'ReadWriteOnce';
      });
    },
  },
  {
    id: 'VolumeClaimRequestsStorage',
    points: 1,
    matches: 'no volumeClaimTemplates, or one that requests storage',
    kinds: ['StatefulSet'],
    test: (s) => {
      const templates = claimTemplates(s);
      if (templates.length === 0) return true;
      return templates.some((t) => present(getIn(t, ['spec', 'resources', 'requests', 'storage'])));
    },
  },
  {
    id: 'AllowPrivilegeEscalation',
    points: -7,
    matches: 'a container sets allowPrivilegeEscalation: true',
    kinds: POD_KINDS,
    test: (s) => anyContainer(s, (c) => own(c, ['securityContext', 'allowPrivilegeEscalation']) === true),
  },
  {
    id: 'AutomountServiceAccountToken',
    points: 1,
    matches: 'automountServiceAccountToken: false',
    kinds: POD_KINDS,
    test: (s) => podField(s, 'automountServiceAccountToken') === false,
  },
  {
    id: 'HostUsers',
    points: 1,
    matches: 'hostUsers: false',
    kinds: POD_KINDS,
    test: (s) => podField(s, 'hostUsers') === false,
  },
  {
    id: 'SecretsAsEnvironmentVariables',
    points: -5,
    matches:
      'a container reads a Secret into an environment variable (env secretKeyRef or envFrom secretRef)',
    kinds: [...POD_KINDS, ...SECRETS_ONLY_KINDS],
    test: (s) => anyContainer(s, hasSecretEnv),
  },
  {
    id: 'BindingsToSystemAnonymous',
    points: -30,
    matches: 'a subject of the binding is system:anonymous',
    kinds: BINDING_KINDS,
    test: bindsAnonymous,
  },
];

/** Every kind that gets a score. */
export const SCORED_KINDS: ReadonlySet<string> = new Set(SCORE_RULES.flatMap((rule) => rule.kinds));

/** Scores one object; undefined for kinds kubesec does not score (ReplicationController, non-workloads). */
export function scoreWorkload(subject: Subject): WorkloadScore | undefined {
  if (subject.provider !== 'workload' || !isObject(subject.value) || !SCORED_KINDS.has(subject.kind))
    return undefined;
  const matched = SCORE_RULES.filter((rule) => rule.kinds.includes(subject.kind) && rule.test(subject));
  const lines = matched.map((rule) => ({ id: rule.id, points: rule.points }));
  const critical = lines
    .filter((l) => l.points < 0)
    .sort((a, b) => a.points - b.points || a.id.localeCompare(b.id));
  const passed = lines
    .filter((l) => l.points > 0)
    .sort((a, b) => b.points - a.points || a.id.localeCompare(b.id));
  return { score: lines.reduce((sum, l) => sum + l.points, 0), critical, passed };
}
