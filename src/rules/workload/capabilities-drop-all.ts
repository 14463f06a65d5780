import {
  containerSecurityContext,
  containersOf,
  describeContainer,
  isWindowsPod,
} from '../../providers/workload/pod.ts';
import { asArray } from '../../util/object.ts';
import { defineRule, type RuleViolation } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

const messages = {
  dropsAllMiscased:
    '{{container}} drops {{written}}: the runtime drops every capability, but the restricted Pod Security profile (enforced in the namespaces ksec init writes) accepts only "ALL" and refuses the pod',
  noDrop: "{{container}} keeps the runtime's default capabilities (no drop: [ALL])",
  dropsCapAll:
    '{{container}} drops {{written}}, which runtimes do not read as ALL: the default capabilities stay',
  dropsSome: '{{container}} drops some capabilities but not ALL',
} as const;

export default defineRule({
  id: 'workload/capabilities-drop-all',
  provider: 'workload',
  severity: 'medium',
  title: 'Drop all Linux capabilities and add back only what is needed',
  rationale:
    'Container runtimes grant a default set of capabilities (NET_RAW, CHOWN, SETUID and more) that most ' +
    'applications never use but an attacker can: NET_RAW alone allows spoofed packets on the pod network. ' +
    'Dropping ALL and adding back the one or two a process needs shrinks what a compromised container can do. ' +
    'Write it ALL, in capitals: container runtimes also accept all, but the restricted Pod Security profile ' +
    'compares the name exactly and refuses the pod otherwise.',
  targets: WORKLOAD_TARGETS,
  paths: ['<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.capabilities.drop'],
  hardened: 'capabilities: { drop: [ALL] }',
  template: { topics: ['pod-security-context'] },
  fix: {
    language: 'yaml',
    snippet:
      'containers:\n- name: app\n  securityContext:\n    capabilities:\n      drop: [ALL]\n      # add: [NET_BIND_SERVICE]  # only if the process binds a port below 1024\n',
    manual:
      'Change the manifest (or the chart values) and apply it again; if a container then fails, add back only the ' +
      'capability its error names. Keeping one process per container keeps that list short and known (no manifest ' +
      'shows how many processes a container runs, so ksec does not check it).',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  messages,
  check(subject) {
    // Linux-only fields: the API server refuses them on a Windows pod.
    if (isWindowsPod(subject)) return [];
    return containersOf(subject).flatMap((container): RuleViolation<typeof messages, false>[] => {
      const drop = containerSecurityContext(container, ['capabilities', 'drop']);
      const names = asArray(drop.value).filter((c): c is string => typeof c === 'string');
      // Pod Security compares "ALL" exactly (check_capabilities_restricted.go); containerd and CRI-O
      // drop everything for any casing of it, but not for CAP_ALL, which they read as one capability.
      if (names.includes('ALL')) return [];
      const index = names.findIndex((c) => c.toUpperCase() === 'ALL');
      const name = describeContainer(container);
      if (index >= 0) {
        const written = JSON.stringify(names[index]);
        const path = [...drop.path, index];
        return [{ path, messageId: 'dropsAllMiscased', data: { container: name, written }, severity: 'low' }];
      }
      const prefixed = names.find((c) => c.toUpperCase() === 'CAP_ALL');
      if (drop.value === undefined)
        return [{ path: drop.path, messageId: 'noDrop', data: { container: name } }];
      if (prefixed) {
        const written = JSON.stringify(prefixed);
        return [{ path: drop.path, messageId: 'dropsCapAll', data: { container: name, written } }];
      }
      return [{ path: drop.path, messageId: 'dropsSome', data: { container: name } }];
    });
  },
});
