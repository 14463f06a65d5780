// The gcloud side of the GKE rules: each rule carries, as data, the commands that fix it, so the
// `ksec diff --format shell` remediation script and the `fix.snippet` shown in reports come from one place.

import type { Subject } from '../../model.ts';
import type { PlainObject } from '../../util/object.ts';
import type { ShellValue } from '../../util/shell.ts';
import type { Messages, Rule, RuleDefinition } from '../types.ts';

/** One flag of a gcloud command; the value is quoted when the script is written. */
export interface GcloudFlag {
  flag: `--${string}`;
  value?: ShellValue;
  /** How the value reads in the documentation snippet, when it is a shell variable in the script. */
  placeholder?: string;
}

/** A value the script cannot read from the cluster resource; it comes from the environment. */
export interface ScriptInput {
  /** Shell variable the commands use. */
  variable: string;
  /** Environment variable that supplies it; the script stops before changing anything when it is unset. */
  env: string;
  description: string;
}

/** A step's `comment` becomes a comment line of the script; build one that holds cluster values with `commentText`. */
export type RemediationStep =
  /** `gcloud container clusters update CLUSTER` with one setting group (gcloud refuses to mix groups). */
  | { kind: 'cluster-update'; flags: GcloudFlag[]; comment: string; inputs?: ScriptInput[] }
  /** `gcloud container node-pools update POOL --cluster CLUSTER` with one setting group. */
  | { kind: 'node-pool-update'; pool: string; flags: GcloudFlag[]; comment: string }
  /**
   * No in-place update exists: the script says what to rebuild and shows the create command, commented
   * out (it cannot migrate workloads for you). Rebuilds of one pool, or of the cluster, share one command.
   */
  | { kind: 'rebuild-node-pool'; pool: string; flags: GcloudFlag[]; comment: string }
  | { kind: 'rebuild-cluster'; flags: GcloudFlag[]; comment: string; autopilot?: boolean };

export interface GkeRemediation {
  /**
   * Ordering between rules: lower runs first. Workload Identity (phase 1) must be on before pools
   * switch to the GKE metadata server (phase 2); everything else is independent.
   */
  phase: number;
  /** The steps for a cluster this rule reported; reads the cluster itself (which pools, which CIDRs). */
  steps(cluster: PlainObject, subject: Subject): RemediationStep[];
}

export type GkeRule = Rule & { provider: 'gke'; remediation: GkeRemediation };

/** `defineRule` for a GKE rule: the same checks of its messages and fixes, and its remediation. */
export function defineGkeRule<const M extends Messages, const F extends boolean>(
  rule: RuleDefinition<M, F> & { provider: 'gke'; remediation: GkeRemediation },
): Readonly<GkeRule> {
  return Object.freeze(rule);
}

function snippetFlags(flags: readonly GcloudFlag[]): string {
  return flags
    .map((f) => {
      if (f.value === undefined) return f.flag;
      const shown = f.placeholder ?? (typeof f.value === 'string' ? f.value : f.value.shell);
      return `${f.flag} ${shown}`;
    })
    .join(' ');
}

/** The documentation form of a cluster update (placeholders in capitals). */
export function clusterUpdateSnippet(...groups: (readonly GcloudFlag[])[]): string {
  return groups
    .map((flags) => `gcloud container clusters update CLUSTER --location LOCATION ${snippetFlags(flags)}\n`)
    .join('');
}

export function nodePoolUpdateSnippet(flags: readonly GcloudFlag[]): string {
  return `gcloud container node-pools update POOL --cluster CLUSTER --location LOCATION ${snippetFlags(flags)}\n`;
}

export function nodePoolCreateSnippet(flags: readonly GcloudFlag[]): string {
  return `gcloud container node-pools create NEW_POOL --cluster CLUSTER --location LOCATION ${snippetFlags(flags)}\n`;
}

export function clusterCreateSnippet(flags: readonly GcloudFlag[]): string {
  return `gcloud container clusters create NEW_CLUSTER --location LOCATION ${snippetFlags(flags)}\n`;
}
