import { containersOf, describeContainer } from '../../providers/workload/pod.ts';
import { asArray, getIn } from '../../util/object.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

export default defineRule({
  id: 'workload/secrets-not-in-env',
  provider: 'workload',
  severity: 'low',
  title: 'Mount Secrets as files instead of environment variables',
  rationale:
    'Environment variables leak: they are inherited by every child process, printed in crash dumps and ' +
    'debug pages, and readable through /proc by processes of the same user. Secrets mounted as files can ' +
    'be read on demand, rotated without a restart, and given tight file permissions.',
  targets: WORKLOAD_TARGETS,
  paths: [
    '<pod spec>.{containers,initContainers,ephemeralContainers}[].env[].valueFrom.secretKeyRef',
    '<pod spec>.{containers,initContainers,ephemeralContainers}[].envFrom[].secretRef',
  ],
  hardened: 'a secret volume mounted read-only',
  fix: {
    language: 'yaml',
    snippet:
      'containers:\n- name: app\n  volumeMounts:\n  - name: credentials\n    mountPath: /var/run/secrets/app\n    readOnly: true\nvolumes:\n- name: credentials\n  secret:\n    secretName: app-credentials\n',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod'],
  messages: {
    env: '{{container}} reads a Secret into the environment variable {{variable}}',
    envFrom: '{{container}} loads every key of Secret {{secret}} into its environment',
  },
  check(subject) {
    return containersOf(subject).flatMap((container) => {
      const fromEnv = asArray(container.value.env).flatMap((entry, index) => {
        const ref = getIn(entry, ['valueFrom', 'secretKeyRef']);
        if (ref == null) return [];
        const name = getIn(entry, ['name']);
        return [
          {
            path: [...container.path, 'env', index, 'valueFrom', 'secretKeyRef'],
            messageId: 'env' as const,
            data: { container: describeContainer(container), variable: String(name) },
          },
        ];
      });
      const fromEnvFrom = asArray(container.value.envFrom).flatMap((entry, index) => {
        if (getIn(entry, ['secretRef']) == null) return [];
        const secret = getIn(entry, ['secretRef', 'name']);
        return [
          {
            path: [...container.path, 'envFrom', index, 'secretRef'],
            messageId: 'envFrom' as const,
            data: { container: describeContainer(container), secret: String(secret) },
          },
        ];
      });
      return [...fromEnv, ...fromEnvFrom];
    });
  },
});
