import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { checkText } from '../../src/engine/check.ts';
import { generate } from '../../src/generate/index.ts';
import { resolveAnswers } from '../../src/wizard/resolve.ts';
import { useToday } from '../helpers/today.ts';
import { KOPS_REQUIRED } from '../wizard/helpers.ts';

useToday();

async function filesFor(flags: Record<string, unknown>) {
  const answers = await resolveAnswers({ flags: { ...KOPS_REQUIRED, ...flags }, interactive: false });
  return Object.fromEntries(generate(answers).map((file) => [file.path, file]));
}

describe('kops generator', () => {
  it('writes cluster.yaml, an executable kops-commands.sh and the answers', async () => {
    const files = await filesFor({});
    expect(Object.keys(files)).toEqual([
      'cluster.yaml',
      'kops-commands.sh',
      'k8s/namespaces.yaml',
      'k8s/network-policies.yaml',
      'k8s/rbac-definition.yaml',
      'k8s/workload-example.yaml',
      'ksec.answers.yaml',
    ]);
    expect(files['kops-commands.sh']?.mode).toBe(0o755);
  });

  it('passes its own catalogue: ksec diff finds nothing in the default output', async () => {
    const files = await filesFor({});
    const result = checkText(files['cluster.yaml']?.content ?? '', 'cluster.yaml');
    expect(result.errors).toEqual([]);
    expect(result.findings).toEqual([]);
    expect(result.checked.length).toBe(5);
  });

  it('puts one single-instance control-plane group in each of the first three zones', async () => {
    const files = await filesFor({});
    const docs = parseAllDocuments(files['cluster.yaml']?.content ?? '').map((d) => d.toJS());
    const controlPlanes = docs.filter((d) => d.kind === 'InstanceGroup' && d.spec.role === 'ControlPlane');
    expect(
      controlPlanes.map((g) => [g.metadata.name, g.spec.minSize, g.spec.maxSize, g.spec.subnets]),
    ).toEqual([
      ['control-plane-eu-west-1a', 1, 1, ['eu-west-1a']],
      ['control-plane-eu-west-1b', 1, 1, ['eu-west-1b']],
      ['control-plane-eu-west-1c', 1, 1, ['eu-west-1c']],
    ]);
    for (const group of docs.filter((d) => d.kind === 'InstanceGroup'))
      expect(group.spec.instanceMetadata).toEqual({ httpTokens: 'required', httpPutResponseHopLimit: 1 });
  });

  // api.loadBalancer.type Internal makes kops create the NLB with scheme internal (kops v1.36.2
  // pkg/model/awsmodel/api_loadbalancer.go:280-283), which has private addresses only: from outside the
  // VPC, `kops validate cluster` cannot reach the API and only times out.
  it('with an internal API, the script does not wait on an API it cannot reach, and says where to check it', async () => {
    const commands = (script: string) => script.split('\n').filter((line) => !line.startsWith('#'));
    const internal = (await filesFor({ apiLoadBalancer: 'internal' }))['kops-commands.sh']?.content ?? '';
    expect(commands(internal).filter((line) => line.includes('kops validate'))).toEqual([]);
    expect(internal).toContain('Check it from a machine\n# inside the VPC, or joined to it by VPN');
    expect(internal).toContain('#   kops validate cluster --name dev.example.com --wait 15m');
    const open = (await filesFor({}))['kops-commands.sh']?.content ?? '';
    expect(commands(open)).toContain('kops validate cluster --name "$CLUSTER_NAME" --wait 15m');
  });

  // kops treats a cluster as gossip only when its name ends in .k8s.local and its DNS type is not None
  // (kops v1.36.2 pkg/apis/kops/cluster.go:949-954, UsesLegacyGossip); docs/releases/1.36-NOTES.md:238:
  // "clusters using --dns=none, even with a .k8s.local name, are not affected".
  it('accepts a .k8s.local name: with topology.dns.type None it is not a gossip cluster', async () => {
    const files = await filesFor({ name: 'dev.k8s.local' });
    const cluster = parseAllDocuments(files['cluster.yaml']?.content ?? '')
      .map((d) => d.toJS())
      .find((d) => d.kind === 'Cluster');
    expect(cluster.metadata.name).toBe('dev.k8s.local');
    expect(cluster.spec.topology.dns).toEqual({ type: 'None' });
    expect(checkText(files['cluster.yaml']?.content ?? '', 'cluster.yaml').findings).toEqual([]);
  });
});
