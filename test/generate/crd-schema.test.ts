import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { generate } from '../../src/generate/index.ts';
import { resolveAnswers } from '../../src/wizard/resolve.ts';
import { kopsSchemaErrors, kopsValidators } from '../helpers/kops-crd.ts';
import { KOPS_REQUIRED } from '../wizard/helpers.ts';

describe('kops CRD schema check (the validator itself)', () => {
  it('rejects an unknown field and a wrong type, so a pass means something', () => {
    const { Cluster, InstanceGroup } = kopsValidators();
    expect(Cluster.spec({ kubelet: { anonymousAuth: false } })).toBe(true);
    expect(Cluster.spec({ kubelet: { anonymousAuht: false } })).toBe(false);
    expect(Cluster.spec({ iam: {} })).toBe(false); // the CRD requires iam.legacy
    expect(InstanceGroup.spec({ instanceMetadata: { httpPutResponseHopLimit: '1' } })).toBe(false);
    expect(InstanceGroup.spec({ minSize: 2 ** 31 })).toBe(false);
  });
});

describe('generated kops documents against the real CRDs', () => {
  const cases: Record<string, Record<string, unknown>> = {
    'HA, private, no SSH': {},
    'single zone, public, SSH': {
      zones: 'us-east-1a',
      topology: 'public',
      sshCidrs: ['198.51.100.0/24'],
      networking: 'calico',
    },
    'private with bastion, request-level audit, no encryption': {
      sshCidrs: ['198.51.100.0/24', '2001:db8::/48'],
      bastion: true,
      auditLevel: 'RequestResponse',
      encryptionConfig: false,
    },
  };
  for (const [name, flags] of Object.entries(cases)) {
    it(name, async () => {
      const answers = await resolveAnswers({ flags: { ...KOPS_REQUIRED, ...flags }, interactive: false });
      const cluster = generate(answers).find((f) => f.path === 'cluster.yaml');
      const docs = parseAllDocuments(cluster?.content ?? '').map((d) => d.toJS());
      expect(docs.map((d) => d.kind)).toContain('Cluster');
      for (const doc of docs) {
        expect(doc.apiVersion).toBe('kops.k8s.io/v1alpha2');
        expect(kopsSchemaErrors(doc), `${doc.kind} ${doc.metadata.name}`).toEqual([]);
        expect(kopsValidators()[doc.kind as 'Cluster' | 'InstanceGroup'].spec(doc.spec)).toBe(true);
      }
    });
  }
});
