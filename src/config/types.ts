import type { Exemption, Severity } from '../model.ts';

/** `ksec.config.yaml`: policy that belongs to the team, not to the rule. */
export interface KsecConfig {
  /** Per-rule severity override, or `off` to disable the rule. */
  rules?: Record<string, Severity | 'off'>;
  /** Findings to accept: a rule id (or `*`) for files matching a glob-free path prefix, or for named objects. */
  exemptions?: Exemption[];
  /** Default for `--fail-on`. */
  failOn?: Severity | 'none';
}

export type { Exemption } from '../model.ts';
