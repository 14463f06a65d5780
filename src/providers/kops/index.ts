import type { SourceDocument } from '../../model.ts';
import { isObject } from '../../util/object.ts';
import type { ProviderModule, Recognition } from '../types.ts';

/** apiVersions kops reads. `kops/v1alpha2` is the legacy group, rewritten by kops on load. */
export const KOPS_API_VERSIONS = ['kops.k8s.io/v1alpha2', 'kops.k8s.io/v1alpha3', 'kops/v1alpha2'] as const;
export const KOPS_CHECKED_KINDS = ['Cluster', 'InstanceGroup'] as const;

export const kopsProvider: ProviderModule = {
  name: 'kops',
  accepts: `kops ${KOPS_CHECKED_KINDS.join(' and ')} manifests (apiVersion ${KOPS_API_VERSIONS.join(', ')})`,
  recognise(source: SourceDocument): Recognition | undefined {
    const value = source.value;
    if (!isObject(value)) return undefined;
    const apiVersion = value.apiVersion;
    if (typeof apiVersion !== 'string' || !(KOPS_API_VERSIONS as readonly string[]).includes(apiVersion)) {
      return undefined;
    }
    const kind = typeof value.kind === 'string' ? value.kind : '(no kind)';
    const name =
      isObject(value.metadata) && typeof value.metadata.name === 'string' ? value.metadata.name : '';
    const object = name ? `${kind}/${name}` : kind;
    if (!(KOPS_CHECKED_KINDS as readonly string[]).includes(kind)) {
      return {
        subjects: [],
        skipped: [
          {
            object,
            reason: `kops kind ${kind} is not checked (ksec checks ${KOPS_CHECKED_KINDS.join(', ')})`,
          },
        ],
      };
    }
    return { subjects: [{ provider: 'kops', kind, object, value, base: [], source }] };
  },
};
