import type { DocPath } from '../../model.ts';
import { formatPath } from '../../model.ts';
import type { Container } from '../../providers/workload/pod.ts';

/**
 * Collects per-container problems and reports each place once: when several containers inherit
 * the same pod-level value (or the same unset pod-level field), one finding names them all.
 */
export class ContainerViolations<V extends { path: DocPath }> {
  private readonly byPath = new Map<string, { path: DocPath; containers: Container[]; build: Builder<V> }>();

  add(path: DocPath, container: Container, build: Builder<V>): void {
    const key = formatPath(path);
    const entry = this.byPath.get(key);
    if (entry) entry.containers.push(container);
    else this.byPath.set(key, { path, containers: [container], build });
  }

  list(): V[] {
    return [...this.byPath.values()].map(({ path, containers, build }) => build(containers, path));
  }
}

/** The violation for the containers that share one place. */
type Builder<V> = (containers: readonly Container[], path: DocPath) => V;

/** `container "web"` or `containers "web", "sidecar"` for messages. */
export function containerList(containers: readonly Container[]): string {
  const names = containers.map((c) => `"${c.name}"`).join(', ');
  return containers.length === 1 ? `container ${names}` : `containers ${names}`;
}

/** The verb that agrees with a container list: `one` for a single container, `many` for several. */
export function agree(containers: readonly Container[], one: string, many: string): string {
  return containers.length === 1 ? one : many;
}

/** The kinds every workload rule targets. */
export { WORKLOAD_KINDS as WORKLOAD_TARGETS } from '../../providers/workload/index.ts';
