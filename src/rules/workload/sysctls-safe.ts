import { podSpec } from '../../providers/workload/pod.ts';
import { asArray, getIn, isObject } from '../../util/object.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

/**
 * The sysctls the kubelet treats as safe (namespaced and isolated per pod), which is also what the
 * baseline Pod Security profile allows; the later entries need the Kubernetes version noted.
 */
export const SAFE_SYSCTLS: readonly string[] = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports', // 1.27
  'net.ipv4.tcp_keepalive_time', // 1.29
  'net.ipv4.tcp_fin_timeout', // 1.29
  'net.ipv4.tcp_keepalive_intvl', // 1.29
  'net.ipv4.tcp_keepalive_probes', // 1.29
  'net.ipv4.tcp_rmem', // 1.32
  'net.ipv4.tcp_wmem', // 1.32
  'net.ipv4.tcp_slow_start_after_idle', // 1.37
  'net.ipv4.tcp_notsent_lowat', // 1.37
];

export default defineRule({
  id: 'workload/sysctls-safe',
  provider: 'workload',
  severity: 'medium',
  title: 'Set only the sysctls that stay inside the pod',
  rationale:
    'A sysctl outside the safe set is not known to stay inside the pod: it may change the kernel for every ' +
    'workload on the node, or let one pod take resources from the others. The kubelet refuses to start such pods ' +
    'unless a cluster administrator allows that sysctl on the node, and the baseline Pod Security profile ' +
    'refuses them; node-wide tuning belongs in the node configuration, reviewed once.',
  targets: WORKLOAD_TARGETS,
  paths: ['<pod spec>.securityContext.sysctls[].name'],
  hardened: `sysctls unset, or only ${SAFE_SYSCTLS.join(', ')}`,
  fix: {
    language: 'yaml',
    snippet:
      'spec:\n  securityContext:\n    sysctls: # only names from the safe set\n    - name: net.ipv4.ip_local_port_range\n      value: "32768 60999"\n',
  },
  fixable: false,
  refs: [
    'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  messages: { unsafe: 'sysctl {{sysctl}} is not in the safe set: it reaches beyond the pod to the node' },
  check(subject) {
    const spec = podSpec(subject);
    const sysctlsPath = [...spec.path, 'securityContext', 'sysctls'];
    return asArray(getIn(subject.value, sysctlsPath)).flatMap((sysctl, index) => {
      if (!isObject(sysctl) || typeof sysctl.name !== 'string') return [];
      // The kubelet accepts '/' as the separator too (net/ipv4/tcp_syncookies).
      const name = sysctl.name.replaceAll('/', '.');
      if (SAFE_SYSCTLS.includes(name)) return [];
      return [
        {
          path: [...sysctlsPath, index, 'name'],
          messageId: 'unsafe' as const,
          data: { sysctl: sysctl.name },
        },
      ];
    });
  },
});
