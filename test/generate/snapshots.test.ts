import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/generate/index.ts';
import { resolveAnswers } from '../../src/wizard/resolve.ts';
import { useToday } from '../helpers/today.ts';
import { KOPS_REQUIRED } from '../wizard/helpers.ts';

useToday();

const SNAPSHOTS = join(import.meta.dirname, '..', '..', 'snapshots', 'init');

/** Representative outputs, reviewed as real files under snapshots/init/<case>/. */
const CASES: Record<string, Record<string, unknown>> = {
  // Every default: three zones, three control-plane groups, private, no SSH, Metadata audit.
  'kops-ha-private': {},
  // One zone, public subnets, SSH straight to the instances, calico, no Secret encryption.
  'kops-single-zone-public': {
    name: 'lab.example.org',
    state: 's3://example-org-kops/clusters',
    zones: 'us-east-1a',
    topology: 'public',
    sshCidrs: '198.51.100.0/24',
    sshPublicKey: '~/.ssh/admin key.pub',
    networking: 'calico',
    encryptionConfig: false,
    nodeCount: '1',
  },
  // Private with a bastion and an internal API load balancer, IPv4 and IPv6 admin networks,
  // RequestResponse audit for changes.
  'kops-bastion-request-audit': {
    apiCidrs: ['203.0.113.0/24', '2001:db8:1234::/48'],
    sshCidrs: ['198.51.100.0/24'],
    bastion: true,
    apiLoadBalancer: 'internal',
    auditLevel: 'RequestResponse',
    auditMaxAge: '90',
    kubernetesVersion: 'v1.36.4',
    controlPlaneSize: 'm7i.large',
    nodeSize: 'm7i.xlarge',
    nodeCount: '6',
  },
};

describe('ksec init output snapshots', () => {
  for (const [name, flags] of Object.entries(CASES)) {
    it(name, async () => {
      const answers = await resolveAnswers({ flags: { ...KOPS_REQUIRED, ...flags }, interactive: false });
      // The k8s/ manifests are the same for every cluster; test/generate/workload.test.ts snapshots them.
      const files = generate(answers).filter((f) => !f.path.startsWith('k8s/'));
      expect(files.map((f) => f.path)).toEqual(['cluster.yaml', 'kops-commands.sh', 'ksec.answers.yaml']);
      for (const file of files)
        await expect(file.content).toMatchFileSnapshot(join(SNAPSHOTS, name, file.path));
      // The script must at least parse as bash.
      const dir = mkdtempSync(join(tmpdir(), 'ksec-sh-'));
      const script = files.find((f) => f.path.endsWith('.sh'));
      writeFileSync(join(dir, 'script.sh'), script?.content ?? '');
      expect(() => execFileSync('bash', ['-n', join(dir, 'script.sh')], { stdio: 'pipe' })).not.toThrow();
    });
  }
});
