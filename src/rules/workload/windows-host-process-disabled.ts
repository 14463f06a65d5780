import { containersOf, effectiveSecurityContext } from '../../providers/workload/pod.ts';
import { defineRule, type RuleViolation } from '../types.ts';
import { agree, ContainerViolations, containerList, WORKLOAD_TARGETS } from './_helpers.ts';

const messages = {
  hostProcess: '{{containers}} {{runs}} as a Windows HostProcess, with full access to the node',
} as const;

export default defineRule({
  id: 'workload/windows-host-process-disabled',
  provider: 'workload',
  severity: 'critical',
  title: 'Run no Windows HostProcess container',
  rationale:
    'A Windows HostProcess container runs directly on the Windows node, as a node user and in the ' +
    "host's network: it is the Windows counterpart of a privileged container, and whoever controls it " +
    'controls the node. The baseline Pod Security profile refuses it; keep it for node agents in their own, ' +
    'tightly held namespace.',
  targets: WORKLOAD_TARGETS,
  paths: [
    '<pod spec>.securityContext.windowsOptions.hostProcess',
    '<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.windowsOptions.hostProcess',
  ],
  hardened: 'windowsOptions.hostProcess unset (false)',
  fix: { language: 'yaml', snippet: 'securityContext:\n  windowsOptions:\n    hostProcess: false\n' },
  fixable: false,
  refs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  messages,
  check(subject) {
    const found = new ContainerViolations<RuleViolation<typeof messages, false>>();
    for (const container of containersOf(subject)) {
      const hostProcess = effectiveSecurityContext(subject, container, ['windowsOptions', 'hostProcess']);
      if (hostProcess.value !== true) continue;
      found.add(hostProcess.path, container, (cs, path) => ({
        path,
        messageId: 'hostProcess',
        data: { containers: containerList(cs), runs: agree(cs, 'runs', 'run') },
      }));
    }
    return found.list();
  },
});
