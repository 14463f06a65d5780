import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/generate/index.ts';
import { resolveAnswers } from '../../src/wizard/resolve.ts';
import { GKE_INIT_CASES, GKE_REQUIRED } from '../helpers/gke-init-cases.ts';
import { scriptedAsk } from '../wizard/helpers.ts';

const SNAPSHOTS = join(import.meta.dirname, '..', '..', 'snapshots', 'init');
/** The k8s/ files of a GKE cluster with default namespaces, snapshotted by the k8s generator's test. */
const K8S_GKE_DEFAULT = readdirSync(join(SNAPSHOTS, 'k8s-gke-default')).sort();

async function filesFor(flags: Record<string, unknown>) {
  const answers = await resolveAnswers({ flags: { ...GKE_REQUIRED, ...flags }, interactive: false });
  return generate(answers);
}

describe('ksec init --provider gke', () => {
  for (const [name, flags] of Object.entries(GKE_INIT_CASES)) {
    it(`${name} (snapshot)`, async () => {
      const files = await filesFor(flags);
      const [k8s, own] = [
        files.filter((f) => f.path.startsWith('k8s/')),
        files.filter((f) => !f.path.startsWith('k8s/')),
      ];
      expect(own.map((f) => f.path)).toEqual(['create-cluster.sh', 'ksec.answers.yaml']);
      for (const file of own)
        await expect(file.content).toMatchFileSnapshot(join(SNAPSHOTS, name, file.path));
      // The k8s/ manifests depend only on the provider, the namespace answers and the Kubernetes version,
      // which every case leaves at their defaults: they are the k8s-gke-default snapshot, not stored again.
      expect(k8s.map((f) => f.path)).toEqual(K8S_GKE_DEFAULT.map((f) => `k8s/${f}`));
      for (const file of k8s)
        expect(file.content, file.path).toBe(
          readFileSync(join(SNAPSHOTS, 'k8s-gke-default', file.path.slice(4)), 'utf8'),
        );
      const dir = mkdtempSync(join(tmpdir(), 'ksec-gke-'));
      writeFileSync(join(dir, 'create-cluster.sh'), own[0]?.content ?? '');
      expect(() =>
        execFileSync('bash', ['-n', join(dir, 'create-cluster.sh')], { stdio: 'pipe' }),
      ).not.toThrow();
    });
  }

  it('says who else reaches the control plane, with private nodes and without', async () => {
    // `gcloud container clusters create --help` (528), --enable-master-authorized-networks: besides the
    // listed blocks, "the private network the cluster connects to if --enable-private-nodes is
    // specified" and "Google Compute Engine Public IPs if --enable-private-nodes is not specified".
    const script = async (flags: Record<string, unknown>) =>
      (await filesFor({ region: 'europe-west1', ...flags }))[0]?.content ?? '';
    const privateNodes = await script({});
    expect(privateNodes).toContain("besides them only the cluster's own VPC reaches the control plane");
    const publicNodes = await script({ privateNodes: false });
    expect(publicNodes).toContain('Without private nodes they are not the only way in');
    expect(publicNodes).toContain(
      "Compute Engine public IPs (the nodes' among them) reach the control plane",
    );
    for (const text of [privateNodes, publicNodes]) {
      expect(text).not.toContain('Only the authorized networks');
      expect(text).toContain('--no-enable-google-cloud-access');
    }
  });

  it('sets no disable-legacy-endpoints metadata, whose endpoints were shut down in 2020', async () => {
    // The key turned off the v0.1 and v1beta1 metadata endpoints, which answered without the
    // Metadata-Flavor header. Google's notice: "After September 30, 2020, requests to the v0.1 and
    // v1beta1 endpoints will no longer be supported" (quoted in chat21/chat21-cloud-functions#21; see
    // cloud.google.com/compute/docs/migrating-to-v1-metadata-server). CIS GKE dropped the item in 1.6.0,
    // and GKE sets the key on every pool itself (every describe sample shows it 'true').
    for (const flags of Object.values(GKE_INIT_CASES)) {
      const script = (await filesFor(flags))[0]?.content ?? '';
      expect(script).not.toContain('disable-legacy-endpoints');
      expect(script).not.toContain('--metadata');
    }
  });

  it('names the role Google documents for node service accounts', async () => {
    // docs.cloud.google.com/kubernetes-engine/security/configure-node-service-accounts: node service
    // accounts need at least roles/container.defaultNodeServiceAccount on the project.
    const script = (await filesFor({ region: 'europe-west1' }))[0]?.content ?? '';
    expect(script).toContain('roles/container.defaultNodeServiceAccount');
    expect(script).not.toContain('roles/monitoring.viewer');
  });

  it('asks for no image scanning GKE has retired, and says where images are scanned', async () => {
    // https://cloud.google.com/kubernetes-engine/docs/deprecations/vulnerability-scanning-gkee: the
    // standard tier of workload vulnerability scanning was shut down on 2025-07-31.
    for (const flags of Object.values(GKE_INIT_CASES)) {
      const script = (await filesFor(flags))[0]?.content ?? '';
      expect(script).not.toContain('--workload-vulnerability-scanning');
      expect(script).toContain('--security-posture standard');
      expect(script).toContain('Artifact Analysis');
      expect(script).toContain('containerscanning.googleapis.com');
    }
  });

  it('passes every answer to gcloud as one literal word, however odd', async () => {
    // No whitespace (the validator refuses it), but command substitution and every quote character.
    const key = [
      'projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k$(touch$',
      '{IFS}pwned)\'"`;x',
    ].join('');
    const files = await filesFor({ region: 'europe-west1', databaseEncryptionKey: key });
    const dir = mkdtempSync(join(tmpdir(), 'ksec-gke-'));
    // A stand-in gcloud that prints each argument on its own line.
    writeFileSync(join(dir, 'gcloud'), '#!/usr/bin/env bash\nprintf "%s\\n" "$@"\n');
    chmodSync(join(dir, 'gcloud'), 0o755);
    writeFileSync(join(dir, 'create-cluster.sh'), files[0]?.content ?? '');
    const run = spawnSync('bash', ['create-cluster.sh'], {
      cwd: dir,
      env: { PATH: `${dir}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const args = run.stdout.split('\n');
    expect(args[args.indexOf('--database-encryption-key') + 1]).toBe(key);
    expect(spawnSync('test', ['-e', join(dir, 'pwned')]).status).not.toBe(0);
  });

  it('refuses answers GKE would refuse, naming the flag and the reason', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ region: 'europe-west1', project: 'My Project' }, /--project: .*not a project ID/],
      [{ region: 'europe-west1', name: 'Prod_1' }, /--name: .*not a GKE cluster name/],
      [{ region: 'europe-west1-b' }, /--region: .*is a zone/],
      [{ region: 'europe-west1', apiCidrs: ['2001:db8::/32'] }, /--api-cidr: .*IPv4/],
      [{ region: 'europe-west1', masterIpv4Cidr: '172.16.0.0/24' }, /--master-ipv4-cidr: .*\/28/],
      [
        { region: 'europe-west1', nodeServiceAccount: '123456789-compute@developer.gserviceaccount.com' },
        /--node-service-account: .*Compute Engine default service account/,
      ],
      [
        { region: 'europe-west1', databaseEncryptionKey: 'my-key' },
        /--database-encryption-key: .*Cloud KMS key/,
      ],
      [{ region: 'europe-west1', apiCidrs: ['0.0.0.0/0'] }, /--confirm-open-api/],
    ];
    for (const [flags, message] of cases) {
      await expect(filesFor(flags), JSON.stringify(flags)).rejects.toThrow(message);
    }
  });

  it('asks the region, then a zone in it; Autopilot is regional; a zone alone names its region', async () => {
    await expect(filesFor({})).rejects.toThrow(/--region/);
    // An answers file from before the region was always asked holds only the zone: its region follows.
    const zonal = await resolveAnswers({
      flags: { ...GKE_REQUIRED, zone: 'europe-west1-b' },
      interactive: false,
    });
    expect(zonal).toMatchObject({ region: 'europe-west1', zone: 'europe-west1-b', numNodes: 2 });
    const both = await resolveAnswers({
      flags: { ...GKE_REQUIRED, zone: 'europe-west1-b', region: 'europe-west1' },
      interactive: false,
    });
    expect(both.zone).toBe('europe-west1-b');
    await expect(filesFor({ zone: 'us-east1-b', region: 'europe-west1' })).rejects.toThrow(
      '--zone: "us-east1-b" is in us-east1, not in the cluster\'s region europe-west1; its zones are europe-west1-b, europe-west1-c, europe-west1-d',
    );
    await expect(filesFor({ autopilot: true, zone: 'europe-west1-b' })).rejects.toThrow(
      '--zone does not apply to these answers: it is used only without --autopilot (Autopilot clusters are regional)',
    );
    await expect(filesFor({ autopilot: true, region: 'us-east1', networkPolicy: 'calico' })).rejects.toThrow(
      /--network-policy does not apply/,
    );
    await expect(filesFor({ autopilot: true, region: 'us-east1', numNodes: 3 })).rejects.toThrow(
      /--num-nodes does not apply to these answers: it is used only without --autopilot/,
    );
    const autopilot = await resolveAnswers({
      flags: { ...GKE_REQUIRED, autopilot: true, region: 'europe-west1' },
      interactive: false,
    });
    expect(autopilot.zone).toBeUndefined();
    expect(autopilot.networkPolicy).toBeUndefined();
    expect(autopilot.machineType).toBeUndefined();
  });

  it('checks regions and zones against the known list; others need a confirmation', async () => {
    // docs.cloud.google.com/compute/docs/regions-zones (read 2026-08): europe-west1 has zones b, c, d.
    await expect(filesFor({ region: 'europe-wast1' })).rejects.toThrow(
      '--region: "europe-wast1" is not in ksec\'s list of Google Cloud regions (read 2026-08 from Google\'s regions page; closest: europe-west1, europe-west2, europe-west3); pass --confirm-region to accept it',
    );
    await expect(filesFor({ region: 'europe-west1', zone: 'europe-west1-a' })).rejects.toThrow(
      /--zone: "europe-west1-a" is not in ksec's list of the zones of europe-west1 \(.*europe-west1-b, europe-west1-c, europe-west1-d\); pass --confirm-zone/,
    );
    // A region newer than the list is a yes away, and the confirmation is kept with the answers.
    const newer = await resolveAnswers({
      flags: { ...GKE_REQUIRED, region: 'europe-west99', confirmRegion: true, zone: 'europe-west99-a' },
      interactive: false,
    });
    expect(newer).toMatchObject({ region: 'europe-west99', confirmRegion: true, zone: 'europe-west99-a' });
    expect(newer.confirmZone).toBeUndefined();
    for (const region of ['us-central1', 'africa-south1', 'europe-north2', 'northamerica-south1'])
      await expect(filesFor({ region })).resolves.toBeDefined();
    await expect(filesFor({ region: 'us-central1', zone: 'us-central1-f' })).resolves.toBeDefined();
  });

  it('refuses a KMS key outside the cluster region, zonal clusters included', async () => {
    const key = (location: string) => `projects/p/locations/${location}/keyRings/r/cryptoKeys/k`;
    await expect(
      filesFor({ region: 'europe-west1', databaseEncryptionKey: key('us-east1') }),
    ).rejects.toThrow(
      "--database-encryption-key: the key is in us-east1, but the cluster is in europe-west1: GKE needs the key in the cluster's location (a key ring in europe-west1)",
    );
    await expect(filesFor({ region: 'europe-west1', databaseEncryptionKey: key('global') })).rejects.toThrow(
      /the key is in global/,
    );
    await expect(
      filesFor({ zone: 'europe-west1-b', databaseEncryptionKey: key('europe-west1') }),
    ).resolves.toBeDefined();
  });

  it('sizes the node pool: machine type and nodes per zone, with the total stated', async () => {
    const script = async (flags: Record<string, unknown>) => (await filesFor(flags))[0]?.content ?? '';
    const regional = await script({ region: 'europe-west1' });
    expect(regional).toContain('MACHINE_TYPE=e2-medium\n');
    expect(regional).toContain(
      '# Nodes in each of the three zones GKE spreads a regional cluster over: 3 in all.\nNUM_NODES=1\n',
    );
    expect(regional).toMatch(/--machine-type "\$MACHINE_TYPE"\n {2}--num-nodes "\$NUM_NODES"\n/);
    const zonal = await script({ zone: 'europe-west1-b', numNodes: 4, machineType: 'n2-standard-4' });
    expect(zonal).toContain("MACHINE_TYPE=n2-standard-4\n# Nodes, all in the cluster's zone.\nNUM_NODES=4\n");
    const autopilot = await script({ autopilot: true, region: 'europe-west1' });
    expect(autopilot).not.toContain('--num-nodes');
    expect(autopilot).not.toContain('MACHINE_TYPE');
    await expect(filesFor({ region: 'europe-west1', machineType: 't3.medium' })).rejects.toThrow(
      /--machine-type: "t3\.medium" is an EC2 instance type/,
    );
    // cloud.google.com/kubernetes-engine/quotas: 1,000 nodes per node pool zone.
    await expect(filesFor({ region: 'europe-west1', numNodes: 1001 })).rejects.toThrow(
      /--num-nodes: the node count per zone must be between 1 and 1000/,
    );
    await expect(filesFor({ region: 'europe-west1', numNodes: 0 })).rejects.toThrow(/between 1 and 1000/);
  });

  it('asks the GKE questions in order at the terminal, and re-asks what GKE would refuse', async () => {
    const notes: string[] = [];
    const { ask, asked, refused } = scriptedAsk({
      name: ['Prod.Example.Com', 'prod'],
      nameSuggestion: [false],
      project: ['my-project-123'],
      region: ['europe-west1-b', 'europe-west1'],
      apiCidrs: ['203.0.113.9/24'],
      apiCidrsSuggestion: [true],
    });
    const answers = await resolveAnswers({
      flags: { provider: 'gke' },
      interactive: true,
      ask,
      note: (text) => notes.push(text),
    });
    expect(refused.map((r) => r.name)).toEqual(['region']);
    expect(asked.map((p) => p.name).filter((n) => !n.endsWith('Suggestion'))).toEqual([
      'name',
      'name',
      'project',
      'autopilot',
      'region',
      'zone',
      'machineType',
      'numNodes',
      'apiCidrs',
      'networkPolicy',
      'privateNodes',
      'masterIpv4Cidr',
      'releaseChannel',
      'workloadIdentity',
      'nodeServiceAccount',
      'databaseEncryptionKey',
      'namespaces',
      'namespaceOwners',
      'namespaceRole',
    ]);
    // The name is explained as GKE's, not kops' DNS name.
    const name = asked.find((p) => p.name === 'name');
    expect(name?.message).toBe('Cluster name (e.g. prod)');
    expect(name?.why).toMatch(/^The name of the cluster in its project and location/);
    expect(asked.find((p) => p.name === 'zone')?.why).toContain(
      'Its zones: europe-west1-b, europe-west1-c, europe-west1-d.',
    );
    expect(asked.find((p) => p.name === 'numNodes')?.why).toContain('1 makes 3 nodes in all');
    expect(notes).toContain('  3 nodes in all.\n');
    expect(answers).toMatchObject({
      name: 'prod',
      region: 'europe-west1',
      zone: '',
      machineType: 'e2-medium',
      numNodes: 1,
      apiCidrs: ['203.0.113.0/24'],
      networkPolicy: 'dataplane-v2',
      nodeServiceAccount: 'gke-nodes@my-project-123.iam.gserviceaccount.com',
    });
  });
});
