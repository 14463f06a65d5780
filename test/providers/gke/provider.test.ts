// Recognising GKE clusters by shape: every form gcloud and the API print, and never a kops or
// Kubernetes document, whatever the provider order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkText } from '../../../src/engine/check.ts';
import { generate } from '../../../src/generate/index.ts';
import { parseSource } from '../../../src/input/source.ts';
import { gkeProvider } from '../../../src/providers/gke/index.ts';
import { clusterRef } from '../../../src/providers/gke/paths.ts';
import { resolveAnswers } from '../../../src/wizard/resolve.ts';
import {
  AUTOPILOT_ENFORCED,
  hardenedCluster,
  weakAutopilotCluster,
  weakStandardCluster,
} from '../../helpers/gke-clusters.ts';
import { GKE_INIT_CASES, GKE_REQUIRED } from '../../helpers/gke-init-cases.ts';
import { useToday } from '../../helpers/today.ts';

useToday();

function recognise(text: string) {
  const [source] = parseSource(text, 'input').documents;
  if (!source) throw new Error('no document');
  return gkeProvider.recognise(source);
}

describe('GKE provider', () => {
  const cluster = hardenedCluster('prod', 'europe-west1');

  it('recognises describe output in JSON and in YAML', () => {
    for (const text of [JSON.stringify(cluster, null, 2), stringify(cluster)]) {
      const recognition = recognise(text);
      expect(recognition?.subjects.map((s) => [s.kind, s.object, s.base])).toEqual([
        ['GkeCluster', 'GkeCluster/prod', []],
      ]);
    }
  });

  it('recognises a clusters list array, a REST clusters.list response and a clusters.create body', () => {
    const other = hardenedCluster('stage', 'europe-west1');
    expect(recognise(JSON.stringify([cluster, other]))?.subjects.map((s) => s.base)).toEqual([[0], [1]]);
    expect(recognise(JSON.stringify({ clusters: [cluster, other] }))?.subjects.map((s) => s.base)).toEqual([
      ['clusters', 0],
      ['clusters', 1],
    ]);
    const create = {
      cluster: { name: 'c1', nodePools: [{ name: 'default-pool' }] },
      parent: 'projects/p1/locations/l1',
    };
    expect(recognise(JSON.stringify(create))?.subjects.map((s) => s.base)).toEqual([['cluster']]);
  });

  it('reports list items that are not clusters as skipped', () => {
    const recognition = recognise(JSON.stringify([cluster, { hello: 'world' }]));
    expect(recognition?.subjects).toHaveLength(1);
    expect(recognition?.skipped).toEqual([
      { object: 'item 1', reason: 'not a GKE Cluster resource', path: [1] },
    ]);
  });

  it('never claims a document with apiVersion or kind, or a mapping that is not a cluster', () => {
    const kops =
      'apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nmetadata:\n  name: a\nspec:\n  networking: {}\n';
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nodePools\nspec:\n  containers: []\n';
    const list = 'apiVersion: v1\nkind: List\nitems:\n- name: x\n  nodePools: []\n';
    // A Cluster resource that someone wrapped with a kind is not gcloud output either.
    const wrapped = JSON.stringify({ ...cluster, kind: 'Cluster' });
    for (const text of [kops, pod, list, wrapped, 'name: just-a-name\n', '[]', 'clusters: []\n']) {
      expect(recognise(text)).toBeUndefined();
    }
  });

  it('counts only Cluster fields with the shape the API gives them', () => {
    // container_v1_messages.py (gcloud 528) `class Cluster`: autopilot, networkPolicy and nodePools
    // are messages; a boolean, a string or a list of strings under those names is something else.
    for (const odd of [
      { name: 'c1', autopilot: false, networkPolicy: 'calico' },
      { name: 'c1', legacyAbac: {}, networkPolicy: 'dataplane-v2' },
      { name: 'c1', nodePools: ['default-pool'] },
      { ...cluster, autopilot: true },
    ]) {
      expect(recognise(JSON.stringify(odd)), JSON.stringify(odd)).toBeUndefined();
    }
    // An empty value (`autopilot:` in YAML) fits any field, and fields the v1 message does not know
    // (beta-only ones such as protectConfig) are not judged.
    expect(recognise('name: c1\nautopilot:\nlegacyAbac: {}\nprotectConfig: true\n')?.subjects).toHaveLength(
      1,
    );
    // A scalar field takes any scalar: hand-written YAML may leave a version or an id unquoted.
    const unquoted = 'name: c1\nid: 1234\ncurrentMasterVersion: 1.30\nlegacyAbac: {}\n';
    expect(recognise(unquoted)?.subjects).toHaveLength(1);
  });

  it('skips the answers file ksec init writes, and never reads it as a cluster', async () => {
    // `ksec diff DIR` on a GKE init output once read ksec.answers.yaml as a cluster (its
    // `autopilot` and `networkPolicy` answers share names with Cluster fields) and reported 10 findings.
    for (const flags of Object.values(GKE_INIT_CASES)) {
      const files = generate(
        await resolveAnswers({ flags: { ...GKE_REQUIRED, ...flags }, interactive: false }),
      );
      const answers = files.find((f) => f.path === 'ksec.answers.yaml')?.content ?? '';
      expect(recognise(answers)).toEqual({
        subjects: [],
        skipped: [
          {
            object: 'ksec init answers (provider: gke)',
            reason:
              'the answers ksec init used, not a cluster: ksec diff checks the files init generates from them',
          },
        ],
      });
      const result = checkText(answers, 'ksec.answers.yaml');
      expect(result.findings).toEqual([]);
      expect(result.errors.map((e) => e.message)).toEqual([
        expect.stringContaining(
          'nothing ksec checks in this file (found: ksec init answers (provider: gke))',
        ),
      ]);
    }
  });

  it('does not take kops documents away from the kops provider in a mixed file', () => {
    const kops = readFileSync(
      join(import.meta.dirname, '..', '..', '..', 'examples', 'kops-cluster.yaml'),
      'utf8',
    );
    const result = checkText(`${kops}\n---\n${stringify(cluster)}`, 'mixed.yaml');
    const providers = result.checked.map((c) => c.provider);
    expect(providers.filter((p) => p === 'gke')).toHaveLength(1);
    expect(providers.filter((p) => p === 'kops').length).toBeGreaterThan(0);
  });

  it('reads project and location from selfLink, location or a create request parent', () => {
    expect(clusterRef(cluster)).toEqual({ name: 'prod', project: 'ksec-oracle', location: 'europe-west1' });
    expect(clusterRef({ name: 'c1', zone: 'us-central1-a' })).toEqual({
      name: 'c1',
      location: 'us-central1-a',
    });
    expect(clusterRef({ name: 'c1' }, { parent: 'projects/p9/locations/asia-east1' })).toEqual({
      name: 'c1',
      project: 'p9',
      location: 'asia-east1',
    });
  });
});

describe('GKE rules on whole clusters', () => {
  it('find nothing on a hardened cluster', () => {
    const result = checkText(JSON.stringify(hardenedCluster('prod', 'europe-west1')), 'prod.json');
    expect(result.errors).toEqual([]);
    expect(result.findings).toEqual([]);
  });

  it('report every gke rule on a weak Standard cluster', () => {
    const result = checkText(JSON.stringify(weakStandardCluster('weak', 'europe-west1')), 'weak.json');
    const ids = new Set(result.findings.map((f) => f.ruleId));
    expect([...ids].sort()).toEqual(
      [
        'gke/anonymous-authentication-limited',
        'gke/api-server-logging',
        'gke/basic-auth-disabled',
        'gke/client-certificate-disabled',
        'gke/gke-metadata-server',
        'gke/kubelet-read-only-port-disabled',
        'gke/kubernetes-version-supported',
        'gke/legacy-abac-disabled',
        'gke/master-authorized-networks',
        'gke/network-policy',
        'gke/node-service-account',
        'gke/private-nodes',
        'gke/release-channel',
        'gke/security-posture',
        'gke/shielded-nodes',
        'gke/shielded-secure-boot',
        'gke/vpc-native',
        'gke/workload-identity',
      ].sort(),
    );
  });

  it('do not flag on Autopilot what Autopilot enforces', () => {
    const result = checkText(JSON.stringify(weakAutopilotCluster('auto', 'us-central1')), 'auto.json');
    const ids = new Set(result.findings.map((f) => f.ruleId));
    for (const enforced of AUTOPILOT_ENFORCED) expect(ids.has(enforced as never), enforced).toBe(false);
    expect(ids.has('gke/master-authorized-networks')).toBe(true);
  });
});
