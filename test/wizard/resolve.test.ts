import { describe, expect, it, vi } from 'vitest';
import { KsecError } from '../../src/util/errors.ts';
import { resolveAnswers } from '../../src/wizard/resolve.ts';
import { TEST_TODAY, useToday } from '../helpers/today.ts';
import { KOPS_REQUIRED, scriptedAsk } from './helpers.ts';

useToday();

describe('resolveAnswers: non-interactive', () => {
  it('fills everything else with the hardened defaults', async () => {
    const answers = await resolveAnswers({ flags: KOPS_REQUIRED, interactive: false });
    expect(answers).toEqual({
      provider: 'kops',
      name: 'dev.example.com',
      state: 's3://example-kops-state',
      zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      kubernetesVersion: '1.35.9',
      controlPlaneCount: 3,
      controlPlaneSize: 't3.medium',
      nodeSize: 't3.medium',
      nodeCount: 2,
      apiCidrs: ['203.0.113.0/24'],
      topology: 'private',
      apiLoadBalancer: 'public',
      sshCidrs: [],
      networking: 'cilium',
      auditLevel: 'Metadata',
      auditMaxAge: 30,
      auditMaxBackups: 10,
      auditMaxSize: 100,
      encryptionConfig: true,
      imdsHopLimit: 1,
      namespaces: ['apps'],
      namespaceOwners: ['apps=apps-developers'],
      namespaceRole: 'edit',
    });
  });

  it('lists every missing required answer with its flag, exit 2', async () => {
    const error = await resolveAnswers({ flags: {}, interactive: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KsecError);
    expect((error as KsecError).exitCode).toBe(2);
    const message = (error as Error).message;
    for (const flag of ['--name NAME', '--state s3://BUCKET', '--zones ZONE,…', '--api-cidr CIDR'])
      expect(message).toContain(flag);
    expect(message).not.toContain('--node-count');
  });

  it('prefers flags over the answers file', async () => {
    const answers = await resolveAnswers({
      flags: { ...KOPS_REQUIRED, nodeCount: '5' },
      file: { nodeCount: 3, networking: 'calico' },
      interactive: false,
    });
    expect(answers.nodeCount).toBe(5);
    expect(answers.networking).toBe('calico');
  });

  it('refuses bad names, canal on new versions, host bits and unknown file keys with reasons', async () => {
    const run = (flags: Record<string, unknown>, file?: Record<string, unknown>) =>
      resolveAnswers({
        flags: { ...KOPS_REQUIRED, ...flags },
        ...(file ? { file } : {}),
        interactive: false,
      });
    await expect(run({ name: 'dev_1.example.com' })).rejects.toThrow(/not a DNS-1123 name/);
    await expect(run({ networking: 'canal' })).rejects.toThrow(
      /canal is not supported for Kubernetes >= 1\.28/,
    );
    await expect(run({ apiCidrs: ['203.0.113.7/24'] })).rejects.toThrow(
      /--api-cidr: "203\.0\.113\.7\/24" has host bits set: the network is 203\.0\.113\.0\/24 \(did you mean 203\.0\.113\.0\/24\?\)/,
    );
    await expect(run({ zones: 'eu-west-1a,us-east-1b' })).rejects.toThrow(/one region/);
    await expect(run({ controlPlaneCount: '3', zones: 'eu-west-1a' })).rejects.toThrow(/three zones/);
    await expect(run({}, { nodeCont: 3 })).rejects.toThrow(/unknown answer nodeCont/);
  });

  it('accepts a world-open CIDR or a hop limit above 1 only with the confirmation flag', async () => {
    await expect(
      resolveAnswers({ flags: { ...KOPS_REQUIRED, apiCidrs: ['0.0.0.0/0'] }, interactive: false }),
    ).rejects.toThrow(/--api-cidr: 0\.0\.0\.0\/0 opens the Kubernetes API.*pass --confirm-open-api/);
    const answers = await resolveAnswers({
      flags: {
        ...KOPS_REQUIRED,
        apiCidrs: ['0.0.0.0/0'],
        confirmOpenApi: true,
        imdsHopLimit: '2',
        confirmHopLimit: true,
      },
      interactive: false,
    });
    expect(answers.apiCidrs).toEqual(['0.0.0.0/0']);
    expect(answers.confirmOpenApi).toBe(true);
    expect(answers.imdsHopLimit).toBe(2);
  });

  it('refuses CIDRs that together cover the internet unless confirmed', async () => {
    await expect(
      resolveAnswers({
        flags: { ...KOPS_REQUIRED, apiCidrs: ['0.0.0.0/1', '128.0.0.0/1'] },
        interactive: false,
      }),
    ).rejects.toThrow(
      /0\.0\.0\.0\/1 and 128\.0\.0\.0\/1 together open the Kubernetes API to the whole internet/,
    );
    await expect(
      resolveAnswers({ flags: { ...KOPS_REQUIRED, sshCidrs: ['::/1', '8000::/1'] }, interactive: false }),
    ).rejects.toThrow(/::\/1 and 8000::\/1 together open SSH/);
  });
});

// End of life from the table in src/versions/kubernetes-releases.ts (https://kubernetes.io/releases/);
// what kops v1.36.2 runs from upup/pkg/fi/cloudup/apply_cluster.go:79 and 985-1017.
describe('resolveAnswers: the Kubernetes version', () => {
  const run = (flags: Record<string, unknown>) =>
    resolveAnswers({ flags: { ...KOPS_REQUIRED, ...flags }, interactive: false });

  it.each([
    [
      '1.33.10',
      /Kubernetes 1\.33 reached end of life on 2026-06-28 \(its scheduled date\) and gets no security fixes/,
    ],
    ['1.28.15', /1\.28 reached end of life on 2024-10-22 .*kops 1\.36\.2 refuses it/],
    [
      '1.38.0',
      /Kubernetes 1\.38 is newer than any release ksec knows \(its table, read 2026-12-01, ends at 1\.37\)/,
    ],
    ['1.37.1', /kops 1\.36\.2, the newest kops release ksec knows, refuses Kubernetes 1\.37/],
  ])('refuses %s unless confirmed', async (version, reason) => {
    await expect(run({ kubernetesVersion: version })).rejects.toThrow(reason);
    await expect(run({ kubernetesVersion: version })).rejects.toThrow(/pass --confirm-version/);
    const answers = await run({ kubernetesVersion: version, confirmVersion: true });
    expect(answers.kubernetesVersion).toBe(version);
    expect(answers.confirmVersion).toBe(true);
  });

  it('accepts supported minors kops runs, and a patch newer than the table lists', async () => {
    for (const version of ['1.35.9', '1.36.4', '1.35.12'])
      expect((await run({ kubernetesVersion: version })).confirmVersion).toBeUndefined();
  });

  it("defaults to the newest patch of kops' stable-channel minor, and moves on when it reaches end of life", async () => {
    expect((await run({})).kubernetesVersion).toBe('1.35.9');
    try {
      vi.setSystemTime(new Date('2027-03-01T12:00:00Z'));
      expect((await run({})).kubernetesVersion).toBe('1.36.4');
      // Once no minor kops runs is supported, the table is stale: the default is refused, not written.
      vi.setSystemTime(new Date('2027-06-29T12:00:00Z'));
      await expect(run({})).rejects.toThrow(
        /the default of --kubernetes-version \(1\.35\.9\): Kubernetes 1\.35 reached end of life on 2027-02-28/,
      );
    } finally {
      vi.setSystemTime(new Date(`${TEST_TODAY}T12:00:00Z`));
    }
  });

  it('asks to confirm an end-of-life version at the prompt, and asks again when refused', async () => {
    const { ask } = scriptedAsk({
      kubernetesVersion: ['1.34.9', '1.36.4'],
      confirmVersion: [false],
    });
    const answers = await resolveAnswers({ flags: KOPS_REQUIRED, interactive: true, ask });
    expect(answers.kubernetesVersion).toBe('1.36.4');
    expect(answers.confirmVersion).toBeUndefined();
  });
});

describe('resolveAnswers: interactive (injected prompts)', () => {
  it('asks what flags leave open, re-asks refused replies and offers the normalised network', async () => {
    const { ask, asked, refused } = scriptedAsk({
      name: ['Dev_1.Example.com', 'dev.example.com'],
      // The wizard offers dev-1.example.com for the refused name; the user types another instead.
      nameSuggestion: [false],
      state: ['s3://example-kops-state'],
      zones: ['eu-west-1a, eu-west-1b,eu-west-1c'],
      apiCidrs: ['203.0.113.9/24'],
      apiCidrsSuggestion: [true],
      sshCidrs: ['198.51.100.0/24'],
    });
    const answers = await resolveAnswers({ flags: { provider: 'kops' }, interactive: true, ask });
    expect(refused).toEqual([]);
    const offered = asked.find((p) => p.name === 'nameSuggestion');
    expect(offered?.message).toMatch(/is not a DNS-1123 name.*\. Use dev-1\.example\.com\?$/);
    expect(answers.name).toBe('dev.example.com');
    expect(answers.apiCidrs).toEqual(['203.0.113.0/24']);
    expect(answers.bastion).toBe(true);
    expect(answers.sshPublicKey).toBe('~/.ssh/id_ed25519.pub');
    expect(asked.map((p) => p.name)).not.toContain('provider');
    const zones = asked.find((p) => p.name === 'zones');
    expect(zones?.why).toMatch(/zone/);
  });

  it('re-asks a world-open CIDR unless the risk is confirmed', async () => {
    const { ask } = scriptedAsk({
      name: ['dev.example.com'],
      state: ['s3://example-kops-state'],
      zones: ['eu-west-1a'],
      apiCidrs: ['0.0.0.0/0', '0.0.0.0/0'],
      confirmOpenApi: [false, true],
    });
    const answers = await resolveAnswers({ flags: { provider: 'kops' }, interactive: true, ask });
    expect(answers.apiCidrs).toEqual(['0.0.0.0/0']);
    expect(answers.confirmOpenApi).toBe(true);
    expect(answers.controlPlaneCount).toBe(1);
  });
});

describe('resolveAnswers: choices ruled out by earlier answers', () => {
  it('greys out three control-plane instances with one zone, and canal on Kubernetes >= 1.28', async () => {
    const { ask, asked } = scriptedAsk({});
    await resolveAnswers({ flags: { ...KOPS_REQUIRED, zones: 'eu-west-1a' }, interactive: true, ask });
    const controlPlane = asked.find((p) => p.name === 'controlPlaneCount');
    expect(controlPlane?.choices?.find((c) => c.value === 3)?.disabled).toMatch(/need three zones/);
    expect(controlPlane?.choices?.find((c) => c.value === 1)?.disabled).toBeUndefined();
    const networking = asked.find((p) => p.name === 'networking');
    expect(networking?.choices?.find((c) => c.value === 'canal')?.disabled).toMatch(/not supported/);
  });

  it('says why before asking a select again when the reply is refused', async () => {
    const { ask, asked } = scriptedAsk({ networking: ['canal', 'calico'] });
    const answers = await resolveAnswers({ flags: KOPS_REQUIRED, interactive: true, ask });
    expect(answers.networking).toBe('calico');
    const networkingPrompts = asked.filter((p) => p.name === 'networking');
    expect(networkingPrompts).toHaveLength(2);
    expect(networkingPrompts[1]?.why).toMatch(/^Canal is not supported for Kubernetes >= 1\.28/);
  });
});

describe('resolveAnswers: flags that do not apply', () => {
  it('refuses a flag for a question these answers skip, instead of ignoring it', async () => {
    await expect(
      resolveAnswers({
        flags: { ...KOPS_REQUIRED, topology: 'public', sshCidrs: ['198.51.100.0/24'], bastion: true },
        interactive: false,
      }),
    ).rejects.toThrow(
      '--bastion does not apply to these answers: it is used only with --topology private and at least one --ssh-cidr',
    );
    await expect(
      resolveAnswers({ flags: { ...KOPS_REQUIRED, sshPublicKey: '~/.ssh/k.pub' }, interactive: false }),
    ).rejects.toThrow(
      '--ssh-public-key does not apply to these answers: it is used only with at least one --ssh-cidr',
    );
    await expect(
      resolveAnswers({
        flags: { ...KOPS_REQUIRED, provider: 'gke', name: 'dev', state: 's3://x-state' },
        interactive: false,
      }),
    ).rejects.toThrow('--state does not apply to these answers: it is used only with --provider kops');
  });

  it('accepts turning off what is off anyway, and --no-ssh', async () => {
    const answers = await resolveAnswers({
      flags: { ...KOPS_REQUIRED, topology: 'public', bastion: false, sshCidrs: [] },
      interactive: false,
    });
    expect(answers.sshCidrs).toEqual([]);
    expect('bastion' in answers).toBe(false);
  });
});
