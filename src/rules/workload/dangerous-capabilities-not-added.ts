import { containerSecurityContext, containersOf, describeContainer } from '../../providers/workload/pod.ts';
import { asArray } from '../../util/object.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

/** Capabilities that amount to control of the node: reported as critical. */
const NODE_LEVEL = new Set([
  'ALL',
  'SYS_ADMIN',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_PTRACE',
  'BPF',
  'DAC_READ_SEARCH',
]);
/**
 * What the baseline Pod Security profile lets a container add (the runtime's usual default set).
 * Anything else (NET_ADMIN, NET_RAW, SYS_TIME, a capability newer than this list…) is refused there
 * and reported here as high. Adding one of these back is medium: the restricted profile allows only
 * NET_BIND_SERVICE.
 */
const BASELINE_ALLOWED = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

export default defineRule({
  id: 'workload/dangerous-capabilities-not-added',
  provider: 'workload',
  severity: 'critical',
  title: 'Add no dangerous Linux capabilities',
  rationale:
    'Some capabilities hand over most of the kernel: SYS_ADMIN alone allows mounting file systems and ' +
    'escaping the container, SYS_MODULE loads kernel code, SYS_PTRACE reads other processes, NET_ADMIN and ' +
    'NET_RAW let a process rewrite or spoof traffic on the node network. Add back only narrow capabilities ' +
    'such as NET_BIND_SERVICE.',
  targets: WORKLOAD_TARGETS,
  paths: ['<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.capabilities.add'],
  hardened: 'capabilities.add lists at most NET_BIND_SERVICE (never outside the baseline Pod Security set)',
  fix: {
    language: 'yaml',
    snippet:
      'containers:\n- name: app\n  securityContext:\n    capabilities:\n      drop: [ALL]\n      add: [NET_BIND_SERVICE]\n',
    manual: 'If a tool truly needs one of these capabilities, run it in a dedicated, isolated namespace.',
  },
  fixable: false,
  refs: [
    'https://man7.org/linux/man-pages/man7/capabilities.7.html',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  messages: {
    nodeLevel: '{{container}} adds {{capability}}: it amounts to control of the node',
    notBaseline: '{{container}} adds {{capability}}: the baseline Pod Security profile refuses it',
    notExact:
      '{{container}} adds {{capability}}: the baseline Pod Security profile refuses it written as {{written}}; write {{capability}}',
    notRestricted:
      '{{container}} adds {{capability}}: the restricted Pod Security profile allows only NET_BIND_SERVICE',
  },
  check(subject) {
    return containersOf(subject).flatMap((container) => {
      const add = containerSecurityContext(container, ['capabilities', 'add']);
      return asArray(add.value).flatMap((entry, index) => {
        if (typeof entry !== 'string') return [];
        const name = entry.toUpperCase().replace(/^CAP_/, '');
        // Pod Security admission compares names exactly: `chown` or `CAP_CHOWN` is not CHOWN to it.
        const exact = entry === name;
        if (name === 'NET_BIND_SERVICE' && exact) return [];
        const level = NODE_LEVEL.has(name)
          ? { severity: 'critical' as const, messageId: 'nodeLevel' as const }
          : !BASELINE_ALLOWED.has(name)
            ? { severity: 'high' as const, messageId: 'notBaseline' as const }
            : !exact
              ? { severity: 'high' as const, messageId: 'notExact' as const }
              : { severity: 'medium' as const, messageId: 'notRestricted' as const };
        return [
          {
            path: [...add.path, index],
            messageId: level.messageId,
            data: { container: describeContainer(container), capability: name, written: entry },
            severity: level.severity,
          },
        ];
      });
    });
  },
});
