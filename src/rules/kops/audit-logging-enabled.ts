import { parse as parseYaml } from 'yaml';
import { isControlPlaneRole, kopsPaths } from '../../providers/kops/paths.ts';
import { asArray, getIn, isObject } from '../../util/object.ts';
import { type DocPath, defineRule, type Subject, type Violation } from '../types.ts';

const RETENTION_FIELDS = ['auditLogMaxAge', 'auditLogMaxBackups', 'auditLogMaxSize'] as const;

export default defineRule({
  id: 'kops/audit-logging-enabled',
  provider: 'kops',
  severity: 'high',
  title: 'Record API server audit logs with a policy delivered to the control plane',
  rationale:
    'Audit logs are the record of who did what through the API: without them an incident cannot be ' +
    'reconstructed. GKE records them by default; on kops you turn them on yourself: a log path, an audit ' +
    'Policy file, a fileAssets entry that puts the policy on the control-plane nodes, and retention so ' +
    'the log does not fill the disk.',
  targets: ['Cluster'],
  paths: [
    'spec.kubeAPIServer.auditLogPath',
    'spec.kubeAPIServer.auditPolicyFile',
    'spec.kubeAPIServer.auditLogMaxAge',
    'spec.kubeAPIServer.auditLogMaxBackups',
    'spec.kubeAPIServer.auditLogMaxSize',
    'spec.fileAssets',
  ],
  hardened:
    'auditLogPath + auditPolicyFile + retention, and a fileAssets entry (roles: [ControlPlane]) with an audit.k8s.io/v1 Policy',
  fix: {
    language: 'yaml',
    snippet: `spec:
  kubeAPIServer:
    auditLogPath: /var/log/kube-apiserver-audit.log
    auditPolicyFile: /etc/kubernetes/audit/policy-config.yaml
    auditLogMaxAge: 30
    auditLogMaxBackups: 10
    auditLogMaxSize: 100
  fileAssets:
  - name: audit-policy-config
    path: /etc/kubernetes/audit/policy-config.yaml # the same path as auditPolicyFile
    roles:
    - ControlPlane # not Master: kops 1.26+ matches fileAssets roles against ControlPlane only
    content: | # an audit.k8s.io/v1 Policy; \`ksec snippet audit-logging\` prints a complete one
      apiVersion: audit.k8s.io/v1
      kind: Policy
      rules:
      - level: Metadata
`,
    manual:
      'Add the fields and the fileAssets entry, then `kops update cluster --yes` and `kops rolling-update cluster --yes` for the control plane.',
  },
  fixable: false,
  refs: [
    'https://kops.sigs.k8s.io/cluster_spec/#audit-logging',
    'https://github.com/kubernetes/kops/issues/15488',
  ],
  check(subject): Violation[] {
    const apiServer = kopsPaths.kubeAPIServer(subject);
    const base = apiServer.path;
    const logPath = getIn(apiServer.value, ['auditLogPath']);
    const policyFile = getIn(apiServer.value, ['auditPolicyFile']);
    const violations: Violation[] = [];
    if (typeof logPath !== 'string' || logPath === '') {
      violations.push({
        path: [...base, 'auditLogPath'],
        message: 'API server audit logging is off: spec.kubeAPIServer.auditLogPath is not set',
      });
    }
    if (typeof policyFile !== 'string' || policyFile === '') {
      violations.push({
        path: [...base, 'auditPolicyFile'],
        message:
          'spec.kubeAPIServer.auditPolicyFile is not set: without a policy the API server logs no events',
      });
      return violations;
    }
    violations.push(...checkPolicyAsset(subject, policyFile, [...base, 'auditPolicyFile']));
    if (typeof logPath === 'string' && logPath !== '' && logPath !== '-') {
      const missing = RETENTION_FIELDS.filter((field) => getIn(apiServer.value, [field]) === undefined);
      if (missing.length > 0) {
        violations.push({
          path: [...base, missing[0] ?? 'auditLogMaxAge'],
          severity: 'low',
          message: `audit log retention is not set (${missing.join(', ')}): the log grows or is kept without limit`,
        });
      }
    }
    return violations;
  },
});

interface Asset {
  value: Record<string, unknown>;
  /** Path relative to the subject (Cluster) when it is the cluster's own asset. */
  path: DocPath | undefined;
  where: string;
}

/** Assets that can deliver a file to the control plane: the cluster's own, and control-plane InstanceGroups'. */
function candidateAssets(subject: Subject): Asset[] {
  const assets: Asset[] = asArray(kopsPaths.fileAssets(subject).value).flatMap((value, index) =>
    isObject(value)
      ? [{ value, path: ['spec', 'fileAssets', index] as DocPath, where: `spec.fileAssets[${index}]` }]
      : [],
  );
  for (const sibling of subject.neighbours.ofKind('kops', 'InstanceGroup')) {
    if (!isControlPlaneRole(getIn(sibling.value, ['spec', 'role']))) continue;
    asArray(getIn(sibling.value, ['spec', 'fileAssets'])).forEach((value, index) => {
      if (isObject(value)) {
        assets.push({ value, path: undefined, where: `${sibling.object} spec.fileAssets[${index}]` });
      }
    });
  }
  return assets;
}

function assetPath(asset: Record<string, unknown>): string {
  const path = asset.path;
  if (typeof path === 'string' && path !== '') return path;
  // kops' default location; not mounted into the API server pod since kops 1.22.
  return `/srv/kubernetes/assets/${String(asset.name ?? '')}`;
}

function checkPolicyAsset(subject: Subject, policyFile: string, policyPath: DocPath): Violation[] {
  const assets = candidateAssets(subject);
  const asset = assets.find((a) => assetPath(a.value) === policyFile);
  if (!asset) {
    return [
      {
        path: policyPath,
        message: `no fileAssets entry delivers the audit policy at ${policyFile}: the API server cannot read it and fails to start`,
      },
    ];
  }
  const violations: Violation[] = [];
  const at = (key: string): DocPath => (asset.path ? [...asset.path, key] : policyPath);
  const roles = asset.value.roles;
  if (Array.isArray(roles) && roles.length > 0 && !roles.includes('ControlPlane')) {
    const hasMaster = roles.includes('Master');
    violations.push({
      path: at('roles'),
      message: hasMaster
        ? `${asset.where} has roles: [Master]; kops 1.26+ does not convert Master for fileAssets, so the policy reaches no node and the API server fails to start; use ControlPlane`
        : `${asset.where} is not delivered to the control plane (roles: ${roles.join(', ')}); add ControlPlane`,
      ...(asset.path && hasMaster
        ? { fix: { at: [...asset.path, 'roles', roles.indexOf('Master')], set: 'ControlPlane' } }
        : {}),
    });
  }
  const problem = policyProblem(asset.value);
  if (problem) violations.push({ path: at('content'), message: `${asset.where}: ${problem}` });
  return violations;
}

/** Why the asset's content is not a usable audit policy, or undefined when it is one. */
export function policyProblem(asset: Record<string, unknown>): string | undefined {
  let content = asset.content;
  if (typeof content !== 'string' || content.trim() === '') return 'the audit policy content is empty';
  if (asset.isBase64 === true) {
    try {
      content = Buffer.from(content.trim(), 'base64').toString('utf8');
    } catch {
      return 'the audit policy content is not valid base64';
    }
  }
  let policy: unknown;
  try {
    policy = parseYaml(String(content));
  } catch (error) {
    return `the audit policy content is not valid YAML (${(error as Error).message.split('\n')[0]})`;
  }
  if (!isObject(policy)) return 'the audit policy content is not a YAML mapping';
  if (policy.apiVersion !== 'audit.k8s.io/v1') {
    return `the audit policy apiVersion is ${JSON.stringify(policy.apiVersion ?? null)}; the API server only reads audit.k8s.io/v1`;
  }
  if (policy.kind !== 'Policy')
    return `the audit policy kind is ${JSON.stringify(policy.kind ?? null)}, not Policy`;
  if (!Array.isArray(policy.rules) || policy.rules.length === 0) {
    return 'the audit policy has no rules; the API server refuses a policy with zero rules';
  }
  return undefined;
}
