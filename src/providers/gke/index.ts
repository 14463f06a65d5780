import type { DocPath, SourceDocument } from '../../model.ts';
import { isObject, type PlainObject } from '../../util/object.ts';
import type { ProviderModule, RecognisedSubject, Recognition, SkippedObject } from '../types.ts';
import { misshapenClusterFields } from './fields.ts';

export const GKE_CLUSTER_KIND = 'GkeCluster';

/**
 * Keys of the GKE `Cluster` resource (container.googleapis.com v1) that a Kubernetes or kops
 * document never has at its top level. `describe` output carries no apiVersion/kind, so the shape
 * is all there is to recognise it by.
 */
const CLUSTER_KEYS = [
  'addonsConfig',
  'autopilot',
  'binaryAuthorization',
  'controlPlaneEndpointsConfig',
  'currentMasterVersion',
  'databaseEncryption',
  'initialClusterVersion',
  'ipAllocationPolicy',
  'legacyAbac',
  'loggingConfig',
  'masterAuth',
  'masterAuthorizedNetworksConfig',
  'networkConfig',
  'networkPolicy',
  'nodePools',
  'privateClusterConfig',
  'releaseChannel',
  'shieldedNodes',
  'workloadIdentityConfig',
] as const;

const CLUSTER_SELF_LINK = /\/projects\/[^/]+\/(locations|zones)\/[^/]+\/clusters\/[^/]+$/;

/**
 * True for a plain object shaped like a GKE Cluster resource (and not like a Kubernetes object).
 * Only the Cluster's own fields count, and only with the shape the API gives them: `autopilot: false`
 * and `networkPolicy: calico` (a ksec answers file) make a document that is not a cluster.
 */
export function looksLikeGkeCluster(value: unknown): boolean {
  if (!isObject(value) || 'apiVersion' in value || 'kind' in value) return false;
  if (typeof value.name !== 'string' || value.name === '') return false;
  if (misshapenClusterFields(value).length > 0) return false;
  if (typeof value.selfLink === 'string' && CLUSTER_SELF_LINK.test(value.selfLink)) return true;
  return CLUSTER_KEYS.filter((key) => key in value).length >= 2 || Array.isArray(value.nodePools);
}

/**
 * The answers file `ksec init` writes next to what it generates (ksec.answers.yaml): a mapping with
 * the wizard's `provider` answer, a key no Cluster resource has. Returns the provider it names.
 */
function ksecAnswersProvider(value: unknown): string | undefined {
  if (!isObject(value) || 'apiVersion' in value || 'kind' in value) return undefined;
  return value.provider === 'gke' || value.provider === 'kops' ? value.provider : undefined;
}

function subject(source: SourceDocument, value: PlainObject, base: DocPath): RecognisedSubject {
  return {
    provider: 'gke',
    kind: GKE_CLUSTER_KIND,
    object: `${GKE_CLUSTER_KIND}/${String(value.name)}`,
    value,
    base,
    source,
  };
}

/** A list of clusters: each cluster is one subject, anything else in the list is reported as skipped. */
function fromList(source: SourceDocument, items: unknown[], base: DocPath): Recognition | undefined {
  const subjects: RecognisedSubject[] = [];
  const skipped: SkippedObject[] = [];
  items.forEach((item, index) => {
    if (looksLikeGkeCluster(item)) subjects.push(subject(source, item as PlainObject, [...base, index]));
    else
      skipped.push({ object: `item ${index}`, reason: 'not a GKE Cluster resource', path: [...base, index] });
  });
  if (subjects.length === 0) return undefined;
  return skipped.length > 0 ? { subjects, skipped } : { subjects };
}

/**
 * GKE clusters as gcloud and the API print them: `gcloud container clusters describe` (YAML or
 * JSON), `gcloud container clusters list --format=json` (an array), the REST `clusters.list`
 * response (`{clusters: [...]}`) and a `clusters.create` request body (`{cluster: {...}}`).
 */
export const gkeProvider: ProviderModule = {
  name: 'gke',
  accepts:
    'GKE Cluster resources (gcloud container clusters describe/list --format=yaml|json, the REST Cluster, clusters.list or clusters.create body)',
  recognise(source: SourceDocument): Recognition | undefined {
    const value = source.value;
    if (Array.isArray(value)) return fromList(source, value, []);
    if (!isObject(value) || 'apiVersion' in value || 'kind' in value) return undefined;
    const answers = ksecAnswersProvider(value);
    if (answers) {
      return {
        subjects: [],
        skipped: [
          {
            object: `ksec init answers (provider: ${answers})`,
            reason:
              'the answers ksec init used, not a cluster: ksec diff checks the files init generates from them',
          },
        ],
      };
    }
    if (looksLikeGkeCluster(value)) return { subjects: [subject(source, value, [])] };
    if (Array.isArray(value.clusters)) return fromList(source, value.clusters, ['clusters']);
    if (looksLikeGkeCluster(value.cluster)) {
      return { subjects: [subject(source, value.cluster as PlainObject, ['cluster'])] };
    }
    return undefined;
  },
};
