import { renderTemplate } from '../render/handlebars.ts';
import { GKE_DEFAULT_MACHINE_TYPE, REGIONAL_ZONES } from '../wizard/questions/gke.ts';
import type { Answers } from '../wizard/types.ts';
import { gkeAnswers } from './answers.ts';
import type { GeneratedFile, Generator } from './types.ts';

/** Everything templates/gke/create-cluster.sh.hbs reads. */
export interface GkeContext {
  name: string;
  project: string;
  /** A region (regional cluster, always for Autopilot) or a zone. */
  location: string;
  regional: boolean;
  autopilot: boolean;
  /** Standard clusters: the nodes' machine type, how many in each zone, and how many in all. */
  machineType: string;
  numNodes: number;
  totalNodes: number;
  authorizedNetworks: string;
  dataplaneV2: boolean;
  calico: boolean;
  privateNodes: boolean;
  masterIpv4Cidr: string | null;
  releaseChannel: string;
  workloadIdentity: boolean;
  nodeServiceAccount: string;
  databaseEncryptionKey: string | null;
}

export function gkeContext(answers: Answers): GkeContext {
  const a = gkeAnswers(answers);
  const zone = a.autopilot ? '' : (a.zone ?? '');
  // The wizard always answers both; an answers object from before they were asked gets its defaults.
  const numNodes = a.numNodes ?? (zone ? 2 : 1);
  return {
    name: a.name,
    project: a.project,
    location: zone || (a.region ?? ''),
    regional: zone === '',
    autopilot: a.autopilot,
    machineType: a.machineType ?? GKE_DEFAULT_MACHINE_TYPE,
    numNodes,
    totalNodes: zone ? numNodes : numNodes * REGIONAL_ZONES,
    authorizedNetworks: a.apiCidrs.join(','),
    dataplaneV2: !a.autopilot && a.networkPolicy === 'dataplane-v2',
    calico: !a.autopilot && a.networkPolicy === 'calico',
    privateNodes: a.privateNodes,
    masterIpv4Cidr: a.privateNodes && a.masterIpv4Cidr ? a.masterIpv4Cidr : null,
    releaseChannel: a.releaseChannel,
    workloadIdentity: !a.autopilot && a.workloadIdentity === true,
    nodeServiceAccount: a.nodeServiceAccount,
    databaseEncryptionKey: a.databaseEncryptionKey || null,
  };
}

/** `create-cluster.sh`: the gcloud command that creates the hardened cluster, one comment per flag. */
export const gkeGenerator: Generator = {
  id: 'gke',
  applies: (answers) => answers.provider === 'gke',
  generate(answers): GeneratedFile[] {
    return [
      {
        path: 'create-cluster.sh',
        content: renderTemplate('gke/create-cluster.sh', gkeContext(answers)),
        mode: 0o755,
      },
    ];
  },
};
