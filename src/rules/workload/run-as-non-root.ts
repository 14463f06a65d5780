import { containersOf, effectiveSecurityContext } from '../../providers/workload/pod.ts';
import { defineRule } from '../types.ts';
import { ContainerViolations, containerList, WORKLOAD_TARGETS } from './_helpers.ts';

export default defineRule({
  id: 'workload/run-as-non-root',
  provider: 'workload',
  severity: 'high',
  title: 'Run every container as a non-root user',
  rationale:
    'Without runAsNonRoot or a non-zero runAsUser, a container runs as whatever user its image names, ' +
    'which is root for most images. Root inside the container is one kernel bug or one mounted path away ' +
    'from root on the node. A high-numbered user (above 10000) also keeps clear of the users of the host.',
  targets: WORKLOAD_TARGETS,
  paths: [
    '<pod spec>.securityContext.runAsNonRoot',
    '<pod spec>.securityContext.runAsUser',
    '<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.runAsNonRoot',
    '<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.runAsUser',
  ],
  hardened: 'runAsNonRoot: true and runAsUser: 10001 (or higher)',
  fix: {
    language: 'yaml',
    snippet:
      'spec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001\n    runAsGroup: 10001\n',
    manual: 'The image must work as that user: files it writes need to be writable by the UID.',
  },
  fixable: false,
  refs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
  ],
  check(subject) {
    const found = new ContainerViolations();
    for (const container of containersOf(subject)) {
      const user = effectiveSecurityContext(subject, container, ['runAsUser']);
      const nonRoot = effectiveSecurityContext(subject, container, ['runAsNonRoot']);
      if (user.set && user.value === 0) {
        found.add(user.path, container, (cs) => ({
          message: `${containerList(cs)} run${cs.length === 1 ? 's' : ''} as root (runAsUser: 0)`,
          severity: 'high',
        }));
        continue;
      }
      if (nonRoot.value === true) continue;
      if (typeof user.value === 'number' && user.value > 0) continue;
      found.add(nonRoot.path, container, (cs) => ({
        message:
          nonRoot.value === false
            ? `${containerList(cs)} may run as root: runAsNonRoot is false and no non-zero runAsUser is set`
            : `${containerList(cs)} may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set, so the image's user applies`,
        severity: 'medium',
      }));
    }
    return found.list();
  },
});
