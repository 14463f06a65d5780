import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { checkText } from '../../src/engine/check.ts';
import { generate } from '../../src/generate/index.ts';
import { parseCidr, worldOpenIndices } from '../../src/util/cidr.ts';
import { kopsSupportedMinors } from '../../src/versions/support.ts';
import { resolveAnswers } from '../../src/wizard/resolve.ts';
import { kopsSchemaErrors } from '../helpers/kops-crd.ts';
import { TEST_TODAY, useToday } from '../helpers/today.ts';
import { KOPS_REQUIRED } from '../wizard/helpers.ts';

/**
 * `ksec diff` on the generated cluster.yaml, with the whole catalogue; on the way, every document
 * must also validate against the real kops CRDs.
 */
async function findingsFor(flags: Record<string, unknown>) {
  const answers = await resolveAnswers({ flags, interactive: false });
  const cluster = generate(answers).find((file) => file.path === 'cluster.yaml');
  for (const doc of parseAllDocuments(cluster?.content ?? '').map((d) => d.toJS())) {
    expect(kopsSchemaErrors(doc), `${doc.kind} ${doc.metadata?.name}`).toEqual([]);
  }
  const result = checkText(cluster?.content ?? '', 'cluster.yaml');
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => `${f.severity} ${f.ruleId} ${f.path}`);
}

function product<T extends Record<string, readonly unknown[]>>(axes: T): { [K in keyof T]: T[K][number] }[] {
  return Object.entries(axes).reduce<Record<string, unknown>[]>(
    (rows, [key, values]) => rows.flatMap((row) => values.map((value) => ({ ...row, [key]: value }))),
    [{}],
  ) as { [K in keyof T]: T[K][number] }[];
}

useToday();

/** The minors a new kops cluster can run on the test day: supported upstream, run by the newest kops. */
const KOPS_MINORS = kopsSupportedMinors(new Date(`${TEST_TODAY}T12:00:00Z`));

describe('invariant: what ksec init writes from hardened answers fits the kops CRDs and ksec diff finds nothing', () => {
  const matrix = product({
    zones: ['eu-west-1a', 'eu-west-1a,eu-west-1b,eu-west-1c'],
    networking: ['cilium', 'calico'],
    ssh: ['none', 'direct', 'bastion'],
    auditLevel: ['Metadata', 'Request', 'RequestResponse'],
    apiLoadBalancer: ['public', 'internal'],
  });
  it(`over a matrix of ${matrix.length} answer combinations`, async () => {
    for (const row of matrix) {
      const flags = {
        ...KOPS_REQUIRED,
        zones: row.zones,
        networking: row.networking,
        auditLevel: row.auditLevel,
        apiLoadBalancer: row.apiLoadBalancer,
        ...(row.ssh === 'none' ? {} : { sshCidrs: ['198.51.100.0/24'], bastion: row.ssh === 'bastion' }),
      };
      expect(await findingsFor(flags), JSON.stringify(row)).toEqual([]);
    }
  });

  const label = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/);
  const region = fc.constantFrom('us-east-1', 'eu-west-2', 'ap-southeast-2', 'us-gov-west-1');
  const ipv4Network = fc
    .tuple(fc.ipV4(), fc.integer({ min: 1, max: 32 }))
    .map(
      ([ip, prefix]) =>
        (parseCidr(`${ip}/${prefix}`) as { ok: true; cidr: { network: string } }).cidr.network,
    );
  const ipv6Network = fc
    .tuple(fc.ipV6(), fc.integer({ min: 1, max: 128 }))
    .map(
      ([ip, prefix]) =>
        (parseCidr(`${ip}/${prefix}`) as { ok: true; cidr: { network: string } }).cidr.network,
    );
  // Hardened means no set of them covers a whole address family (0.0.0.0/1 with 128.0.0.0/1 is world-open).
  const cidrs = fc
    .uniqueArray(fc.oneof(ipv4Network, ipv6Network), { minLength: 1, maxLength: 3 })
    .filter((list) => worldOpenIndices(list).length === 0);
  const hardenedAnswers = fc
    .record({
      name: fc.tuple(label, label).map(([a, b]) => `${a}.${b}.com`),
      state: label.map((l) => `s3://${l}-kops-state`),
      region,
      zoneLetters: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), {
        minLength: 1,
        maxLength: 6,
      }),
      minor: fc.constantFrom(...KOPS_MINORS),
      patch: fc.integer({ min: 0, max: 12 }),
      ha: fc.boolean(),
      nodeSize: fc.constantFrom('t3.medium', 'm7i.large', 'c6g.xlarge'),
      nodeCount: fc.integer({ min: 1, max: 50 }),
      apiCidrs: cidrs,
      sshCidrs: fc.option(cidrs, { nil: undefined }),
      bastion: fc.boolean(),
      networking: fc.constantFrom('cilium', 'calico'),
      auditLevel: fc.constantFrom('Metadata', 'Request', 'RequestResponse'),
      auditMaxAge: fc.integer({ min: 1, max: 365 }),
      auditMaxBackups: fc.integer({ min: 1, max: 100 }),
      auditMaxSize: fc.integer({ min: 1, max: 1000 }),
    })
    .map((r) => ({
      provider: 'kops',
      name: r.name,
      state: r.state,
      zones: r.zoneLetters.map((letter) => `${r.region}${letter}`),
      kubernetesVersion: `1.${r.minor}.${r.patch}`,
      controlPlaneCount: r.ha && r.zoneLetters.length >= 3 ? 3 : 1,
      nodeSize: r.nodeSize,
      nodeCount: r.nodeCount,
      apiCidrs: r.apiCidrs,
      ...(r.sshCidrs ? { sshCidrs: r.sshCidrs, bastion: r.bastion } : {}),
      networking: r.networking,
      auditLevel: r.auditLevel,
      auditMaxAge: r.auditMaxAge,
      auditMaxBackups: r.auditMaxBackups,
      auditMaxSize: r.auditMaxSize,
    }));

  it('over random valid hardened answers (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(hardenedAnswers, async (flags) => {
        expect(await findingsFor(flags)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('a confirmed risky or weaker answer stays flagged by ksec diff', () => {
  it.each([
    [
      { apiCidrs: ['0.0.0.0/0'], confirmOpenApi: true },
      ['high kops/api-access-restricted spec.kubernetesApiAccess[0]'],
    ],
    [
      { sshCidrs: ['::/0'], confirmOpenSsh: true, bastion: false },
      ['high kops/ssh-access-restricted spec.sshAccess[0]'],
    ],
    // The raised limit goes on the nodes only; the control-plane group keeps 1.
    [
      { imdsHopLimit: '2', confirmHopLimit: true, zones: 'eu-west-1a' },
      ['low kops/imds-v2-required spec.instanceMetadata.httpPutResponseHopLimit'],
    ],
    [{ encryptionConfig: false }, ['medium kops/secrets-encrypted-at-rest spec.encryptionConfig']],
    // 1.33 reached end of life on 2026-06-28 (https://kubernetes.io/releases/1.33/).
    [
      { kubernetesVersion: '1.33.10', confirmVersion: true },
      ['high kops/kubernetes-version-supported spec.kubernetesVersion'],
    ],
    [
      { apiCidrs: ['0.0.0.0/1', '128.0.0.0/1'], confirmOpenApi: true },
      [
        'high kops/api-access-restricted spec.kubernetesApiAccess[0]',
        'high kops/api-access-restricted spec.kubernetesApiAccess[1]',
      ],
    ],
    // Each group in a public subnet, at its subnets entry: three control-plane groups and the nodes.
    [{ topology: 'public' }, Array(4).fill('medium kops/private-topology spec.subnets[0]')],
  ])('%j', async (extra, expected) => {
    expect(await findingsFor({ ...KOPS_REQUIRED, ...extra })).toEqual(expected);
  });
});
