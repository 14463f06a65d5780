// Oracle tier: the create-cluster.sh that `ksec init --provider gke` writes, run by the real gcloud
// against a capture server on 127.0.0.1. gcloud must accept every flag combination (exit 0), the
// Cluster JSON it would send to Google must carry every hardening field the answers asked for, and
// `ksec diff` on that JSON must find nothing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.ts';
import { generate } from '../../src/generate/index.ts';
import { resolveAnswers } from '../../src/wizard/resolve.ts';
import { describeWithGcloud, gcloudEnv, runBash, startCaptureServer } from '../helpers/gcloud-oracle.ts';
import { GKE_INIT_CASES, GKE_REQUIRED } from '../helpers/gke-init-cases.ts';

const TITLE = 'ksec init --provider gke against real gcloud (loopback capture server)';
const workdir = mkdtempSync(join(tmpdir(), 'ksec-oracle-init-'));
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

const LOGGING = ['SYSTEM_COMPONENTS', 'WORKLOADS', 'APISERVER'];

/** The hardening fields the answers ask for, as they appear in the captured Cluster JSON. */
function expectedFields(answers: Record<string, unknown>): Record<string, unknown> {
  const project = String(answers.project);
  const autopilot = answers.autopilot === true;
  const pool = autopilot
    ? {}
    : {
        nodePools: [
          expect.objectContaining({
            // The size the answers ask for, not gcloud's defaults (e2-medium, 3 nodes in each zone).
            initialNodeCount: answers.numNodes,
            config: expect.objectContaining({
              machineType: answers.machineType,
              serviceAccount: answers.nodeServiceAccount,
              shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
              workloadMetadataConfig: { mode: 'GKE_METADATA' },
            }),
            management: expect.objectContaining({ autoRepair: true, autoUpgrade: true }),
          }),
        ],
      };
  return {
    name: answers.name,
    anonymousAuthenticationConfig: { mode: 'LIMITED' },
    controlPlaneEndpointsConfig: expect.objectContaining({
      ipEndpointsConfig: expect.objectContaining({
        authorizedNetworksConfig: {
          enabled: true,
          cidrBlocks: (answers.apiCidrs as string[]).map((cidrBlock) => ({ cidrBlock })),
          gcpPublicCidrsAccessEnabled: false,
        },
      }),
    }),
    releaseChannel: { channel: String(answers.releaseChannel).toUpperCase() },
    loggingConfig: { componentConfig: { enableComponents: expect.arrayContaining(LOGGING) } },
    // No vulnerabilityMode: GKE retired the standard scanning tier on 2025-07-31.
    securityPostureConfig: { mode: 'BASIC' },
    rbacBindingConfig: {
      enableInsecureBindingSystemAuthenticated: false,
      enableInsecureBindingSystemUnauthenticated: false,
    },
    ...(answers.privateNodes
      ? { networkConfig: expect.objectContaining({ defaultEnablePrivateNodes: true }) }
      : {}),
    ...(answers.masterIpv4Cidr
      ? {
          privateClusterConfig: expect.objectContaining({
            enablePrivateNodes: true,
            masterIpv4CidrBlock: answers.masterIpv4Cidr,
          }),
        }
      : {}),
    ...(answers.databaseEncryptionKey
      ? { databaseEncryption: { state: 'ENCRYPTED', keyName: answers.databaseEncryptionKey } }
      : {}),
    ...(autopilot
      ? {
          autopilot: expect.objectContaining({ enabled: true }),
          nodePoolAutoConfig: { nodeKubeletConfig: { insecureKubeletReadonlyPortEnabled: false } },
        }
      : {
          ipAllocationPolicy: expect.objectContaining({ useIpAliases: true }),
          masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
          legacyAbac: { enabled: false },
          shieldedNodes: { enabled: true },
          workloadIdentityConfig: { workloadPool: `${project}.svc.id.goog` },
          nodePoolDefaults: {
            nodeConfigDefaults: { nodeKubeletConfig: { insecureKubeletReadonlyPortEnabled: false } },
          },
          ...(answers.networkPolicy === 'calico'
            ? { networkPolicy: { enabled: true, provider: 'CALICO' } }
            : {}),
          ...pool,
        }),
  };
}

describeWithGcloud(TITLE, 120_000, () => {
  for (const [name, flags] of Object.entries(GKE_INIT_CASES)) {
    it(name, async () => {
      const answers = await resolveAnswers({ flags: { ...GKE_REQUIRED, ...flags }, interactive: false });
      const dir = join(workdir, name);
      for (const file of generate(answers)) {
        mkdirSync(dirname(join(dir, file.path)), { recursive: true });
        writeFileSync(join(dir, file.path), file.content, { mode: file.mode });
      }
      const server = await startCaptureServer([]);
      try {
        const run = await runBash('create-cluster.sh', gcloudEnv(server, join(dir, 'home')), dir);
        expect(run.stderr).not.toMatch(/ERROR:/);
        expect(run.code).toBe(0);
        for (const request of server.requests) {
          expect(request.method).not.toBe('CONNECT');
          expect(request.host).toBe(`127.0.0.1:${server.port}`);
        }
        const creates = server.writes();
        expect(creates.map((r) => r.method)).toEqual(['POST']);
        const body = creates[0]?.body as { cluster: Record<string, unknown>; parent: string };
        const location = String(answers.zone || answers.region);
        expect(body.parent).toBe(`projects/${String(answers.project)}/locations/${location}`);
        expect(body.cluster).toMatchObject(expectedFields(answers));
        expect(body.cluster.securityPostureConfig).toEqual({ mode: 'BASIC' });
        // No --metadata: the endpoints disable-legacy-endpoints turned off are gone (see the generate test).
        for (const pool of (body.cluster.nodePools as { config?: Record<string, unknown> }[]) ?? [])
          expect(pool.config?.metadata).toBeUndefined();
        if (answers.networkPolicy === 'dataplane-v2' || answers.autopilot) {
          expect(body.cluster.networkPolicy).toBeUndefined();
        }

        // The generator passes its own checker, on exactly what gcloud would send.
        const result = checkText(JSON.stringify(body, null, 2), `${name}.json`);
        expect(result.errors).toEqual([]);
        expect(result.checked.map((c) => c.provider)).toEqual(['gke']);
        expect(result.findings.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
      } finally {
        await server.close();
      }
    });
  }
});
