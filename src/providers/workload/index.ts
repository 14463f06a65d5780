import type { DocPath, SourceDocument } from '../../model.ts';
import { isObject } from '../../util/object.ts';
import type {
  InvalidObject,
  ProviderModule,
  RecognisedSubject,
  Recognition,
  SkippedObject,
} from '../types.ts';
import { BINDING_KINDS, scoreWorkload } from './score.ts';
import { invalidFields } from './validate.ts';

/** The kinds that carry a pod spec, in the order the README lists them. */
export const WORKLOAD_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export function isWorkloadKind(kind: unknown): kind is WorkloadKind {
  return typeof kind === 'string' && (WORKLOAD_KINDS as readonly string[]).includes(kind);
}

/**
 * Built-in Kubernetes API groups: the core group (`v1`), dot-less groups (`apps`, `batch`, `policy`)
 * and `*.k8s.io` groups. Objects of those groups that are not workloads (Service, Namespace,
 * NetworkPolicy…) are reported as skipped with a reason; anything else (CRDs of other tools) is left
 * to the other providers.
 */
function isBuiltInGroup(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return apiVersion === 'v1';
  const group = apiVersion.slice(0, slash);
  return !group.includes('.') || group.endsWith('.k8s.io');
}

/** The namespace a manifest names; unset means whatever namespace it is applied to. */
function namespaceOf(value: Record<string, unknown>): { namespace?: string } {
  const namespace = isObject(value.metadata) ? value.metadata.namespace : undefined;
  return typeof namespace === 'string' && namespace !== '' ? { namespace } : {};
}

function objectName(kind: string, value: Record<string, unknown>): string {
  const name = isObject(value.metadata) ? value.metadata.name : undefined;
  return typeof name === 'string' && name !== '' ? `${kind}/${name}` : kind;
}

/** A recognised object as rules see it: its kind, name, namespace and where it sits. */
function workloadSubject(
  kind: string,
  value: Record<string, unknown>,
  base: DocPath,
  source: SourceDocument,
): RecognisedSubject {
  return {
    provider: 'workload',
    kind,
    object: objectName(kind, value),
    ...namespaceOf(value),
    value,
    base,
    source,
  };
}

/**
 * ServiceAccounts are read, not checked: a pod that leaves automountServiceAccountToken unset takes
 * its account's setting, so a rule needs the account when the same file holds it.
 */
export const SERVICE_ACCOUNT_KIND = 'ServiceAccount';

const CHECKED = `ksec checks ${[...WORKLOAD_KINDS, ...BINDING_KINDS].join(', ')} and reads ServiceAccounts`;

/** What Kubernetes expects under `spec` of each workload kind, for the error when it is not a mapping. */
const SPEC_TYPES: Record<WorkloadKind, string> = {
  Pod: 'a PodSpec: containers and the pod settings',
  Deployment: 'a DeploymentSpec: selector and the pod template',
  StatefulSet: 'a StatefulSetSpec: selector and the pod template',
  DaemonSet: 'a DaemonSetSpec: selector and the pod template',
  ReplicaSet: 'a ReplicaSetSpec: selector and the pod template',
  ReplicationController: 'a ReplicationControllerSpec: the pod template',
  Job: 'a JobSpec: the pod template',
  CronJob: 'a CronJobSpec: schedule and jobTemplate, which holds the pod template',
};

function describeValue(value: unknown): string {
  if (value === null) return 'an empty value (null)';
  if (Array.isArray(value)) return 'a list';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function recogniseObject(
  value: unknown,
  base: DocPath,
  source: SourceDocument,
): { subject?: RecognisedSubject; skipped?: SkippedObject; invalid?: InvalidObject[] } | undefined {
  if (!isObject(value)) return undefined;
  const kind = value.kind;
  if (typeof kind !== 'string') return undefined;
  if (isWorkloadKind(kind)) {
    // The API server rejects an object without apiVersion; so does kubesec's schema check, which
    // scores it 0 without looking further. Say so rather than score something Kubernetes would refuse.
    if (typeof value.apiVersion !== 'string' || value.apiVersion === '') {
      return {
        skipped: {
          object: objectName(kind, value),
          reason: `${kind} has no apiVersion: not a valid Kubernetes object`,
          path: base,
        },
      };
    }
    const object = objectName(kind, value);
    // `spec: null`, a list or a scalar: the API server cannot read it as the kind's spec and refuses
    // the object (null decodes to an empty spec, which lacks every required field). Say so, at spec.
    if (value.spec !== undefined && !isObject(value.spec)) {
      return {
        invalid: [
          {
            object,
            path: [...base, 'spec'],
            message: `expected a mapping (${SPEC_TYPES[kind]}), got ${describeValue(value.spec)}: Kubernetes refuses the ${kind}`,
          },
        ],
      };
    }
    if (!isObject(value.spec)) {
      return { skipped: { object, reason: `${kind} has no spec to check`, path: base } };
    }
    const problems = invalidFields(kind, value);
    if (problems.length > 0) {
      return { invalid: problems.map((p) => ({ object, path: [...base, ...p.path], message: p.message })) };
    }
    return { subject: workloadSubject(kind, value, base, source) };
  }
  const apiVersion = value.apiVersion;
  if (kind === SERVICE_ACCOUNT_KIND && apiVersion === 'v1') {
    const automount = value.automountServiceAccountToken;
    if (automount !== undefined && automount !== null && typeof automount !== 'boolean') {
      return {
        invalid: [
          {
            object: objectName(kind, value),
            path: [...base, 'automountServiceAccountToken'],
            message: `expected true or false, got ${JSON.stringify(automount)}`,
          },
        ],
      };
    }
    return { subject: workloadSubject(kind, value, base, source) };
  }
  // Bindings are checked (and scored, as kubesec does) for grants to anonymous users.
  if (
    (BINDING_KINDS as readonly string[]).includes(kind) &&
    typeof apiVersion === 'string' &&
    apiVersion.startsWith('rbac.authorization.k8s.io/')
  ) {
    return { subject: workloadSubject(kind, value, base, source) };
  }
  if (typeof apiVersion !== 'string' || !isBuiltInGroup(apiVersion)) return undefined;
  return {
    skipped: {
      object: objectName(kind, value),
      reason: `Kubernetes kind ${kind} is not checked (${CHECKED})`,
      path: base,
    },
  };
}

export const workloadProvider: ProviderModule = {
  name: 'workload',
  accepts: `Kubernetes workloads (${WORKLOAD_KINDS.join(', ')}), RoleBindings and ClusterRoleBindings, ServiceAccounts, and kind: List of them`,
  recognise(source: SourceDocument): Recognition | undefined {
    const value = source.value;
    if (isObject(value) && value.kind === 'List' && Array.isArray(value.items)) {
      const subjects: RecognisedSubject[] = [];
      const skipped: SkippedObject[] = [];
      const invalid: InvalidObject[] = [];
      value.items.forEach((item, index) => {
        const found = recogniseObject(item, ['items', index], source);
        if (found?.subject) subjects.push(found.subject);
        else if (found?.invalid) invalid.push(...found.invalid);
        else if (found?.skipped) skipped.push(found.skipped);
        else skipped.push({ object: `items[${index}]`, reason: 'not a Kubernetes object ksec checks' });
      });
      return { subjects, skipped, invalid };
    }
    const found = recogniseObject(value, [], source);
    if (!found) return undefined;
    if (found.subject) return { subjects: [found.subject] };
    return { subjects: [], skipped: found.skipped ? [found.skipped] : [], invalid: found.invalid ?? [] };
  },
  score: scoreWorkload,
};
