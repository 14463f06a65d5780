import { getIn } from '../../util/object.ts';
import { clusterUpdateSnippet, defineGkeRule, type GcloudFlag } from './_gcloud.ts';

const FLAGS: GcloudFlag[] = [{ flag: '--security-posture', value: 'standard' }];

export default defineGkeRule({
  id: 'gke/security-posture',
  provider: 'gke',
  severity: 'low',
  title: 'Turn on the GKE security posture dashboard',
  rationale:
    'Security posture audits the configuration of running workloads (privileged pods, host namespaces, ' +
    'root users) and reports it in one place, so drift from a hardened baseline is noticed after ' +
    'deployment, not only when a spec is reviewed. It does not scan images for vulnerabilities: GKE ' +
    'retired that tier (workload vulnerability scanning, standard) on 2025-07-31; Artifact Analysis ' +
    'scans the images in Artifact Registry instead.',
  targets: ['GkeCluster'],
  paths: ['securityPostureConfig.mode'],
  hardened: 'securityPostureConfig.mode: BASIC (gcloud --security-posture standard) or ENTERPRISE',
  fix: { language: 'shell', snippet: clusterUpdateSnippet(FLAGS) },
  fixable: false,
  refs: [
    'CIS GKE 1.9.0 5.10.4',
    'https://cloud.google.com/kubernetes-engine/docs/concepts/about-security-posture-dashboard',
    'https://cloud.google.com/kubernetes-engine/docs/deprecations/vulnerability-scanning-gkee',
    'https://cloud.google.com/artifact-analysis/docs/os-overview',
  ],
  messages: {
    off: 'security posture is {{mode}}: GKE does not audit the configuration of the running workloads',
  },
  check(subject) {
    const mode = getIn(subject.value, ['securityPostureConfig', 'mode']);
    if (mode === 'BASIC' || mode === 'ENTERPRISE') return [];
    return [
      {
        path: ['securityPostureConfig', 'mode'],
        messageId: 'off',
        data: { mode: typeof mode === 'string' ? mode : 'not set' },
      },
    ];
  },
  remediation: {
    phase: 1,
    steps: () => [
      {
        kind: 'cluster-update',
        comment:
          'Security posture: standard (a workload configuration audit; image scanning belongs to Artifact Analysis on the registry).',
        flags: FLAGS,
      },
    ],
  },
});
