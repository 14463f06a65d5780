// The wizard in a real pseudo-terminal, driven through the real prompts (test/e2e/pty-driver.py),
// at 80 and 160 columns as a new user in a small or a wide terminal would see it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { BIN, missingTranscriptLine, ROOT, transcript } from './helpers.ts';

type Step = { expect: string } | { send: string };
const ENTER = '\r';
const DOWN = '\x1b[B';
const CTRL_C = '\x03';
const ERASE = '\x15'; // Ctrl-U: clears the reply inquirer keeps for editing after a refusal.

/** Runs the built CLI in a pseudo-terminal through test/e2e/pty-driver.py. */
function inTerminal(args: string[], cwd: string, steps: Step[], columns = 200) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: cwd,
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
  };
  const spec = { argv: [process.execPath, BIN, ...args], cwd, env, steps, columns, rows: 50 };
  const driver = spawnSync('python3', [join(ROOT, 'test', 'e2e', 'pty-driver.py'), JSON.stringify(spec)], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (driver.status !== 0) throw new Error(`pty driver failed: ${driver.stderr}`);
  return JSON.parse(driver.stdout) as { code: number; output: string; error: string | null };
}

/** The answers a kops run leaves open when these flags are given: name, version, count, CIDRs… */
const FLAGS = [
  'init',
  '--provider',
  'kops',
  '--state',
  's3://example-kops-state',
  '--zones',
  'eu-west-1a,eu-west-1b,eu-west-1c',
  '--control-plane-size',
  't3.large',
  '--node-size',
  't3.large',
  '--node-count',
  '3',
  '--audit-level',
  'Metadata',
  '--audit-max-age',
  '30',
  '--audit-max-backups',
  '10',
  '--audit-max-size',
  '100',
  '--encryption-config',
  '--imds-hop-limit',
  '1',
];

/** A new user's kops session: every question asked, defaults kept, one bare address corrected. */
const KOPS_SESSION: Step[] = [
  { expect: '1/18 Where will the cluster run?' },
  { send: ENTER },
  { expect: '2/18 Cluster name (a DNS' },
  { send: `dev.example.com${ENTER}` },
  { expect: '3/18 kops state store' },
  { send: `s3://example-kops-state${ENTER}` },
  { expect: '4/18 Availability zones (' },
  { send: `eu-west-1a,eu-west-1b,eu-west-1c${ENTER}` },
  { expect: '5/18 Kubernetes version (' },
  { send: ENTER },
  { expect: '6/18 Control-plane instances' },
  { send: ENTER },
  { expect: '7/18 Change advanced settings?' },
  { send: ENTER },
  { expect: '8/18 Number of nodes' },
  { send: ENTER },
  { expect: '9/18 Networks allowed to reach the Kubernetes API (CIDRs' },
  { send: `203.0.113.7${ENTER}` },
  { expect: 'Use 203.0.113.7/32 (just that address)?' },
  { send: ENTER },
  { expect: '10/18 Network topology' },
  { send: ENTER },
  { expect: '11/18 Kubernetes API load balancer' },
  { send: ENTER },
  { expect: '12/18 Networks allowed to SSH in' },
  { send: ENTER },
  { expect: '13/18 Pod networking' },
  { send: ENTER },
  { expect: '14/18 API server audit level' },
  { send: ENTER },
  { expect: '15/18 Encrypt Secrets at rest' },
  { send: ENTER },
  { expect: '16/18 Application namespaces (' },
  { send: ENTER },
  { expect: '17/18 Groups that own each namespace' },
  { send: ENTER },
  { expect: '18/18 Role each group gets' },
  { send: ENTER },
  { expect: 'Write the files?' },
];

describe('ksec init in a real terminal', () => {
  it('at 80 columns: says what it writes, counts the questions, reviews, writes (the README session)', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ksec-pty-'));
    const run = inTerminal(
      ['init', '--out', 'clusters/dev'],
      cwd,
      [...KOPS_SESSION, { send: ENTER }, { expect: 'Wrote cluster.yaml' }],
      80,
    );
    expect(run.error, run.output).toBeNull();
    expect(run.code).toBe(0);
    expect(missingTranscriptLine(transcript('init kops'), run.output), run.output).toBeUndefined();
    // The bare address was never shown as a done answer: the correction question settled it.
    expect(run.output).not.toMatch(/✔[^\n]*reach the Kubernetes API[^\n]*203\.0\.113\.7\n/);
    // The "why" lines are wrapped at words to the terminal.
    for (const line of run.output.split('\n').filter((l) => l.startsWith('  ')))
      expect(line.length, line).toBeLessThanOrEqual(80);
    const answers = parse(readFileSync(join(cwd, 'clusters', 'dev', 'ksec.answers.yaml'), 'utf8'));
    expect(answers).toMatchObject({
      name: 'dev.example.com',
      apiCidrs: ['203.0.113.7/32'],
      controlPlaneSize: 't3.medium',
      auditMaxAge: 30,
      imdsHopLimit: 1,
    });
  });

  it('asks, refuses with reasons, offers the network address and writes the files', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ksec-pty-'));
    const run = inTerminal([...FLAGS, '--out', 'cluster'], cwd, [
      { expect: 'Cluster name' },
      { send: `dev${ENTER}` },
      { expect: 'is not fully qualified' },
      // The wizard offers dev.k8s.local; take another name instead.
      { send: `n${ENTER}` },
      { expect: 'Cluster name' },
      { send: `${ERASE}Dev.Example.com${ENTER}` },
      { expect: 'Taken as dev.example.com (lower case).' },
      { expect: 'Kubernetes version' },
      { send: ENTER },
      { expect: 'Control-plane instances' },
      { send: ENTER },
      { expect: 'Networks allowed to reach the Kubernetes API' },
      { send: `203.0.113.7/24${ENTER}` },
      { expect: 'Use the network address 203.0.113.0/24?' },
      { send: `y${ENTER}` },
      { expect: 'Network topology' },
      { send: ENTER },
      { expect: 'Kubernetes API load balancer' },
      { send: `${DOWN}${ENTER}` },
      { expect: 'Networks allowed to SSH in' },
      { send: `198.51.100.0/24${ENTER}` },
      { expect: 'through a bastion host?' },
      { send: ENTER },
      { expect: 'SSH public key file' },
      { send: ENTER },
      { expect: 'Pod networking (CNI)' },
      { send: `${DOWN}${ENTER}` },
      { expect: 'Application namespaces' },
      { send: `shop,payments${ENTER}` },
      { expect: 'Groups that own each namespace' },
      { send: ENTER },
      { expect: 'Role each group gets' },
      { send: `${DOWN}${ENTER}` },
      { expect: 'Write the files?' },
      { send: ENTER },
      { expect: 'Wrote cluster.yaml, kops-commands.sh, k8s/namespaces.yaml' },
    ]);
    expect(run.error, run.output).toBeNull();
    expect(run.code).toBe(0);
    // Each prompt is preceded by its one-line reason; flags given are listed with the flag on review.
    expect(run.output).toContain('kops uses it as the DNS name of the cluster');
    expect(run.output).toMatch(/Node instance type +t3\.large {2}\(--node-size\)/);
    const out = join(cwd, 'cluster');
    expect(readdirSync(out).sort()).toEqual(['cluster.yaml', 'k8s', 'kops-commands.sh', 'ksec.answers.yaml']);
    const answers = parse(readFileSync(join(out, 'ksec.answers.yaml'), 'utf8'));
    expect(answers).toMatchObject({
      name: 'dev.example.com',
      apiCidrs: ['203.0.113.0/24'],
      sshCidrs: ['198.51.100.0/24'],
      bastion: true,
      apiLoadBalancer: 'internal',
      networking: 'calico',
      controlPlaneCount: 3,
      namespaces: ['shop', 'payments'],
      namespaceOwners: ['shop=shop-developers', 'payments=payments-developers'],
      namespaceRole: 'admin',
    });
    const docs = parseAllDocuments(readFileSync(join(out, 'cluster.yaml'), 'utf8')).map((d) => d.toJS());
    expect(docs[0].spec.kubernetesApiAccess).toEqual(['203.0.113.0/24']);
    expect(docs[0].spec.networking).toEqual({ calico: {} });
    expect(docs[0].spec.api.loadBalancer).toEqual({ class: 'Network', type: 'Internal' });
    expect(docs.filter((d) => d.spec.role === 'Bastion')).toHaveLength(1);
  });

  it('at 160 columns, GKE: the GKE name, region before zone, the known zones, the node total', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ksec-pty-'));
    const run = inTerminal(
      [
        'init',
        '--provider',
        'gke',
        '--out',
        'gke',
        '--namespaces',
        'apps',
        '--namespace-owners',
        'apps=apps-devs',
      ],
      cwd,
      [
        { expect: 'Cluster name (e.g. prod)' },
        { send: `My_Cluster${ENTER}` },
        { expect: 'Use my-cluster?' },
        { send: ENTER },
        { expect: 'Google Cloud project ID' },
        { send: `my-project-123${ENTER}` },
        { expect: 'Create an Autopilot cluster?' },
        { send: ENTER },
        { expect: 'Region (e.g. europe-west1)' },
        { send: `europe-wast1${ENTER}` },
        { expect: 'closest: europe-west1, europe-west2' },
        { expect: '(y/N)' },
        { send: ENTER },
        { expect: 'Region (e.g. europe-west1)' },
        { send: `${ERASE}europe-west1${ENTER}` },
        { expect: 'europe-west1-b, europe-west1-c, europe-west1-d.' },
        { expect: 'Zone for a zonal cluster' },
        { send: ENTER },
        { expect: 'Node machine type' },
        { send: ENTER },
        { expect: "1 makes 3 nodes in all (gcloud's own default, 3, would make 9)" },
        { expect: 'Nodes in each zone' },
        { send: ENTER },
        { expect: '3 nodes in all.' },
        { expect: 'Networks allowed to reach the Kubernetes API' },
        { send: `203.0.113.0/24${ENTER}` },
        { expect: 'NetworkPolicy enforcement' },
        { send: ENTER },
        { expect: 'private nodes' },
        { send: ENTER },
        { expect: 'Control-plane /28' },
        { send: ENTER },
        { expect: 'Release channel' },
        { send: ENTER },
        { expect: 'Workload Identity?' },
        { send: ENTER },
        { expect: 'Service account for the nodes' },
        { send: ENTER },
        { expect: 'Cloud KMS key' },
        { send: `projects/p/locations/us-east1/keyRings/r/cryptoKeys/k${ENTER}` },
        { expect: 'the key is in us-east1, but the cluster is in europe-west1' },
        { send: `${ERASE}${ENTER}` },
        { expect: 'Role each group gets' },
        { send: ENTER },
        { expect: 'Nodes in each zone' },
        { expect: '1 (3 nodes in all)' },
        { expect: 'Write the files?' },
        { send: ENTER },
        { expect: 'Wrote create-cluster.sh' },
      ],
      160,
    );
    expect(run.error, run.output).toBeNull();
    expect(run.code).toBe(0);
    // The GKE name's own reason, not kops' DNS and state store.
    expect(run.output).toContain('The name of the cluster in its project and location');
    expect(run.output).not.toContain('kops uses it as the DNS name');
    // Region is asked before the zone.
    expect(run.output.indexOf('Region (e.g. europe-west1)')).toBeLessThan(
      run.output.indexOf('Zone for a zonal'),
    );
    // Wide enough: the reasons stay on one line.
    expect(run.output).toContain(
      "  GKE puts this many nodes in each of three zones of europe-west1: 1 makes 3 nodes in all (gcloud's own default, 3, would make 9).\n",
    );
    const script = readFileSync(join(cwd, 'gke', 'create-cluster.sh'), 'utf8');
    expect(script).toContain('MACHINE_TYPE=e2-medium\n');
    expect(script).toContain('NUM_NODES=1\n');
    expect(script).toContain('--num-nodes "$NUM_NODES"');
  });

  it('checks --out before the first question: another directory, then a change on review', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ksec-pty-'));
    mkdirSync(join(cwd, 'cluster'));
    writeFileSync(join(cwd, 'cluster', 'cluster.yaml'), 'mine\n');
    const run = inTerminal([...FLAGS, '--out', 'cluster'], cwd, [
      { expect: 'holds files of an earlier run. Where should this one write?' },
      { send: ENTER },
      { expect: 'Directory to write to' },
      { send: `other${ENTER}` },
      { expect: 'Cluster name' },
      { send: `dev.example.com${ENTER}` },
      { expect: 'Kubernetes version' },
      { send: ENTER },
      { expect: 'Control-plane instances' },
      { send: ENTER },
      { expect: 'Networks allowed to reach the Kubernetes API' },
      { send: `203.0.113.0/24${ENTER}` },
      { expect: 'Network topology' },
      { send: ENTER },
      { expect: 'Kubernetes API load balancer' },
      { send: ENTER },
      { expect: 'Networks allowed to SSH in' },
      { send: ENTER },
      { expect: 'Pod networking (CNI)' },
      { send: ENTER },
      { expect: 'Application namespaces' },
      { send: ENTER },
      { expect: 'Groups that own each namespace' },
      { send: ENTER },
      { expect: 'Role each group gets' },
      { send: ENTER },
      { expect: 'The files go to other.' },
      { expect: 'Write the files?' },
      { send: `${DOWN}${ENTER}` },
      { expect: 'Which answer?' },
      { send: ENTER }, // the cluster name, the first answer asked
      { expect: 'Cluster name (a DNS name, e.g. dev.example.com) (dev.example.com)' },
      { send: `${ERASE}prod.example.com${ENTER}` },
      { expect: 'prod.example.com' },
      { expect: 'Write the files?' },
      { send: ENTER },
      { expect: 'Wrote cluster.yaml' },
    ]);
    expect(run.error, run.output).toBeNull();
    expect(run.code).toBe(0);
    expect(readFileSync(join(cwd, 'cluster', 'cluster.yaml'), 'utf8')).toBe('mine\n');
    const answers = parse(readFileSync(join(cwd, 'other', 'ksec.answers.yaml'), 'utf8'));
    // The changed answer, and the others as they were.
    expect(answers).toMatchObject({ name: 'prod.example.com', apiCidrs: ['203.0.113.0/24'] });
  });

  it('Cancel on the review exits 130 and writes nothing', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ksec-pty-'));
    const flags = [
      ...FLAGS,
      '--name',
      'dev.example.com',
      '--api-cidr',
      '203.0.113.0/24',
      '--kubernetes-version',
      '1.35.9',
    ];
    const all = [
      ...flags,
      '--control-plane-count',
      '3',
      '--topology',
      'private',
      '--api-load-balancer',
      'public',
      '--no-ssh',
      '--networking',
      'cilium',
      '--namespaces',
      'apps',
      '--namespace-owners',
      'apps=apps-developers',
      '--namespace-role',
      'edit',
    ];
    const run = inTerminal([...all, '--out', 'cluster'], cwd, [
      { expect: '(--name)' },
      { expect: 'Write the files?' },
      // Every answer came from a flag, so there is none to change: write or cancel.
      { send: `${DOWN}${ENTER}` },
      { expect: 'cancelled; nothing was written' },
    ]);
    expect(run.error, run.output).toBeNull();
    expect(run.code).toBe(130);
    expect(existsSync(join(cwd, 'cluster'))).toBe(false);
  });

  it('Ctrl-C at a prompt exits 130 and writes nothing', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ksec-pty-'));
    const run = inTerminal([...FLAGS, '--out', 'cluster'], cwd, [
      { expect: 'Cluster name' },
      { send: 'dev.example.com' },
      { send: CTRL_C },
      { expect: 'cancelled; nothing was written' },
    ]);
    expect(run.error, run.output).toBeNull();
    expect(run.code).toBe(130);
    expect(existsSync(join(cwd, 'cluster'))).toBe(false);
  });
});
