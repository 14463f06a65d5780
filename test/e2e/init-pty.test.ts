import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { BIN, ROOT } from './helpers.ts';

type Step = { expect: string } | { send: string };
const ENTER = '\r';
const DOWN = '\x1b[B';
const CTRL_C = '\x03';

/** Runs the built CLI in a pseudo-terminal through test/e2e/pty-driver.py. */
function inTerminal(args: string[], cwd: string, steps: Step[]) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: cwd,
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
  };
  const spec = { argv: [process.execPath, BIN, ...args], cwd, env, steps };
  const driver = spawnSync('python3', [join(ROOT, 'test', 'e2e', 'pty-driver.py'), JSON.stringify(spec)], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (driver.status !== 0) throw new Error(`pty driver failed: ${driver.stderr}`);
  return JSON.parse(driver.stdout) as { code: number; output: string; error: string | null };
}

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

describe('ksec init in a real terminal', () => {
  it('asks, refuses with reasons, offers the network address and writes the files', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ksec-pty-'));
    const run = inTerminal([...FLAGS, '--out', 'cluster'], cwd, [
      { expect: 'Cluster name' },
      { send: `dev${ENTER}` },
      { expect: 'is not fully qualified' },
      // Clear the refused reply (inquirer keeps it for editing), then type a good one.
      { send: `${'\x7f'.repeat(20)}dev.example.com${ENTER}` },
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
      { expect: 'Wrote cluster.yaml, kops-commands.sh, k8s/namespaces.yaml' },
    ]);
    expect(run.error, run.output).toBeNull();
    expect(run.code).toBe(0);
    // Each prompt is preceded by its one-line reason.
    expect(run.output).toContain('kops uses it as the DNS name of the cluster');
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
