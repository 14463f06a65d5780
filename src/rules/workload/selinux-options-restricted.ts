import type { DocPath } from '../../model.ts';
import { containersOf, describeContainer, podSpec } from '../../providers/workload/pod.ts';
import { getIn, isObject } from '../../util/object.ts';
import { defineRule, type RuleViolation } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

/** The SELinux types the baseline Pod Security profile allows (container_engine_t since 1.31). */
export const ALLOWED_SELINUX_TYPES: readonly string[] = [
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
];

const messages = {
  type: '{{who}} runs with SELinux type {{type}}, outside the container types that confine it',
  user: '{{who}} sets the SELinux user {{value}}, which changes what its process may become',
  role: '{{who}} sets the SELinux role {{value}}, which changes what its process may become',
} as const;
type Found = RuleViolation<typeof messages, false>;

/** The problems of one seLinuxOptions mapping (pod-level or a container's own). */
function problems(options: unknown, path: DocPath, who: string): Found[] {
  if (!isObject(options)) return [];
  const found: Found[] = [];
  if (
    typeof options.type === 'string' &&
    options.type !== '' &&
    !ALLOWED_SELINUX_TYPES.includes(options.type)
  ) {
    found.push({
      path: [...path, 'type'],
      messageId: 'type',
      data: { who, type: options.type },
    });
  }
  for (const field of ['user', 'role'] as const) {
    const value = options[field];
    if (typeof value === 'string' && value !== '') {
      found.push({
        path: [...path, field],
        messageId: field,
        data: { who, value },
      });
    }
  }
  return found;
}

export default defineRule({
  id: 'workload/selinux-options-restricted',
  provider: 'workload',
  severity: 'high',
  title: 'Keep containers in the SELinux types that confine them',
  rationale:
    'On nodes that enforce SELinux, the container types (container_t and its siblings) are what keeps a ' +
    'container process away from host files and other containers. A custom type such as spc_t or ' +
    'unconfined_t lifts that confinement, and a custom user or role changes what the process may become. ' +
    'The baseline Pod Security profile refuses both; a level (MCS categories) is fine.',
  targets: WORKLOAD_TARGETS,
  paths: [
    '<pod spec>.securityContext.seLinuxOptions.{type,user,role}',
    '<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.seLinuxOptions.{type,user,role}',
  ],
  hardened: `seLinuxOptions.type unset or one of ${ALLOWED_SELINUX_TYPES.join(', ')}; user and role unset`,
  fix: {
    language: 'yaml',
    snippet: 'securityContext:\n  seLinuxOptions:\n    type: container_t # or leave seLinuxOptions out\n',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  messages,
  check(subject) {
    // As Pod Security Admission does: the pod-level options and each container's own, each on its own.
    const spec = podSpec(subject);
    const podPath = [...spec.path, 'securityContext', 'seLinuxOptions'];
    return [
      ...problems(getIn(subject.value, podPath), podPath, 'the pod'),
      ...containersOf(subject).flatMap((container) =>
        problems(
          getIn(container.value, ['securityContext', 'seLinuxOptions']),
          [...container.path, 'securityContext', 'seLinuxOptions'],
          describeContainer(container),
        ),
      ),
    ];
  },
});
