import type { Severity } from '../model.ts';

/** `ksec.config.yaml`: policy that belongs to the team, not to the rule. */
export interface KsecConfig {
  /** Per-rule severity override, or `off` to disable the rule. */
  rules?: Record<string, Severity | 'off'>;
  /** Findings to accept: a rule id (or `*`) for files matching a glob-free path prefix, or for named objects. */
  exemptions?: Exemption[];
  /** Default for `--fail-on`. */
  failOn?: Severity | 'none';
}

export interface Exemption {
  rule: string;
  /** File path prefix, relative to the working directory. */
  file?: string;
  /** Object name as reported, e.g. `Cluster/prod.example.com`. */
  object?: string;
  /** Namespace of a workload, as its manifest names it. */
  namespace?: string;
  /** One finding, by the `id` the JSON report gives it (rule, file, object and path). */
  id?: string;
  reason?: string;
}
