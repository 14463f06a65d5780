import type { CheckResult, Finding, Subject } from '../model.ts';
import { formatPath } from '../model.ts';
import { clusterRef } from '../providers/gke/paths.ts';
import type { GcloudFlag, GkeRule, RemediationStep, ScriptInput } from '../rules/gke/_gcloud.ts';
import { gkeRules } from '../rules/gke/index.ts';
import { KsecError } from '../util/errors.ts';
import { renderValue, shellComment, shellQuote } from '../util/shell.ts';

/** For a cluster resource that names no project or location (a hand-trimmed describe output). */
const DEFAULT_PROJECT: ScriptInput = {
  variable: 'default_project',
  env: 'CLOUDSDK_CORE_PROJECT',
  description: 'the project ID of the clusters whose resource does not name it',
};
const DEFAULT_LOCATION: ScriptInput = {
  variable: 'default_location',
  env: 'GKE_LOCATION',
  description: 'the region or zone of the clusters whose resource does not name it',
};

const rulesById = new Map<string, GkeRule>(gkeRules.map((rule) => [rule.id, rule]));

/**
 * The `--format shell` report: a bash script with the gcloud commands that fix the GKE findings in
 * place (one setting group per call, as gcloud requires), and comments for what needs a new node
 * pool or a new cluster. Nothing runs until the user runs it; every value is shell-quoted, and every
 * comment line is written by `shellComment`, so a value from the input (a cluster or node pool name,
 * a file name) can neither run nor end its comment.
 */
export function formatShell(result: CheckResult): string {
  const subjects = result.subjects ?? [];
  const clusters = subjects.filter((s) => s.provider === 'gke');
  if (clusters.length === 0) {
    const found = subjects.length > 0 ? [...new Set(subjects.map((s) => s.object))].join(', ') : 'no cluster';
    throw new KsecError(
      `--format shell writes gcloud commands for GKE clusters, and the input holds none (found: ${found}). ` +
        'Use --format text or json for other inputs.',
    );
  }

  const inputs = new Map<string, ScriptInput>();
  const blocks = clusters.map((cluster) =>
    clusterBlock(cluster, findingsOf(result.findings, cluster), inputs),
  );
  const others = result.findings.filter((f) => f.provider !== 'gke');

  const lines = [
    '#!/usr/bin/env bash',
    shellComment(
      'Remediation for the GKE findings of `ksec diff`. Review it before running it: every command',
    ),
    shellComment(
      'changes a live cluster, and several recreate nodes. GKE runs one operation per cluster at a',
    ),
    shellComment('time, so the commands run one after another and the script stops at the first failure.'),
    'set -euo pipefail',
    '',
  ];
  if (others.length > 0) {
    lines.push(
      shellComment(
        `${others.length} finding${others.length === 1 ? ' is' : 's are'} not GKE finding${others.length === 1 ? '' : 's'} ` +
          `(${[...new Set(others.map((f) => f.file))].join(', ')}) and ${others.length === 1 ? 'is' : 'are'} not handled here;`,
      ),
      shellComment('see `ksec diff --format text` for them.'),
      '',
    );
  }
  if (inputs.size > 0) {
    lines.push(
      shellComment(
        'Values the cluster resource does not hold; the script stops here, before any change, if one is unset.',
      ),
    );
    for (const input of inputs.values()) {
      lines.push(shellComment(`${input.env}: ${input.description}`));
      lines.push(
        `${input.variable}="\${${input.env}:?set ${input.env}: ${input.description.replaceAll(/["$`\\}]/g, '')}}"`,
      );
    }
    lines.push('');
  }
  lines.push(...blocks.flat());
  while (lines.at(-1) === '') lines.pop();
  // Each entry is one line of the script: a line break inside one would be a value that escaped
  // its quoting or its comment. shellQuote and shellComment never write one; keep it that way.
  if (lines.some((line) => line.includes('\n') || line.includes('\r')))
    throw new Error('formatShell: a script line holds a line break');
  return `${lines.join('\n')}\n`;
}

/** The findings that belong to one subject (a file may hold a list of clusters). */
function findingsOf(findings: readonly Finding[], subject: Subject): Finding[] {
  const base = formatPath(subject.base);
  return findings.filter(
    (f) =>
      f.provider === 'gke' &&
      f.file === subject.source.file &&
      f.document === subject.source.index &&
      f.object === subject.object &&
      (base === '' || f.path === base || f.path.startsWith(`${base}.`) || f.path.startsWith(`${base}[`)),
  );
}

function clusterBlock(subject: Subject, findings: Finding[], inputs: Map<string, ScriptInput>): string[] {
  const ref = clusterRef(subject.value, subject.source.value);
  const lines = [
    shellComment(`${'='.repeat(3)} ${subject.object} (${subject.source.file}) ${'='.repeat(3)}`),
  ];
  if (findings.length === 0) {
    lines.push(shellComment('No findings: nothing to change.'), '');
    return lines;
  }
  lines.push(`cluster=${shellQuote(ref.name)}`);
  // Each block sets all three, so a block never inherits the previous cluster's project or location.
  if (ref.project) {
    lines.push(`project=${shellQuote(ref.project)}`);
  } else {
    inputs.set(DEFAULT_PROJECT.variable, DEFAULT_PROJECT);
    lines.push(`project="$${DEFAULT_PROJECT.variable}"`);
  }
  if (ref.location) {
    lines.push(`location=${shellQuote(ref.location)}`);
  } else {
    inputs.set(DEFAULT_LOCATION.variable, DEFAULT_LOCATION);
    lines.push(`location="$${DEFAULT_LOCATION.variable}"`);
  }
  lines.push('');

  const fired = [...new Set(findings.map((f) => f.ruleId))]
    .map((id) => rulesById.get(id))
    .filter((rule): rule is GkeRule => rule !== undefined)
    .sort((a, b) => a.remediation.phase - b.remediation.phase || a.id.localeCompare(b.id));

  // What cannot change in place is collected per node pool (and for the cluster), so that one
  // replacement carries every setting its predecessor lacked.
  const poolRebuilds = new Map<string, Rebuild>();
  const clusterRebuild: Rebuild = { reasons: [], flags: [] };
  let autopilot = false;
  // The settings fixed in place on a pool; its replacement must carry them too.
  const poolSettings = new Map<string, GcloudFlag[]>();
  for (const rule of fired) {
    for (const step of rule.remediation.steps(subject.value, subject)) {
      for (const input of stepInputs(step)) inputs.set(input.variable, input);
      if (step.kind === 'rebuild-node-pool') {
        const rebuild = poolRebuilds.get(step.pool) ?? { reasons: [], flags: [] };
        addRebuild(rebuild, rule.id, step.comment, step.flags);
        poolRebuilds.set(step.pool, rebuild);
      } else if (step.kind === 'rebuild-cluster') {
        addRebuild(clusterRebuild, rule.id, step.comment, step.flags);
        autopilot ||= step.autopilot === true;
      } else {
        if (step.kind === 'node-pool-update')
          poolSettings.set(step.pool, [...(poolSettings.get(step.pool) ?? []), ...step.flags]);
        lines.push(shellComment(`${rule.id}: ${step.comment}`), ...command(step), '');
      }
    }
  }
  const scope = '--project "$project" --location "$location"';
  for (const [pool, rebuild] of poolRebuilds) {
    addRebuild(rebuild, undefined, '', poolSettings.get(pool) ?? []);
    lines.push(
      shellComment(`Needs a new node pool: ${pool} cannot be changed in place.`),
      ...rebuild.reasons,
      shellComment(
        'Create a replacement (same machine type, size and autoscaling as the old pool; the flags below',
      ),
      shellComment(
        `include the settings fixed above), drain the old nodes so the workloads move, then delete ${pool}:`,
      ),
      shellComment(
        `  gcloud container node-pools create ${shellQuote(`${pool}-hardened`)} --cluster "$cluster" ${scope} \\`,
      ),
      shellComment(`    ${flags(rebuild.flags)}`),
      shellComment(`  gcloud container node-pools delete ${shellQuote(pool)} --cluster "$cluster" ${scope}`),
      '',
    );
  }
  if (clusterRebuild.reasons.length > 0) {
    lines.push(
      shellComment(`Needs a new cluster: ${subject.object} cannot be changed in place.`),
      ...clusterRebuild.reasons,
      shellComment(
        'Create a replacement with these flags (and the settings fixed above), move the workloads, then',
      ),
      shellComment('delete this cluster:'),
      shellComment(
        `  gcloud container clusters ${autopilot ? 'create-auto' : 'create'} ${shellQuote(`${ref.name}-hardened`)} ${scope} \\`,
      ),
      shellComment(`    ${flags(clusterRebuild.flags)}`),
      '',
    );
  }
  return lines;
}

interface Rebuild {
  reasons: string[];
  flags: GcloudFlag[];
}

function addRebuild(
  rebuild: Rebuild,
  ruleId: string | undefined,
  comment: string,
  list: readonly GcloudFlag[],
): void {
  if (ruleId) rebuild.reasons.push(shellComment(`  ${ruleId}: ${comment}`));
  for (const flag of list) if (!rebuild.flags.some((f) => f.flag === flag.flag)) rebuild.flags.push(flag);
}

function stepInputs(step: RemediationStep): ScriptInput[] {
  return step.kind === 'cluster-update' ? (step.inputs ?? []) : [];
}

function command(step: Extract<RemediationStep, { kind: 'cluster-update' | 'node-pool-update' }>): string[] {
  const head =
    step.kind === 'cluster-update'
      ? 'gcloud container clusters update "$cluster"'
      : `gcloud container node-pools update ${shellQuote(step.pool)} --cluster "$cluster"`;
  return [`${head} --project "$project" --location "$location" \\`, `  ${flags(step.flags)}`];
}

function flags(list: readonly GcloudFlag[]): string {
  return list.map((f) => (f.value === undefined ? f.flag : `${f.flag} ${renderValue(f.value)}`)).join(' ');
}
