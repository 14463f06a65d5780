import { containersOf, describeContainer } from '../../providers/workload/pod.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

/** The tag of an image reference: the part after `:` in the last path component; undefined when none. */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0] ?? image;
  const lastComponent = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastComponent.indexOf(':');
  return colon < 0 ? undefined : lastComponent.slice(colon + 1);
}

export default defineRule({
  id: 'workload/image-tag-pinned',
  provider: 'workload',
  severity: 'medium',
  title: 'Pin every container image to a version or digest',
  rationale:
    'An image without a tag, or tagged latest, is whatever the registry serves at pull time: nodes can run ' +
    'different code for the same pod, a compromised registry push is picked up silently, and a rollback has ' +
    'nothing to go back to. A version tag, better a digest, makes what runs reviewable.',
  targets: WORKLOAD_TARGETS,
  paths: ['<pod spec>.{containers,initContainers,ephemeralContainers}[].image'],
  hardened: 'image: registry.example.com/app:1.4.2 (or @sha256:<digest>)',
  fix: {
    language: 'yaml',
    snippet: 'containers:\n- name: app\n  image: registry.example.com/app:1.4.2@sha256:<digest>\n',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
  messages: {
    latest: '{{container}} uses the latest tag: {{image}}',
    noTag: '{{container}} uses no tag (latest): {{image}}',
  },
  check(subject) {
    return containersOf(subject).flatMap((container) => {
      const image = container.value.image;
      if (typeof image !== 'string' || image.includes('@sha256:')) return [];
      const tag = imageTag(image);
      if (tag !== undefined && tag !== 'latest' && tag !== '') return [];
      return [
        {
          path: [...container.path, 'image'],
          messageId: tag === 'latest' ? ('latest' as const) : ('noTag' as const),
          data: { container: describeContainer(container), image },
        },
      ];
    });
  },
});
