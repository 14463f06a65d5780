import { getIn } from '../../util/object.ts';
import { clusterCreateSnippet, defineGkeRule, type GcloudFlag } from './_gcloud.ts';

const CREATE_FLAGS: GcloudFlag[] = [{ flag: '--no-issue-client-certificate' }];

export default defineGkeRule({
  id: 'gke/client-certificate-disabled',
  provider: 'gke',
  severity: 'high',
  title: 'Issue no client certificate for the cluster',
  rationale:
    'The issued client certificate is a long-lived cluster credential that cannot be revoked short of ' +
    'rotating the cluster CA, and anyone who reads it from the API can use it. Without it, every user ' +
    'authenticates through Google identity and RBAC decides what they may do.',
  targets: ['GkeCluster'],
  paths: ['masterAuth.clientCertificateConfig.issueClientCertificate', 'masterAuth.clientKey'],
  hardened: 'masterAuth.clientCertificateConfig: {} (gcloud --no-issue-client-certificate)',
  fix: {
    language: 'shell',
    snippet: clusterCreateSnippet(CREATE_FLAGS),
    manual:
      'The client certificate cannot be withdrawn from an existing cluster: create a new cluster without it.',
  },
  fixable: false,
  refs: [
    'CIS GKE 1.9.0 5.8.1',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication',
  ],
  messages: {
    issued: 'the cluster issues a client certificate, a long-lived credential outside Google identity',
    clientKey:
      'masterAuth carries a client certificate key: the cluster was created with a client certificate',
  },
  check(subject) {
    const cluster = subject.value;
    if (getIn(cluster, ['masterAuth', 'clientCertificateConfig', 'issueClientCertificate']) === true) {
      return [
        { path: ['masterAuth', 'clientCertificateConfig', 'issueClientCertificate'], messageId: 'issued' },
      ];
    }
    const key = getIn(cluster, ['masterAuth', 'clientKey']);
    if (typeof key === 'string' && key !== '') {
      return [{ path: ['masterAuth', 'clientKey'], messageId: 'clientKey' }];
    }
    return [];
  },
  remediation: {
    phase: 9,
    steps: () => [
      {
        kind: 'rebuild-cluster',
        comment: 'an issued client certificate cannot be withdrawn in place.',
        flags: CREATE_FLAGS,
      },
    ],
  },
});
