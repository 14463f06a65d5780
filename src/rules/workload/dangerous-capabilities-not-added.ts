import { containerSecurityContext, containersOf, describeContainer } from '../../providers/workload/pod.ts';
import { asArray } from '../../util/object.ts';
import { defineRule, type Violation } from '../types.ts';
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
/** Capabilities that widen what a compromised container can do on the network or the node. */
const RISKY = new Set([
  'NET_ADMIN',
  'NET_RAW',
  'SYS_BOOT',
  'SYS_TIME',
  'SYS_CHROOT',
  'SYS_RESOURCE',
  'SYS_NICE',
  'PERFMON',
  'MKNOD',
  'SETFCAP',
  'LINUX_IMMUTABLE',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'SYSLOG',
  'AUDIT_CONTROL',
  'IPC_LOCK',
  'IPC_OWNER',
  'BLOCK_SUSPEND',
  'WAKE_ALARM',
  'CHECKPOINT_RESTORE',
  'NET_BROADCAST',
  'AUDIT_READ',
]);
/**
 * What the baseline Pod Security profile lets a container add (the runtime's usual default set).
 * Anything else that is not named above, a capability newer than this list for instance, is refused
 * there and reported here as risky.
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
  check(subject) {
    return containersOf(subject).flatMap((container) => {
      const add = containerSecurityContext(container, ['capabilities', 'add']);
      return asArray(add.value).flatMap((entry, index): Violation[] => {
        if (typeof entry !== 'string') return [];
        const name = entry.toUpperCase().replace(/^CAP_/, '');
        if (!NODE_LEVEL.has(name) && !RISKY.has(name) && BASELINE_ALLOWED.has(name)) return [];
        return [
          {
            path: [...add.path, index],
            message: `${describeContainer(container)} adds ${name}`,
            severity: NODE_LEVEL.has(name) ? 'critical' : 'high',
          },
        ];
      });
    });
  },
});
