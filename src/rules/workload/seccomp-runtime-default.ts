import { containersOf, effectiveSecurityContext, isWindowsPod } from '../../providers/workload/pod.ts';
import { defineRule } from '../types.ts';
import { ContainerViolations, containerList, WORKLOAD_TARGETS } from './_helpers.ts';

const CONFINED = new Set(['RuntimeDefault', 'Localhost']);

export default defineRule({
  id: 'workload/seccomp-runtime-default',
  provider: 'workload',
  severity: 'high',
  title: 'Confine every container with the RuntimeDefault seccomp profile',
  rationale:
    'Without a seccomp profile, Kubernetes runs containers Unconfined: every system call of the kernel is ' +
    "available, including the rarely used ones behind many container escapes. The runtime's default " +
    'profile blocks those and almost never breaks an application; one line at pod level covers every container.',
  targets: WORKLOAD_TARGETS,
  paths: [
    '<pod spec>.securityContext.seccompProfile.type',
    '<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.seccompProfile.type',
  ],
  hardened: 'seccompProfile: { type: RuntimeDefault } (or Localhost with a reviewed profile)',
  fix: {
    language: 'yaml',
    snippet: 'spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/tutorials/security/seccomp/'],
  check(subject) {
    // Linux-only fields: the API server refuses them on a Windows pod.
    if (isWindowsPod(subject)) return [];
    const found = new ContainerViolations();
    for (const container of containersOf(subject)) {
      const profile = effectiveSecurityContext(subject, container, ['seccompProfile', 'type']);
      if (typeof profile.value === 'string' && CONFINED.has(profile.value)) continue;
      const unconfined = profile.value === 'Unconfined';
      found.add(profile.path, container, (cs) => ({
        message: unconfined
          ? `${containerList(cs)} run${cs.length === 1 ? 's' : ''} with the Unconfined seccomp profile: every system call is allowed`
          : `${containerList(cs)} ha${cs.length === 1 ? 's' : 've'} no seccomp profile, so ${cs.length === 1 ? 'it runs' : 'they run'} Unconfined`,
        severity: unconfined ? 'high' : 'medium',
      }));
    }
    return found.list();
  },
});
