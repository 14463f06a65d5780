import { kopsPaths } from '../../providers/kops/paths.ts';
import { defineRule } from '../types.ts';
import { templateSnippet } from './_helpers.ts';

/** ksec init writes the hardened value with these partials; the fix snippet is their rendering. */
const TEMPLATE = { partials: ['kops/encryption-config'], topics: ['secrets-encryption'] } as const;

export default defineRule({
  id: 'kops/secrets-encrypted-at-rest',
  provider: 'kops',
  severity: 'medium',
  title: 'Encrypt Secrets in etcd with an encryption provider config',
  rationale:
    'Volume encryption protects a stolen disk; it does nothing against an etcd backup or a read of etcd ' +
    'itself, where Secrets sit base64-encoded. encryptionConfig makes the API server encrypt them before they ' +
    'reach etcd.',
  targets: ['Cluster'],
  paths: ['spec.encryptionConfig'],
  hardened: 'true',
  template: TEMPLATE,
  fix: {
    language: 'yaml',
    snippet: templateSnippet(TEMPLATE.partials),
    manual:
      'Create the key first (`kops create secret encryptionconfig -f encryptionconfig.yaml`), set encryptionConfig: true, update the cluster, then rewrite existing Secrets (`kubectl get secrets -A -o json | kubectl replace -f -`).',
  },
  fixable: false,
  refs: ['https://kops.sigs.k8s.io/cli/kops_create_secret_encryptionconfig/'],
  messages: { off: 'spec.encryptionConfig is {{state}}: Secrets are stored in etcd unencrypted' },
  check(subject) {
    const encryption = kopsPaths.encryptionConfig(subject);
    if (encryption.value === true) return [];
    return [
      {
        path: encryption.path,
        messageId: 'off',
        data: { state: encryption.value === false ? 'false' : 'not set' },
      },
    ];
  },
});
