// The real-gcloud oracle: gcloud 528 talks to a capture server on 127.0.0.1 instead of Google, so
// tests see the exact requests a script would send. Every request gcloud makes goes through the
// server twice over: the container and serviceusage endpoints point at it, and it is also gcloud's
// HTTP proxy, so a request meant for any other host would arrive here too (and fail the test)
// instead of leaving the machine.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { delimiter, join } from 'node:path';
import { describe, it } from 'vitest';

/** The gcloud executable on PATH, or undefined: the oracle tier then reports that it did not run. */
export function findGcloud(path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'gcloud');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/**
 * A test suite that needs gcloud. Without gcloud on PATH it fails under CI (the tier must run there)
 * and is reported as not run elsewhere, never silently skipped. Tests run concurrently: each gcloud
 * call takes about a second to start.
 */
export function describeWithGcloud(title: string, timeout: number, body: () => void): void {
  if (findGcloud()) {
    describe.concurrent(title, { timeout }, body);
    return;
  }
  const message = `ksec: the oracle tier "${title}" did NOT run: gcloud is not on PATH. Install the Google Cloud CLI to run it.`;
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('runs under CI, where gcloud is required', () => {
        throw new Error(`${message} CI must run this tier.`);
      });
    });
  } else {
    console.warn(message);
    describe.skip(`${title}: NOT RUN, gcloud is not on PATH`, () => {
      it('needs gcloud', () => undefined);
    });
  }
}

export interface CapturedRequest {
  method: string;
  /** Host the request was addressed to (the proxy sees absolute URLs). */
  host: string;
  /** Path without the query string, e.g. `/v1/projects/p1/locations/l/clusters/c1:setLegacyAbac`. */
  path: string;
  body: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface CaptureServer {
  url: string;
  port: number;
  requests: CapturedRequest[];
  /** Requests that change something (everything but GET). */
  writes(): CapturedRequest[];
  close(): Promise<void>;
}

const CLUSTER_PATH =
  /^\/v1(?:beta1)?\/projects\/[^/]+\/(?:locations|zones)\/[^/]+\/clusters\/([^/:]+)(?:\/nodePools\/([^/:]+))?$/;
const OPERATION_PATH = /^\/v1(?:beta1)?\/projects\/[^/]+\/(?:locations|zones)\/[^/]+\/operations\/[^/]+$/;
const CREATE_PATH = /^\/v1(?:beta1)?\/projects\/[^/]+\/(?:locations|zones)\/([^/]+)\/clusters$/;
const POOL_CREATE_PATH =
  /^\/v1(?:beta1)?\/projects\/[^/]+\/(?:locations|zones)\/[^/]+\/clusters\/([^/:]+)\/nodePools$/;
const DONE = { name: 'operation-1', status: 'DONE', operationType: 'UPDATE_CLUSTER' };

/**
 * Serves `clusters` (by name) on GET, and the clusters created through it; answers every change
 * with a finished operation, and records every request. CONNECT (an https request through the
 * proxy) is recorded and refused.
 */
export async function startCaptureServer(
  clusters: readonly Record<string, unknown>[],
): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const served = clusters.map((cluster) => ({ ...cluster }));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = new URL(req.url ?? '/', `http://${req.headers.host ?? 'unknown'}`);
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // keep the raw text
      }
      requests.push({ method: req.method ?? '', host: target.host, path: target.pathname, body });
      res.setHeader('content-type', 'application/json');
      const created = req.method === 'POST' && CREATE_PATH.exec(target.pathname);
      if (created && isRecord(body) && isRecord(body.cluster)) {
        // After a create, gcloud reads the cluster back to write its kubeconfig entry.
        // The output-only fields it needs are filled in with loopback values it never connects to.
        const endpoints = isRecord(body.cluster.controlPlaneEndpointsConfig)
          ? body.cluster.controlPlaneEndpointsConfig
          : {};
        const ip = isRecord(endpoints.ipEndpointsConfig) ? endpoints.ipEndpointsConfig : {};
        served.push({
          ...body.cluster,
          location: created[1],
          status: 'RUNNING',
          endpoint: '127.0.0.1',
          masterAuth: {
            clusterCaCertificate: Buffer.from('ksec oracle: not a certificate').toString('base64'),
          },
          controlPlaneEndpointsConfig: {
            ...endpoints,
            dnsEndpointConfig: { endpoint: 'ksec-oracle.invalid', allowExternalTraffic: false },
            ipEndpointsConfig: {
              ...ip,
              enabled: true,
              publicEndpoint: '127.0.0.1',
              privateEndpoint: '127.0.0.1',
            },
          },
        });
      }
      const poolCreated = req.method === 'POST' && POOL_CREATE_PATH.exec(target.pathname);
      if (poolCreated && isRecord(body) && isRecord(body.nodePool)) {
        // After a node-pool create, gcloud reads the pool back.
        const owner = served.find((c) => c.name === poolCreated[1]);
        if (owner) owner.nodePools = [...((owner.nodePools as unknown[] | undefined) ?? []), body.nodePool];
      }
      if (req.method !== 'GET') return void res.end(JSON.stringify(DONE));
      if (OPERATION_PATH.test(target.pathname)) return void res.end(JSON.stringify(DONE));
      const match = target.pathname.match(CLUSTER_PATH);
      const cluster = match && served.find((c) => c.name === match[1]);
      const found = match?.[2]
        ? (cluster?.nodePools as Record<string, unknown>[] | undefined)?.find((p) => p.name === match[2])
        : cluster;
      if (!found) {
        res.statusCode = 404;
        return void res.end(
          JSON.stringify({ error: { code: 404, message: `not served: ${target.pathname}` } }),
        );
      }
      res.end(JSON.stringify(found));
    });
  });
  server.on('connect', (req, socket) => {
    requests.push({ method: 'CONNECT', host: req.url ?? '', path: '', body: undefined });
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    writes: () => requests.filter((r) => r.method !== 'GET'),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The environment gcloud runs in: nothing inherited but PATH, a throw-away config directory and
 * kubeconfig, a dummy access token, every endpoint and the proxy on the capture server, and no
 * prompts, update checks or usage reporting.
 */
export function gcloudEnv(
  server: CaptureServer,
  dir: string,
  project = 'ksec-oracle',
): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const token = join(dir, 'access-token');
  writeFileSync(token, 'ksec-oracle-dummy-token\n');
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    LANG: 'C.UTF-8',
    CLOUDSDK_CONFIG: join(dir, 'gcloud-config'),
    KUBECONFIG: join(dir, 'kubeconfig'),
    CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
    CLOUDSDK_CORE_PROJECT: project,
    CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: token,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER: server.url,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_SERVICEUSAGE: server.url,
    CLOUDSDK_PROXY_TYPE: 'http',
    CLOUDSDK_PROXY_ADDRESS: '127.0.0.1',
    CLOUDSDK_PROXY_PORT: String(server.port),
    CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: '1',
    CLOUDSDK_CORE_DISABLE_USAGE_REPORTING: '1',
    // No probe of the GCE metadata server (a link-local address outside the proxy's reach).
    CLOUDSDK_CORE_CHECK_GCE_METADATA: 'false',
    CLOUDSDK_SURVEY_DISABLE_PROMPTS: '1',
  };
}

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a bash script asynchronously, so several scripts (each with its own server) run side by side. */
export function runBash(script: string, env: Record<string, string>, cwd: string): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
