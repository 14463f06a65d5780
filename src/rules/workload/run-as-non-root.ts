import type { DocPath } from '../../model.ts';
import { containersOf, effectiveSecurityContext, podSpec } from '../../providers/workload/pod.ts';
import { getIn } from '../../util/object.ts';
import { defineRule, type RuleViolation } from '../types.ts';
import { agree, ContainerViolations, containerList, WORKLOAD_TARGETS } from './_helpers.ts';

const RESTRICTED_REFUSES =
  'the restricted Pod Security profile (enforced in the namespaces ksec init writes) refuses the pod';

const messages = {
  root: '{{containers}} {{runs}} as root (runAsUser: 0)',
  notNonRoot: `{{containers}} {{has}} a non-zero runAsUser but not runAsNonRoot: true: ${RESTRICTED_REFUSES}`,
  nonRootFalse: `{{containers}} {{has}} a non-zero runAsUser but runAsNonRoot: false: ${RESTRICTED_REFUSES}`,
  mayBeRoot:
    "{{containers}} may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set, so the image's user applies",
  mayBeRootNonRootFalse:
    '{{containers}} may run as root: runAsNonRoot is false and no non-zero runAsUser is set',
  podNonRootFalse: `the pod sets runAsNonRoot: false: ${RESTRICTED_REFUSES}`,
  podNonRootFalseOverridden: `the pod sets runAsNonRoot: false, which every container overrides, but ${RESTRICTED_REFUSES} for the pod-level value too`,
  podRootOverridden: `the pod sets runAsUser: 0, which every container overrides, but ${RESTRICTED_REFUSES} for the pod-level value too`,
} as const;
type Found = RuleViolation<typeof messages, false>;

export default defineRule({
  id: 'workload/run-as-non-root',
  provider: 'workload',
  severity: 'high',
  title: 'Run every container as a non-root user',
  rationale:
    'Without runAsNonRoot or a non-zero runAsUser, a container runs as whatever user its image names, ' +
    'which is root for most images. Root inside the container is one kernel bug or one mounted path away ' +
    'from root on the node. A high-numbered user (above 10000) also keeps clear of the users of the host. ' +
    'Set both: runAsUser picks the user, and the restricted Pod Security profile admits a pod only when ' +
    'runAsNonRoot is true at pod level or on every container, whatever runAsUser says.',
  targets: WORKLOAD_TARGETS,
  paths: [
    '<pod spec>.securityContext.runAsNonRoot',
    '<pod spec>.securityContext.runAsUser',
    '<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.runAsNonRoot',
    '<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.runAsUser',
  ],
  hardened: 'runAsNonRoot: true and runAsUser: 10001 (or higher)',
  template: { topics: ['pod-security-context'] },
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
  messages,
  check(subject) {
    const spec = podSpec(subject);
    // Pod Security relaxes runAsNonRoot and runAsUser for a pod in its own user namespace (policy 1.35+).
    const userNamespace = spec.value.hostUsers === false;
    const root = new ContainerViolations<Found>();
    const mayBeRoot = new ContainerViolations<Found>();
    const refused = new ContainerViolations<Found>();
    const containers = containersOf(subject);
    for (const container of containers) {
      const user = effectiveSecurityContext(subject, container, ['runAsUser']);
      const nonRoot = effectiveSecurityContext(subject, container, ['runAsNonRoot']);
      if (user.set && user.value === 0) {
        root.add(user.path, container, (cs, path) => ({
          path,
          messageId: 'root',
          data: { containers: containerList(cs), runs: agree(cs, 'runs', 'run') },
          severity: 'high',
        }));
        continue;
      }
      if (nonRoot.value === true) continue;
      if (typeof user.value === 'number' && user.value > 0) {
        // Not root at run time, but Pod Security asks for runAsNonRoot: true all the same.
        if (!userNamespace)
          refused.add(nonRoot.path, container, (cs, path) => ({
            path,
            messageId: nonRoot.value === false ? 'nonRootFalse' : 'notNonRoot',
            data: { containers: containerList(cs), has: agree(cs, 'has', 'have') },
            severity: 'low',
          }));
        continue;
      }
      mayBeRoot.add(nonRoot.path, container, (cs, path) => ({
        path,
        messageId: nonRoot.value === false ? 'mayBeRootNonRootFalse' : 'mayBeRoot',
        data: { containers: containerList(cs) },
        severity: 'medium',
      }));
    }

    const found = [...root.list(), ...mayBeRoot.list()];
    const taken = new Set(found.map((v) => JSON.stringify(v.path)));
    const add = (violation: Found) => {
      const key = JSON.stringify(violation.path);
      if (taken.has(key)) return;
      taken.add(key);
      found.push(violation);
    };
    // A finding at the same place as a worse one is fixed with it.
    for (const violation of refused.list()) add(violation);

    // Pod Security also refuses runAsNonRoot: false and runAsUser: 0 at pod level when every container
    // overrides them (policy/check_runAsNonRoot.go, check_runAsUser.go); nothing above reports that.
    if (!userNamespace && containers.length > 0) {
      const podLevel = (field: string): DocPath => [...spec.path, 'securityContext', field];
      if (getIn(subject.value, podLevel('runAsNonRoot')) === false) {
        const overridden = containers.every(
          (c) => effectiveSecurityContext(subject, c, ['runAsNonRoot']).from === 'container',
        );
        add({
          path: podLevel('runAsNonRoot'),
          messageId: overridden ? 'podNonRootFalseOverridden' : 'podNonRootFalse',
          severity: 'low',
        });
      }
      if (getIn(subject.value, podLevel('runAsUser')) === 0)
        add({ path: podLevel('runAsUser'), messageId: 'podRootOverridden', severity: 'low' });
    }
    return found;
  },
});
