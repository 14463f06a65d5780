import type { Violation } from '../../model.ts';
import { containersOf, effectiveSecurityContext, podMetadataPath } from '../../providers/workload/pod.ts';
import { getIn, isObject } from '../../util/object.ts';
import { defineRule } from '../types.ts';
import { ContainerViolations, containerList, WORKLOAD_TARGETS } from './_helpers.ts';

/** The annotation that set AppArmor profiles before the appArmorProfile field (Kubernetes 1.30). */
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export default defineRule({
  id: 'workload/apparmor-not-unconfined',
  provider: 'workload',
  severity: 'medium',
  title: 'Leave AppArmor enforcement on for every container',
  rationale:
    "On nodes with AppArmor, the runtime's default profile stops a container from writing to /proc and " +
    '/sys, mounting file systems and similar moves used in escapes. Setting a container Unconfined removes ' +
    'that layer for no benefit to a normal application.',
  targets: WORKLOAD_TARGETS,
  paths: [
    '<pod spec>.securityContext.appArmorProfile.type',
    '<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.appArmorProfile.type',
    '<pod metadata>.annotations["container.apparmor.security.beta.kubernetes.io/<container>"]',
  ],
  hardened:
    'appArmorProfile: { type: RuntimeDefault } (or Localhost, or unset); annotations runtime/default or localhost/<profile>',
  fix: {
    language: 'yaml',
    snippet: 'spec:\n  securityContext:\n    appArmorProfile:\n      type: RuntimeDefault\n',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/tutorials/security/apparmor/'],
  check(subject) {
    const found = new ContainerViolations();
    for (const container of containersOf(subject)) {
      const profile = effectiveSecurityContext(subject, container, ['appArmorProfile', 'type']);
      if (profile.value === 'Unconfined') {
        found.add(profile.path, container, (cs) => ({
          message: `${containerList(cs)} run${cs.length === 1 ? 's' : ''} without AppArmor (Unconfined)`,
        }));
      }
    }
    // Every annotation counts, as for Pod Security admission, whether or not a container has that name.
    const annotationsPath = [...podMetadataPath(subject.kind), 'annotations'];
    const annotations = getIn(subject.value, annotationsPath);
    const fromAnnotations: Violation[] = isObject(annotations)
      ? Object.entries(annotations).flatMap(([key, value]): Violation[] => {
          if (!key.startsWith(ANNOTATION_PREFIX) || allowedAnnotationValue(value)) return [];
          return [
            {
              path: [...annotationsPath, key],
              message:
                value === 'unconfined'
                  ? `the annotation runs container "${key.slice(ANNOTATION_PREFIX.length)}" without AppArmor (unconfined)`
                  : `the annotation gives container "${key.slice(ANNOTATION_PREFIX.length)}" the AppArmor profile ${JSON.stringify(value)}, which is neither runtime/default nor localhost/<profile>`,
            },
          ];
        })
      : [];
    return [...found.list(), ...fromAnnotations];
  },
});

/** The annotation values the baseline profile accepts: the runtime's profile, a node-local one, or none. */
function allowedAnnotationValue(value: unknown): boolean {
  return (
    value === '' ||
    value === 'runtime/default' ||
    (typeof value === 'string' && value.startsWith('localhost/'))
  );
}
