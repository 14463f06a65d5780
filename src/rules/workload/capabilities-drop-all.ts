import {
  capabilityNames,
  containerSecurityContext,
  containersOf,
  describeContainer,
  isWindowsPod,
} from '../../providers/workload/pod.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

export default defineRule({
  id: 'workload/capabilities-drop-all',
  provider: 'workload',
  severity: 'medium',
  title: 'Drop all Linux capabilities and add back only what is needed',
  rationale:
    'Container runtimes grant a default set of capabilities (NET_RAW, CHOWN, SETUID and more) that most ' +
    'applications never use but an attacker can: NET_RAW alone allows spoofed packets on the pod network. ' +
    'Dropping ALL and adding back the one or two a process needs shrinks what a compromised container can do.',
  targets: WORKLOAD_TARGETS,
  paths: ['<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.capabilities.drop'],
  hardened: 'capabilities: { drop: [ALL] }',
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
  check(subject) {
    // Linux-only fields: the API server refuses them on a Windows pod.
    if (isWindowsPod(subject)) return [];
    return containersOf(subject).flatMap((container) => {
      const drop = containerSecurityContext(container, ['capabilities', 'drop']);
      if (capabilityNames(drop.value).includes('ALL')) return [];
      return [
        {
          path: drop.path,
          message:
            drop.value === undefined
              ? `${describeContainer(container)} keeps the runtime's default capabilities (no drop: [ALL])`
              : `${describeContainer(container)} drops some capabilities but not ALL`,
        },
      ];
    });
  },
});
