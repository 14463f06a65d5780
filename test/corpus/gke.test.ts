// The GKE corpus tier: real Cluster resources (gcloud describe / clusters.list output) from
// ../shared/corpus/gke. There is no truth table, so what each required rule must do is read from the
// facts of the describe format (absent means off, Autopilot enforces its own settings) and checked
// against every cluster; positions must point at the reported key in the JSON and YAML files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.ts';
import type { Subject } from '../../src/model.ts';
import { AUTOPILOT_ENFORCED } from '../helpers/gke-clusters.ts';
import { corpusDir } from './corpus-root.ts';

type Cluster = Record<string, unknown>;

function get(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Whether each required rule must report the cluster, from the describe-output facts. */
function expected(cluster: Cluster): Record<string, boolean> {
  const autopilot = get(cluster, 'autopilot.enabled') === true;
  const man =
    (get(cluster, 'controlPlaneEndpointsConfig.ipEndpointsConfig.authorizedNetworksConfig') as
      | Cluster
      | undefined) ?? (get(cluster, 'masterAuthorizedNetworksConfig') as Cluster | undefined);
  const cidrs = ((man?.cidrBlocks as { cidrBlock?: string }[] | undefined) ?? []).map((b) => b.cidrBlock);
  return {
    'gke/vpc-native': !autopilot && get(cluster, 'ipAllocationPolicy.useIpAliases') !== true,
    // A DNS-only control plane (ipEndpointsConfig.enabled false) has no IP endpoint to allowlist.
    'gke/master-authorized-networks':
      get(cluster, 'controlPlaneEndpointsConfig.ipEndpointsConfig.enabled') !== false &&
      (man?.enabled !== true || cidrs.includes('0.0.0.0/0')),
    'gke/network-policy':
      !autopilot &&
      get(cluster, 'networkPolicy.enabled') !== true &&
      get(cluster, 'networkConfig.datapathProvider') !== 'ADVANCED_DATAPATH',
    'gke/basic-auth-disabled': Boolean(
      get(cluster, 'masterAuth.username') || get(cluster, 'masterAuth.password'),
    ),
    'gke/client-certificate-disabled':
      get(cluster, 'masterAuth.clientCertificateConfig.issueClientCertificate') === true ||
      Boolean(get(cluster, 'masterAuth.clientKey')),
    'gke/legacy-abac-disabled': get(cluster, 'legacyAbac.enabled') === true,
    // Absent on clusters that predate the setting: the Kubernetes default (anonymous auth on) applies.
    'gke/anonymous-authentication-limited': get(cluster, 'anonymousAuthenticationConfig.mode') !== 'LIMITED',
  };
}

const dir = corpusDir('gke');

// corpusDir has already said (or, under CI, failed) when the corpus is missing.
if (dir)
  describe('GKE corpus', () => {
    const files = readdirSync(dir).filter((f) => /\.(json|ya?ml)$/.test(f));
    const results = files.map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const result = checkText(text, file);
      return { file, text, result, subjects: (result.subjects ?? []) as Subject[] };
    });

    it('recognises every cluster of every file, lists included', () => {
      expect(files.length).toBeGreaterThanOrEqual(10);
      for (const { file, result, subjects } of results) {
        expect(result.errors, file).toEqual([]);
        expect(subjects.length, file).toBeGreaterThan(0);
        expect(new Set(subjects.map((s) => s.provider)), file).toEqual(new Set(['gke']));
      }
      const list = results.find((r) => r.file.startsWith('01-'));
      expect(list?.subjects.length).toBe(7);
    });

    it('reports the required rules exactly where the facts say', () => {
      for (const { file, result, subjects } of results) {
        for (const subject of subjects) {
          const fired = new Set(
            result.findings.filter((f) => f.object === subject.object).map((f) => f.ruleId),
          );
          for (const [rule, fires] of Object.entries(expected(subject.value))) {
            expect(fired.has(rule as never), `${file} ${subject.object} ${rule}`).toBe(fires);
          }
        }
      }
    });

    it('flags Google Cloud access wherever it opens a public endpoint', () => {
      // gcpPublicCidrsAccessEnabled true is gcloud's default (most samples); it admits every Compute
      // Engine public IP to the public endpoint (`gcloud container clusters create --help`).
      let seen = 0;
      for (const { file, result, subjects } of results) {
        for (const subject of subjects) {
          const current = get(subject.value, 'controlPlaneEndpointsConfig.ipEndpointsConfig');
          const path = get(current, 'authorizedNetworksConfig')
            ? 'controlPlaneEndpointsConfig.ipEndpointsConfig.authorizedNetworksConfig'
            : 'masterAuthorizedNetworksConfig';
          const open =
            get(current, 'enabled') !== false &&
            get(current, 'enablePublicEndpoint') !== false &&
            get(subject.value, 'privateClusterConfig.enablePrivateEndpoint') !== true &&
            get(subject.value, `${path}.gcpPublicCidrsAccessEnabled`) === true;
          const flagged = result.findings.some(
            (f) =>
              f.object === subject.object &&
              f.ruleId === 'gke/master-authorized-networks' &&
              f.path.endsWith(`${path}.gcpPublicCidrsAccessEnabled`),
          );
          expect(flagged, `${file} ${subject.object}`).toBe(open);
          if (open) seen++;
        }
      }
      expect(seen).toBeGreaterThan(5);
    });

    it('does not flag Autopilot clusters for what Autopilot enforces', () => {
      const autopilot = results.flatMap(({ result, subjects }) =>
        subjects
          .filter((s) => get(s.value, 'autopilot.enabled') === true)
          .map((s) => result.findings.filter((f) => f.object === s.object).map((f) => f.ruleId)),
      );
      expect(autopilot.length).toBeGreaterThan(0);
      for (const ids of autopilot) for (const rule of AUTOPILOT_ENFORCED) expect(ids).not.toContain(rule);
    });

    it('points every finding at its key when the key exists, in JSON and YAML alike', () => {
      for (const { file, text, result } of results) {
        const lines = text.split('\n');
        for (const finding of result.findings) {
          const key =
            finding.path
              .split('.')
              .pop()
              ?.replace(/\[\d+\]$/, '') ?? '';
          const line = lines[finding.line - 1] ?? '';
          if (line.includes(key)) continue;
          // A key that is absent is reported at the nearest existing parent; that parent is on the line.
          const parents = finding.path.split('.').map((p) => p.replace(/\[\d+\]$/, ''));
          expect(
            parents.some((p) => line.includes(p)) || finding.line === 1 || /^\s*[[{]/.test(line),
            `${file}:${finding.line} ${finding.path}`,
          ).toBe(true);
        }
      }
    });
  });
