import type { DocPath, Severity, Violation } from '../../model.ts';
import { formatPath } from '../../model.ts';
import type { Container } from '../../providers/workload/pod.ts';

/**
 * Collects per-container problems and reports each place once: when several containers inherit
 * the same pod-level value (or the same unset pod-level field), one finding names them all.
 */
export class ContainerViolations {
  private readonly byPath = new Map<string, { path: DocPath; containers: Container[]; build: Builder }>();

  add(path: DocPath, container: Container, build: Builder): void {
    const key = formatPath(path);
    const entry = this.byPath.get(key);
    if (entry) entry.containers.push(container);
    else this.byPath.set(key, { path, containers: [container], build });
  }

  list(): Violation[] {
    return [...this.byPath.values()].map(({ path, containers, build }) => ({ path, ...build(containers) }));
  }
}

type Builder = (containers: readonly Container[]) => {
  message: string;
  severity?: Severity;
  fix?: Violation['fix'];
};

/** `container "web"` or `containers "web", "sidecar"` for messages. */
export function containerList(containers: readonly Container[]): string {
  const names = containers.map((c) => `"${c.name}"`).join(', ');
  return containers.length === 1 ? `container ${names}` : `containers ${names}`;
}

/** The kinds every workload rule targets. */
export { WORKLOAD_KINDS as WORKLOAD_TARGETS } from '../../providers/workload/index.ts';
