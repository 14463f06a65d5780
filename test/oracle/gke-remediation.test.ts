// Oracle tier: the `ksec diff --format shell` remediation script, run by the real gcloud against a
// capture server on 127.0.0.1 that serves a weak cluster. Every update request must carry the
// setting the script intends, gcloud must accept every command (it exits 2 on a flag it does not
// know or on two setting groups in one call), and no request may go anywhere but the capture server.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.ts';
import { formatReport } from '../../src/report/index.ts';
import { unhardenedCluster } from '../../src/snippets/gke.ts';
import { findTopic, renderSnippet } from '../../src/snippets/index.ts';
import { resolveAnswers } from '../../src/wizard/resolve.ts';
import {
  type CapturedRequest,
  describeWithGcloud,
  gcloudEnv,
  runBash,
  startCaptureServer,
} from '../helpers/gcloud-oracle.ts';
import {
  type ClusterJson,
  hardenedCluster,
  weakAutopilotCluster,
  weakStandardCluster,
} from '../helpers/gke-clusters.ts';

const TITLE = 'GKE remediation script against real gcloud (loopback capture server)';
const workdir = mkdtempSync(join(tmpdir(), 'ksec-oracle-'));
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

/** Writes the remediation script ksec prints for `input` (a describe/list JSON document). */
function remediationScript(name: string, input: unknown): string {
  const result = checkText(JSON.stringify(input, null, 2), `${name}.json`);
  expect(result.errors).toEqual([]);
  const path = join(workdir, `${name}.sh`);
  writeFileSync(path, formatReport(result, 'shell'));
  return path;
}

interface Expected {
  method: 'PUT' | 'POST';
  /** The end of the request path, after `/clusters/`. */
  target: string;
  body: Record<string, unknown>;
}

function summarise(writes: CapturedRequest[]): { method: string; target: string; body: unknown }[] {
  return writes.map((w) => ({
    method: w.method,
    target: w.path.replace(/^.*\/clusters\//, ''),
    body: w.body,
  }));
}

function expectOnlyLoopback(requests: CapturedRequest[], port: number): void {
  expect(requests.length).toBeGreaterThan(0);
  for (const request of requests) {
    expect(request.method).not.toBe('CONNECT');
    expect(request.host).toBe(`127.0.0.1:${port}`);
  }
}

async function runAgainst(
  name: string,
  served: ClusterJson[],
  input: unknown,
  extraEnv: Record<string, string> = {},
) {
  const server = await startCaptureServer(served);
  try {
    const script = remediationScript(name, input);
    const env = { ...gcloudEnv(server, join(workdir, name)), ...extraEnv };
    const run = await runBash(script, env, workdir);
    return { run, requests: [...server.requests], writes: summarise(server.writes()), port: server.port };
  } finally {
    await server.close();
  }
}

const update = (target: string, body: Record<string, unknown>): Expected => ({
  method: 'PUT',
  target,
  body: { update: body },
});
const pool = (cluster: string, name: string, body: Record<string, unknown>): Expected => ({
  method: 'PUT',
  target: `${cluster}/nodePools/${name}`,
  body,
});

// gcloud starts in about a second per call; the weak Standard script makes 19 of them.
describeWithGcloud(TITLE, 180_000, () => {
  it('fixes a weak Standard cluster in place, one setting group per gcloud call', async () => {
    const weak = weakStandardCluster('weak-standard', 'europe-west1');
    const { run, requests, writes, port } = await runAgainst('weak-standard', [weak], weak);
    expect(run.stderr).not.toMatch(/ERROR:/);
    expect(run.code).toBe(0);
    expectOnlyLoopback(requests, port);
    const c = 'weak-standard';
    const expected: Expected[] = [
      update(c, { desiredAnonymousAuthenticationConfig: { mode: 'LIMITED' } }),
      update(c, {
        desiredLoggingConfig: {
          componentConfig: {
            enableComponents: ['SYSTEM_COMPONENTS', 'WORKLOADS', 'APISERVER', 'SCHEDULER'],
          },
        },
      }),
      {
        method: 'POST',
        target: `${c}:setMasterAuth`,
        body: { action: 'SET_USERNAME', update: { username: '' } },
      },
      update(c, { desiredNodeKubeletConfig: { insecureKubeletReadonlyPortEnabled: false } }),
      pool(c, 'default-pool', { kubeletConfig: { insecureKubeletReadonlyPortEnabled: false } }),
      pool(c, 'batch', { kubeletConfig: { insecureKubeletReadonlyPortEnabled: false } }),
      { method: 'POST', target: `${c}:setLegacyAbac`, body: { enabled: false } },
      update(c, {
        desiredControlPlaneEndpointsConfig: {
          ipEndpointsConfig: {
            authorizedNetworksConfig: {
              enabled: true,
              // The full list minus the world-open entry: gcloud replaces the list, it does not merge.
              cidrBlocks: [{ cidrBlock: '10.0.0.0/8' }, { cidrBlock: '198.51.100.0/24' }],
              gcpPublicCidrsAccessEnabled: false,
            },
          },
        },
      }),
      update(c, { desiredAddonsConfig: { networkPolicyConfig: { disabled: false } } }),
      {
        method: 'POST',
        target: `${c}:setNetworkPolicy`,
        body: { networkPolicy: { enabled: true, provider: 'CALICO' } },
      },
      update(c, { desiredDefaultEnablePrivateNodes: true }),
      pool(c, 'default-pool', { nodeNetworkConfig: { enablePrivateNodes: true } }),
      pool(c, 'batch', { nodeNetworkConfig: { enablePrivateNodes: true } }),
      update(c, { desiredReleaseChannel: { channel: 'REGULAR' } }),
      update(c, { desiredSecurityPostureConfig: { mode: 'BASIC' } }),
      update(c, { desiredShieldedNodes: { enabled: true } }),
      update(c, { desiredWorkloadIdentityConfig: { workloadPool: 'ksec-oracle.svc.id.goog' } }),
      pool(c, 'default-pool', { workloadMetadataConfig: { mode: 'GKE_METADATA' } }),
      pool(c, 'batch', { workloadMetadataConfig: { mode: 'GKE_METADATA' } }),
    ];
    expect(writes).toEqual(expected.map((e) => ({ ...e, body: expect.objectContaining(e.body) })));
  });

  it('fixes the Autopilot settings Autopilot leaves to the user, with the admin CIDRs from the environment', async () => {
    const weak = weakAutopilotCluster('weak-autopilot', 'us-central1');
    const { run, requests, writes, port } = await runAgainst('weak-autopilot', [weak], weak, {
      AUTHORIZED_NETWORKS: '203.0.113.0/24,198.51.100.7/32',
    });
    expect(run.stderr).not.toMatch(/ERROR:/);
    expect(run.code).toBe(0);
    expectOnlyLoopback(requests, port);
    const c = 'weak-autopilot';
    const expected: Expected[] = [
      update(c, { desiredAnonymousAuthenticationConfig: { mode: 'LIMITED' } }),
      update(c, {
        desiredLoggingConfig: {
          componentConfig: { enableComponents: ['SYSTEM_COMPONENTS', 'WORKLOADS', 'APISERVER'] },
        },
      }),
      update(c, { desiredNodePoolAutoConfigKubeletConfig: { insecureKubeletReadonlyPortEnabled: false } }),
      update(c, {
        desiredControlPlaneEndpointsConfig: {
          ipEndpointsConfig: {
            authorizedNetworksConfig: {
              enabled: true,
              cidrBlocks: [{ cidrBlock: '203.0.113.0/24' }, { cidrBlock: '198.51.100.7/32' }],
              gcpPublicCidrsAccessEnabled: false,
            },
          },
        },
      }),
      update(c, { desiredDefaultEnablePrivateNodes: true }),
      update(c, { desiredSecurityPostureConfig: { mode: 'BASIC' } }),
    ];
    expect(writes).toEqual(expected.map((e) => ({ ...e, body: expect.objectContaining(e.body) })));
  });

  it('runs the gke-update snippet against the cluster it is written for', async () => {
    const values = {
      name: 'snippet',
      project: 'ksec-oracle',
      zone: 'us-central1-a',
      apiCidrs: ['203.0.113.0/24', '198.51.100.0/24'],
    };
    const snippet = await renderSnippet(findTopic('gke-update'), values);
    const served = unhardenedCluster(
      await resolveAnswers({ flags: { ...values, provider: 'gke' }, interactive: false }),
    );
    const server = await startCaptureServer([served]);
    try {
      const script = join(workdir, 'gke-update-snippet.sh');
      writeFileSync(script, snippet.parts[0]?.text ?? '');
      const run = await runBash(script, gcloudEnv(server, join(workdir, 'gke-update-snippet')), workdir);
      expect(run.stderr).not.toMatch(/ERROR:/);
      expect(run.code).toBe(0);
      expectOnlyLoopback([...server.requests], server.port);
      const writes = summarise(server.writes());
      expect(writes.length).toBeGreaterThan(10);
      for (const write of writes)
        expect(write.target).toMatch(/^snippet(\/nodePools\/default-pool)?(:\w+)?$/);
      expect(writes).toContainEqual({
        method: 'PUT',
        target: 'snippet',
        body: expect.objectContaining({
          update: {
            desiredControlPlaneEndpointsConfig: {
              ipEndpointsConfig: {
                authorizedNetworksConfig: {
                  enabled: true,
                  cidrBlocks: [{ cidrBlock: '203.0.113.0/24' }, { cidrBlock: '198.51.100.0/24' }],
                  gcpPublicCidrsAccessEnabled: false,
                },
              },
            },
          },
        }),
      });
    } finally {
      await server.close();
    }
  });

  it('writes rebuild commands (commented out in the script) that gcloud accepts as they are', async () => {
    const weak = weakStandardCluster('rebuild', 'europe-west1');
    const script = readFileSync(remediationScript('rebuild-source', weak), 'utf8');
    // The cluster variables, then every commented-out gcloud command with its continuation lines.
    const variables = script.split('\n').filter((line) => /^(cluster|project|location)=/.test(line));
    const commented = script
      .split('\n')
      .filter((line) => /^# {3}(gcloud | {2}--)/.test(line))
      .map((line) => line.replace(/^# {3}/, ''));
    expect(commented.filter((line) => line.startsWith('gcloud '))).toHaveLength(3);
    const path = join(workdir, 'rebuild.sh');
    writeFileSync(path, ['set -euo pipefail', ...variables, ...commented, ''].join('\n'));
    const server = await startCaptureServer([weak]);
    try {
      const run = await runBash(path, gcloudEnv(server, join(workdir, 'rebuild')), workdir);
      expect(run.stderr).not.toMatch(/ERROR:/);
      expect(run.code).toBe(0);
      expectOnlyLoopback(server.requests, server.port);
      expect(summarise(server.writes())).toEqual([
        {
          method: 'POST',
          target: 'rebuild/nodePools',
          body: expect.objectContaining({
            nodePool: expect.objectContaining({
              name: 'default-pool-hardened',
              config: expect.objectContaining({
                serviceAccount: 'gke-nodes@PROJECT_ID.iam.gserviceaccount.com',
                shieldedInstanceConfig: { enableIntegrityMonitoring: true, enableSecureBoot: true },
                workloadMetadataConfig: { mode: 'GKE_METADATA' },
                kubeletConfig: { insecureKubeletReadonlyPortEnabled: false },
              }),
              networkConfig: { enablePrivateNodes: true },
            }),
          }),
        },
        { method: 'DELETE', target: 'rebuild/nodePools/default-pool', body: undefined },
        {
          method: 'POST',
          target: expect.stringMatching(/\/locations\/europe-west1\/clusters$/),
          body: expect.objectContaining({
            cluster: expect.objectContaining({
              name: 'rebuild-hardened',
              ipAllocationPolicy: expect.objectContaining({ useIpAliases: true }),
              masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
            }),
          }),
        },
      ]);
    } finally {
      await server.close();
    }
  });

  it('stops before changing anything when a value it needs is not given', async () => {
    const weak = weakAutopilotCluster('no-cidrs', 'us-central1');
    const { run, requests } = await runAgainst('no-cidrs', [weak], weak);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('AUTHORIZED_NETWORKS');
    expect(requests).toEqual([]);
  });

  it('handles every cluster of a clusters list, each in its own location', async () => {
    const alpha = { ...hardenedCluster('alpha', 'europe-west4-a'), legacyAbac: { enabled: true } };
    const beta = { ...hardenedCluster('beta', 'us-east1'), releaseChannel: {} };
    const clean = hardenedCluster('clean', 'asia-east1');
    const { run, requests, writes, port } = await runAgainst('list', [alpha, beta, clean], {
      clusters: [alpha, beta, clean],
    });
    expect(run.code).toBe(0);
    expectOnlyLoopback(requests, port);
    expect(writes).toEqual([
      {
        method: 'POST',
        target: 'alpha:setLegacyAbac',
        body: expect.objectContaining({ enabled: false }),
      },
      {
        method: 'PUT',
        target: 'beta',
        body: expect.objectContaining({ update: { desiredReleaseChannel: { channel: 'REGULAR' } } }),
      },
    ]);
    const paths = requests.filter((r) => r.method !== 'GET').map((r) => r.path);
    expect(paths[0]).toContain('/locations/europe-west4-a/clusters/alpha');
    expect(paths[1]).toContain('/locations/us-east1/clusters/beta');
  });
});
