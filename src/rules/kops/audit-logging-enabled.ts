import { parse as parseYaml } from 'yaml';
import type { DocPath, Subject, Violation } from '../../model.ts';
import { isControlPlaneRole, kopsPaths } from '../../providers/kops/paths.ts';
import { asArray, getIn, isObject } from '../../util/object.ts';
import { defineRule } from '../types.ts';

const RETENTION_FIELDS = ['auditLogMaxAge', 'auditLogMaxBackups', 'auditLogMaxSize'] as const;

export default defineRule({
  id: 'kops/audit-logging-enabled',
  provider: 'kops',
  severity: 'high',
  title: 'Record API server audit logs with a policy delivered to the control plane',
  rationale:
    'Audit logs are the record of who did what through the API: without them an incident cannot be ' +
    'reconstructed. GKE records them by default; on kops you turn them on yourself: a log path (or a ' +
    'webhook backend), an audit Policy that logs something, a fileAssets entry that puts the policy on the ' +
    'control-plane nodes, and retention so a log file does not fill the disk.',
  targets: ['Cluster'],
  paths: [
    'spec.kubeAPIServer.auditLogPath',
    'spec.kubeAPIServer.auditPolicyFile',
    'spec.kubeAPIServer.auditLogMaxAge',
    'spec.kubeAPIServer.auditLogMaxBackups',
    'spec.kubeAPIServer.auditLogMaxSize',
    'spec.kubeAPIServer.auditWebhookConfigFile',
    'spec.fileAssets',
  ],
  hardened:
    'auditLogPath + retention (or an auditWebhookConfigFile beside the policy) + auditPolicyFile, and a fileAssets entry (roles: [ControlPlane]) with an audit.k8s.io/v1 Policy that logs',
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
    'https://kops.sigs.k8s.io/cluster_spec/#audit-webhook-backend',
    'https://github.com/kubernetes/kops/issues/15488',
  ],
  check(subject): Violation[] {
    const apiServer = kopsPaths.kubeAPIServer(subject);
    const base = apiServer.path;
    const text = (key: string) => {
      const value = getIn(apiServer.value, [key]);
      return typeof value === 'string' && value !== '' ? value : undefined;
    };
    const logPath = text('auditLogPath');
    const policyFile = text('auditPolicyFile');
    // A webhook backend is audit logging too: the API server sends each event to the receiver named in
    // the kubeconfig (kops v1.36.2 docs/cluster_spec.md "Audit Webhook Backend").
    const webhookFile = text('auditWebhookConfigFile');
    const violations: Violation[] = [];
    if (!logPath && !webhookFile) {
      violations.push({
        path: [...base, 'auditLogPath'],
        message:
          'API server audit logging is off: neither spec.kubeAPIServer.auditLogPath (a log file) nor auditWebhookConfigFile (a webhook backend) is set',
      });
    }
    if (!policyFile) {
      violations.push({
        path: [...base, 'auditPolicyFile'],
        message:
          'spec.kubeAPIServer.auditPolicyFile is not set: without a policy the API server logs no events',
      });
      return violations;
    }
    violations.push(...checkPolicyAsset(subject, policyFile, [...base, 'auditPolicyFile']));
    if (webhookFile)
      violations.push(...checkWebhook(subject, webhookFile, policyFile, [...base, 'auditWebhookConfigFile']));
    if (logPath && logPath !== '-') {
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

/**
 * The webhook kubeconfig. kops validation accepts it only beside the policy, because nodeup mounts
 * the policy's directory alone into the API server (kops v1.36.2
 * pkg/apis/kops/validation/validation.go:936-942, nodeup/pkg/model/kube_apiserver.go:806-810), and
 * like the policy it must be delivered to the control plane.
 */
function checkWebhook(subject: Subject, webhookFile: string, policyFile: string, at: DocPath): Violation[] {
  const dir = (path: string) => path.slice(0, Math.max(path.lastIndexOf('/'), 0)) || '/';
  if (dir(webhookFile) !== dir(policyFile)) {
    return [
      {
        path: at,
        message: `auditWebhookConfigFile ${webhookFile} is not in the directory of auditPolicyFile (${dir(policyFile)}): kops refuses it, since only that directory is mounted into the API server`,
      },
    ];
  }
  const asset = candidateAssets(subject).find((a) => assetPath(a.value) === webhookFile);
  if (!asset) {
    return [
      {
        path: at,
        message: `no fileAssets entry delivers the audit webhook kubeconfig at ${webhookFile}: the API server cannot read it and fails to start`,
      },
    ];
  }
  return rolesProblem(asset, at, 'the audit webhook kubeconfig');
}

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
  const violations = rolesProblem(asset, policyPath, 'the policy');
  const problem = policyProblem(asset.value);
  if (problem) {
    violations.push({
      path: asset.path ? [...asset.path, 'content'] : policyPath,
      message: `${asset.where}: ${problem}`,
    });
  }
  return violations;
}

/** An asset kops does not put on the control plane: roles without ControlPlane (or the old Master). */
function rolesProblem(asset: Asset, fallback: DocPath, what: string): Violation[] {
  const roles = asset.value.roles;
  if (!Array.isArray(roles) || roles.length === 0 || roles.includes('ControlPlane')) return [];
  const hasMaster = roles.includes('Master');
  return [
    {
      path: asset.path ? [...asset.path, 'roles'] : fallback,
      message: hasMaster
        ? `${asset.where} has roles: [Master]; kops 1.26+ does not convert Master for fileAssets, so ${what} reaches no node and the API server fails to start; use ControlPlane`
        : `${asset.where} is not delivered to the control plane (roles: ${roles.join(', ')}); add ControlPlane`,
      ...(asset.path && hasMaster
        ? { fix: { at: [...asset.path, 'roles', roles.indexOf('Master')], set: 'ControlPlane' } }
        : {}),
    },
  ];
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
  if (!logsSomething(policy.rules)) {
    return 'the audit policy logs nothing: no rule above level None is reached (every request ends at None), so the audit log stays empty';
  }
  return undefined;
}

const SELECTORS = ['users', 'userGroups', 'verbs', 'namespaces', 'resources', 'nonResourceURLs'] as const;

/**
 * Whether some request can get a level above None. The API server takes the first rule that matches
 * and None when none does; a rule with no selector matches every request (kubernetes
 * staging/src/k8s.io/apiserver/pkg/audit/policy/checker.go, LevelAndStages and ruleMatches). So a
 * policy logs something when a rule above None comes before any catch-all None rule.
 */
export function logsSomething(rules: readonly unknown[]): boolean {
  for (const rule of rules) {
    if (!isObject(rule)) continue;
    if (rule.level !== 'None') {
      if (typeof rule.level === 'string' && rule.level !== '') return true;
      continue;
    }
    const catchAll = SELECTORS.every((key) => !Array.isArray(rule[key]) || rule[key].length === 0);
    if (catchAll) return false;
  }
  return false;
}
