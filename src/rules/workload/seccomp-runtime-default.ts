import type { Subject } from '../../model.ts';
import {
  type Container,
  containersOf,
  effectiveSecurityContext,
  isWindowsPod,
  podMetadataPath,
} from '../../providers/workload/pod.ts';
import { getIn, isObject } from '../../util/object.ts';
import { defineRule, type RuleViolation } from '../types.ts';
import { agree, ContainerViolations, containerList, WORKLOAD_TARGETS } from './_helpers.ts';

const messages = {
  unconfined: '{{containers}} {{runs}} with the Unconfined seccomp profile: every system call is allowed',
  notSet: '{{containers}} {{has}} no seccomp profile, so {{theyRun}} Unconfined',
  notSetAnnotationIgnored:
    '{{containers}} {{has}} no seccomp profile, so {{theyRun}} Unconfined: the {{annotations}} {{annotationsAre}} ignored (kubelets stopped reading {{them}} in Kubernetes 1.25, and since 1.27 the API server no longer copies {{them}} into seccompProfile)',
} as const;

const CONFINED = new Set(['RuntimeDefault', 'Localhost']);

/** The annotations that set seccomp profiles before the seccompProfile field (GA in Kubernetes 1.19). */
const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** The old seccomp annotations present for these containers: they set nothing any more. */
function ignoredAnnotations(subject: Subject, containers: readonly Container[]): string[] {
  const annotations = getIn(subject.value, [...podMetadataPath(subject.kind), 'annotations']);
  if (!isObject(annotations)) return [];
  const keys = [POD_ANNOTATION, ...containers.map((c) => `${CONTAINER_ANNOTATION_PREFIX}${c.name}`)];
  return keys.filter((key) => Object.hasOwn(annotations, key));
}

export default defineRule({
  id: 'workload/seccomp-runtime-default',
  provider: 'workload',
  severity: 'high',
  title: 'Confine every container with the RuntimeDefault seccomp profile',
  rationale:
    'Without a seccomp profile, Kubernetes runs containers Unconfined: every system call of the kernel is ' +
    "available, including the rarely used ones behind many container escapes. The runtime's default " +
    'profile blocks those and almost never breaks an application; one line at pod level covers every container. ' +
    'The seccomp.security.alpha.kubernetes.io annotations that used to set it do nothing today: kubelets ignore ' +
    'them since Kubernetes 1.25, and since 1.27 the API server no longer copies them into the field.',
  targets: WORKLOAD_TARGETS,
  paths: [
    '<pod spec>.securityContext.seccompProfile.type',
    '<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.seccompProfile.type',
    '<pod metadata>.annotations["seccomp.security.alpha.kubernetes.io/pod"]',
    '<pod metadata>.annotations["container.seccomp.security.alpha.kubernetes.io/<container>"]',
  ],
  hardened: 'seccompProfile: { type: RuntimeDefault } (or Localhost with a reviewed profile)',
  template: { topics: ['pod-security-context'] },
  fix: {
    language: 'yaml',
    snippet: 'spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/tutorials/security/seccomp/'],
  messages,
  check(subject) {
    // Linux-only fields: the API server refuses them on a Windows pod.
    if (isWindowsPod(subject)) return [];
    const found = new ContainerViolations<RuleViolation<typeof messages, false>>();
    for (const container of containersOf(subject)) {
      const profile = effectiveSecurityContext(subject, container, ['seccompProfile', 'type']);
      if (typeof profile.value === 'string' && CONFINED.has(profile.value)) continue;
      const unconfined = profile.value === 'Unconfined';
      found.add(profile.path, container, (cs, path) => {
        const containers = containerList(cs);
        if (unconfined) {
          const data = { containers, runs: agree(cs, 'runs', 'run') };
          return { path, messageId: 'unconfined', data, severity: 'high' };
        }
        const notSet = {
          containers,
          has: agree(cs, 'has', 'have'),
          theyRun: agree(cs, 'it runs', 'they run'),
        };
        const ignored = ignoredAnnotations(subject, cs);
        if (ignored.length === 0) return { path, messageId: 'notSet', data: notSet, severity: 'medium' };
        const one = ignored.length === 1;
        const data = {
          ...notSet,
          annotations: `${ignored.join(' and ')} annotation${one ? '' : 's'}`,
          annotationsAre: one ? 'is' : 'are',
          them: one ? 'it' : 'them',
        };
        return { path, messageId: 'notSetAnnotationIgnored', data, severity: 'medium' };
      });
    }
    return found.list();
  },
});
