import { asArray, getIn, type PlainObject } from '../../util/object.ts';
import { commentText } from '../../util/shell.ts';
import { clusterUpdateSnippet, defineGkeRule, type GcloudFlag } from './_gcloud.ts';

const COMPONENTS_PATH = ['loggingConfig', 'componentConfig', 'enableComponents'];
/** API enum → gcloud --logging spelling, for every component gcloud 528 can set. */
const FLAG_NAMES: Record<string, string> = {
  SYSTEM_COMPONENTS: 'SYSTEM',
  WORKLOADS: 'WORKLOAD',
  APISERVER: 'API_SERVER',
  // gcloud's own flag spelling has been seen in hand-written API data; read it as the enum.
  API_SERVER: 'API_SERVER',
  SCHEDULER: 'SCHEDULER',
  CONTROLLER_MANAGER: 'CONTROLLER_MANAGER',
};
const REQUIRED = ['SYSTEM', 'WORKLOAD', 'API_SERVER'];
const FLAG_ORDER = ['SYSTEM', 'WORKLOAD', 'API_SERVER', 'SCHEDULER', 'CONTROLLER_MANAGER'];

/** The enabled components; clusters from before loggingConfig only say `loggingService`. */
function enabledComponents(cluster: PlainObject): string[] {
  const config = getIn(cluster, COMPONENTS_PATH);
  if (config !== undefined || getIn(cluster, ['loggingConfig', 'componentConfig']) !== undefined) {
    return asArray(config).filter((c): c is string => typeof c === 'string');
  }
  const service = cluster.loggingService;
  return typeof service === 'string' && service !== 'none' ? ['SYSTEM_COMPONENTS', 'WORKLOADS'] : [];
}

function flagList(cluster: PlainObject): { flags: string[]; unsupported: string[] } {
  const enabled = enabledComponents(cluster);
  const names = new Set([...REQUIRED, ...enabled.flatMap((c) => (FLAG_NAMES[c] ? [FLAG_NAMES[c]] : []))]);
  return {
    flags: FLAG_ORDER.filter((name) => names.has(name)),
    unsupported: enabled.filter((c) => !FLAG_NAMES[c]),
  };
}

const SNIPPET_FLAGS: GcloudFlag[] = [{ flag: '--logging', value: REQUIRED.join(',') }];

export default defineGkeRule({
  id: 'gke/api-server-logging',
  provider: 'gke',
  severity: 'medium',
  title: 'Send system, workload and API server logs to Cloud Logging',
  rationale:
    'When something goes wrong, the API server log shows which requests reached the control plane and ' +
    'how it answered, and the system and workload logs show what ran. Admin Activity audit logs are ' +
    'always kept, but the component logs exist only if they are switched on before the incident.',
  targets: ['GkeCluster'],
  paths: ['loggingConfig.componentConfig.enableComponents', 'loggingService'],
  hardened:
    'enableComponents includes SYSTEM_COMPONENTS, WORKLOADS, APISERVER (gcloud --logging SYSTEM,WORKLOAD,API_SERVER)',
  fix: {
    language: 'shell',
    snippet: clusterUpdateSnippet(SNIPPET_FLAGS),
    manual: '--logging replaces the whole list: include every component that should stay on.',
  },
  fixable: false,
  refs: ['CIS GKE 1.9.0 5.7.1', 'https://cloud.google.com/kubernetes-engine/docs/concepts/about-logs'],
  messages: {
    off: 'cluster logging is off: no component sends logs',
    missing: 'logging leaves out {{missing}}',
  },
  check(subject) {
    const enabled = enabledComponents(subject.value);
    const names = new Set(enabled.flatMap((c) => (FLAG_NAMES[c] ? [FLAG_NAMES[c]] : [])));
    const missing = REQUIRED.filter((name) => !names.has(name));
    if (missing.length === 0) return [];
    if (enabled.length === 0) {
      return [{ path: COMPONENTS_PATH, severity: 'high', messageId: 'off' }];
    }
    return [{ path: COMPONENTS_PATH, messageId: 'missing', data: { missing: missing.join(', ') } }];
  },
  remediation: {
    phase: 1,
    steps(cluster) {
      const { flags, unsupported } = flagList(cluster);
      const dropped =
        unsupported.length > 0
          ? commentText` gcloud cannot name ${unsupported.join(', ')}; check them after the update.`
          : '';
      return [
        {
          kind: 'cluster-update',
          comment: `Logging: ${flags.join(', ')} (the list replaces the current one and keeps what was on).${dropped}`,
          flags: [{ flag: '--logging', value: flags.join(',') }],
        },
      ];
    },
  },
});
