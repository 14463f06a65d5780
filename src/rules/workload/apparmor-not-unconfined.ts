import { containersOf, effectiveSecurityContext, podMetadataPath } from '../../providers/workload/pod.ts';
import { getIn, isObject } from '../../util/object.ts';
import { defineRule, type RuleViolation } from '../types.ts';
import { agree, ContainerViolations, containerList, WORKLOAD_TARGETS } from './_helpers.ts';

const messages = {
  unconfined: '{{containers}} {{runs}} without AppArmor (Unconfined)',
  annotationUnconfined: 'the annotation runs container "{{container}}" without AppArmor (unconfined)',
  annotationProfile:
    'the annotation gives container "{{container}}" the AppArmor profile {{profile}}, which is neither runtime/default nor localhost/<profile>',
} as const;
type Found = RuleViolation<typeof messages, false>;

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
  template: { topics: ['pod-security-context'] },
  fix: {
    language: 'yaml',
    snippet: 'spec:\n  securityContext:\n    appArmorProfile:\n      type: RuntimeDefault\n',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/tutorials/security/apparmor/'],
  messages,
  check(subject) {
    const found = new ContainerViolations<Found>();
    for (const container of containersOf(subject)) {
      const profile = effectiveSecurityContext(subject, container, ['appArmorProfile', 'type']);
      if (profile.value === 'Unconfined') {
        found.add(profile.path, container, (cs, path) => ({
          path,
          messageId: 'unconfined',
          data: { containers: containerList(cs), runs: agree(cs, 'runs', 'run') },
        }));
      }
    }
    // Every annotation counts, as for Pod Security admission, whether or not a container has that name.
    const annotationsPath = [...podMetadataPath(subject.kind), 'annotations'];
    const annotations = getIn(subject.value, annotationsPath);
    const fromAnnotations: Found[] = isObject(annotations)
      ? Object.entries(annotations).flatMap(([key, value]): Found[] => {
          if (!key.startsWith(ANNOTATION_PREFIX) || allowedAnnotationValue(value)) return [];
          const path = [...annotationsPath, key];
          const container = key.slice(ANNOTATION_PREFIX.length);
          if (value === 'unconfined')
            return [{ path, messageId: 'annotationUnconfined', data: { container } }];
          return [
            { path, messageId: 'annotationProfile', data: { container, profile: JSON.stringify(value) } },
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
