import { readYaml } from '../../input/yaml.ts';
import type { DocPath, Subject } from '../../model.ts';
import { isControlPlaneRole, kopsPaths } from '../../providers/kops/paths.ts';
import { asArray, getIn, isObject } from '../../util/object.ts';
import { defineRule, type RuleViolation } from '../types.ts';
import { templateSnippet } from './_helpers.ts';

const RETENTION_FIELDS = ['auditLogMaxAge', 'auditLogMaxBackups', 'auditLogMaxSize'] as const;

/** Why an audit policy file asset is no usable policy: `{{asset}}` names the asset. */
const POLICY_MESSAGES = {
  policyEmpty: '{{asset}}: the audit policy content is empty',
  policyNotYaml: '{{asset}}: the audit policy content is not valid YAML ({{error}})',
  policyNotMapping: '{{asset}}: the audit policy content is not a YAML mapping',
  policyApiVersion:
    '{{asset}}: the audit policy apiVersion is {{apiVersion}}; the API server only reads audit.k8s.io/v1',
  policyKind: '{{asset}}: the audit policy kind is {{kind}}, not Policy',
  policyNoRules: '{{asset}}: the audit policy has no rules; the API server refuses a policy with zero rules',
  policyLogsNothing:
    '{{asset}}: the audit policy logs nothing: no rule above level None is reached (every request ends at None), so the audit log stays empty',
} as const;

const messages = {
  off: 'API server audit logging is off: neither spec.kubeAPIServer.auditLogPath (a log file) nor auditWebhookConfigFile (a webhook backend) is set',
  noPolicy: 'spec.kubeAPIServer.auditPolicyFile is not set: without a policy the API server logs no events',
  noRetention: 'audit log retention is not set ({{missing}}): the log grows or is kept without limit',
  webhookOutsidePolicyDirectory:
    'auditWebhookConfigFile {{file}} is not in the directory of auditPolicyFile ({{directory}}): kops refuses it, since only that directory is mounted into the API server',
  webhookNotDelivered:
    'no fileAssets entry delivers the audit webhook kubeconfig at {{file}}: the API server cannot read it and fails to start',
  policyNotDelivered:
    'no fileAssets entry delivers the audit policy at {{file}}: the API server cannot read it and fails to start',
  masterRole:
    '{{asset}} has roles: [Master]; kops 1.26+ does not convert Master for fileAssets, so {{what}} reaches no node and the API server fails to start; use ControlPlane',
  notControlPlane: '{{asset}} is not delivered to the control plane (roles: {{roles}}); add ControlPlane',
  ...POLICY_MESSAGES,
} as const;
type Found = RuleViolation<typeof messages, true>;

/** ksec init writes the hardened value with these partials; the fix snippet is their rendering. */
const TEMPLATE = {
  partials: ['kops/kube-api-server', 'kops/audit-file-asset'],
  topics: ['audit-logging'],
} as const;

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
  template: TEMPLATE,
  fix: {
    language: 'yaml',
    snippet: templateSnippet(TEMPLATE.partials),
    manual:
      'Add the fields and the fileAssets entry, then `kops update cluster --yes` and `kops rolling-update cluster --yes` for the control plane.',
  },
  fixable: true,
  refs: [
    'https://kops.sigs.k8s.io/cluster_spec/#audit-logging',
    'https://kops.sigs.k8s.io/cluster_spec/#audit-webhook-backend',
    'https://github.com/kubernetes/kops/issues/15488',
  ],
  messages,
  check(subject) {
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
    const violations: Found[] = [];
    if (!logPath && !webhookFile) violations.push({ path: [...base, 'auditLogPath'], messageId: 'off' });
    if (!policyFile) {
      violations.push({ path: [...base, 'auditPolicyFile'], messageId: 'noPolicy' });
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
          messageId: 'noRetention',
          data: { missing: missing.join(', ') },
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
function checkWebhook(subject: Subject, webhookFile: string, policyFile: string, at: DocPath): Found[] {
  const dir = (path: string) => path.slice(0, Math.max(path.lastIndexOf('/'), 0)) || '/';
  if (dir(webhookFile) !== dir(policyFile)) {
    return [
      {
        path: at,
        messageId: 'webhookOutsidePolicyDirectory',
        data: { file: webhookFile, directory: dir(policyFile) },
      },
    ];
  }
  const asset = candidateAssets(subject).find((a) => assetPath(a.value) === webhookFile);
  if (!asset) return [{ path: at, messageId: 'webhookNotDelivered', data: { file: webhookFile } }];
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

function checkPolicyAsset(subject: Subject, policyFile: string, policyPath: DocPath): Found[] {
  const assets = candidateAssets(subject);
  const asset = assets.find((a) => assetPath(a.value) === policyFile);
  if (!asset) return [{ path: policyPath, messageId: 'policyNotDelivered', data: { file: policyFile } }];
  const violations = rolesProblem(asset, policyPath, 'the policy');
  const problem = policyProblem(
    asset.value,
    asset.where,
    asset.path ? [...asset.path, 'content'] : policyPath,
  );
  if (problem) violations.push(problem);
  return violations;
}

/** An asset kops does not put on the control plane: roles without ControlPlane (or the old Master). */
function rolesProblem(asset: Asset, fallback: DocPath, what: string): Found[] {
  const roles = asset.value.roles;
  if (!Array.isArray(roles) || roles.length === 0 || roles.includes('ControlPlane')) return [];
  const path = asset.path ? [...asset.path, 'roles'] : fallback;
  if (!roles.includes('Master')) {
    return [{ path, messageId: 'notControlPlane', data: { asset: asset.where, roles: roles.join(', ') } }];
  }
  return [
    {
      path,
      messageId: 'masterRole',
      data: { asset: asset.where, what },
      // Only the cluster's own asset is edited: an InstanceGroup's is another subject's document.
      ...(asset.path
        ? { fix: { at: [...asset.path, 'roles', roles.indexOf('Master')], set: 'ControlPlane' } }
        : {}),
    },
  ];
}

/** Why the asset's content is not a usable audit policy, at `path`; undefined when it is one. */
export function policyProblem(
  asset: Record<string, unknown>,
  where: string,
  path: DocPath,
): Found | undefined {
  const problem = (
    messageId: 'policyEmpty' | 'policyNotMapping' | 'policyNoRules' | 'policyLogsNothing',
  ): Found => ({
    path,
    messageId,
    data: { asset: where },
  });
  let content = asset.content;
  if (typeof content !== 'string' || content.trim() === '') return problem('policyEmpty');
  // Buffer.from never throws on a string: characters outside the base64 alphabet are skipped, and what
  // decodes is judged as YAML like any other content.
  if (asset.isBase64 === true) content = Buffer.from(content.trim(), 'base64').toString('utf8');
  // kube-apiserver decodes the policy file with sigs.k8s.io/yaml (go-yaml v2), as kubectl reads
  // manifests, so the policy is read the way ksec reads every input.
  const stream = readYaml(String(content));
  const error = stream.errors[0];
  if (error !== undefined) {
    const { line, col } = stream.lineCounter.linePos(error.offset);
    const first = error.message.split('\n')[0] ?? '';
    return {
      path,
      messageId: 'policyNotYaml',
      data: { asset: where, error: `line ${line}, column ${col}: ${first}` },
    };
  }
  const policy = stream.documents[0]?.value;
  if (!isObject(policy)) return problem('policyNotMapping');
  if (policy.apiVersion !== 'audit.k8s.io/v1') {
    const apiVersion = JSON.stringify(policy.apiVersion ?? null);
    return { path, messageId: 'policyApiVersion', data: { asset: where, apiVersion } };
  }
  if (policy.kind !== 'Policy') {
    return {
      path,
      messageId: 'policyKind',
      data: { asset: where, kind: JSON.stringify(policy.kind ?? null) },
    };
  }
  if (!Array.isArray(policy.rules) || policy.rules.length === 0) return problem('policyNoRules');
  if (!logsSomething(policy.rules)) return problem('policyLogsNothing');
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
