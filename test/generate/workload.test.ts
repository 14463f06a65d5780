// The cluster-level manifests under k8s/: valid Kubernetes (kubernetes-models for built-in kinds, the
// RBAC Manager CRD shape for RBACDefinition), clean under ksec diff, and an example workload that
// passes every workload rule and scores at least 9 kubesec points.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { Deployment } from 'kubernetes-models/apps/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { Namespace, ServiceAccount } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { checkFiles } from '../../src/engine/check.ts';
import { generate } from '../../src/generate/index.ts';
import { listRules } from '../../src/rules/index.ts';
import { KsecError } from '../../src/util/errors.ts';
import { resolveAnswers } from '../../src/wizard/resolve.ts';
import { GKE_REQUIRED } from '../helpers/gke-init-cases.ts';
import { useToday } from '../helpers/today.ts';
import { KOPS_REQUIRED } from '../wizard/helpers.ts';

useToday();

async function k8sFiles(flags: Record<string, unknown>) {
  const answers = await resolveAnswers({ flags, interactive: false });
  return generate(answers).filter((file) => file.path.startsWith('k8s/'));
}

const validateRbacDefinition = new Ajv({ allErrors: true }).compile(
  JSON.parse(readFileSync(join(import.meta.dirname, 'rbac-definition.schema.json'), 'utf8')),
);

type Validator = (value: Record<string, unknown>) => void;
/** A maintained schema for every kind the generator writes; an unknown kind fails the test. */
const SCHEMAS: Record<string, Validator> = {
  'v1/Namespace': (v) => new Namespace(v as never).validate(),
  'v1/ServiceAccount': (v) => new ServiceAccount(v as never).validate(),
  'apps/v1/Deployment': (v) => new Deployment(v as never).validate(),
  'networking.k8s.io/v1/NetworkPolicy': (v) => new NetworkPolicy(v as never).validate(),
  'rbacmanager.reactiveops.io/v1beta1/RBACDefinition': (v) => {
    if (!validateRbacDefinition(v)) throw new Error(JSON.stringify(validateRbacDefinition.errors));
  },
};

function manifests(content: string): Record<string, unknown>[] {
  return parseAllDocuments(content).flatMap((doc) => {
    expect(doc.errors).toEqual([]);
    const value = doc.toJS();
    return value === null ? [] : [value as Record<string, unknown>];
  });
}

const SCENARIOS = {
  'kops-default': KOPS_REQUIRED,
  'gke-default': { ...GKE_REQUIRED, region: 'europe-west1' },
  'kops-teams': {
    ...KOPS_REQUIRED,
    namespaces: 'shop,payments,search',
    namespaceOwners: [
      'shop=shop-team@example.com',
      'payments=payments-team@example.com',
      'search=shop-team@example.com',
      'payments=sre',
    ],
    namespaceRole: 'admin',
  },
} as const;

describe('workload generator', () => {
  for (const [scenario, flags] of Object.entries(SCENARIOS)) {
    describe(scenario, () => {
      it('writes namespaces, network policies, the RBACDefinition and the example workload', async () => {
        const files = await k8sFiles(flags);
        expect(files.map((f) => f.path)).toEqual([
          'k8s/namespaces.yaml',
          'k8s/network-policies.yaml',
          'k8s/rbac-definition.yaml',
          'k8s/workload-example.yaml',
        ]);
        for (const file of files)
          await expect(file.content).toMatchFileSnapshot(
            `../../snapshots/init/k8s-${scenario}/${file.path.slice(4)}`,
          );
      });

      it('writes only manifests that validate against a maintained schema', async () => {
        for (const file of await k8sFiles(flags)) {
          for (const manifest of manifests(file.content)) {
            const key = `${manifest.apiVersion}/${manifest.kind}`;
            const validate = SCHEMAS[key];
            expect(validate, `a schema for ${key} in ${file.path}`).toBeDefined();
            expect(() => validate?.(manifest), `${key} in ${file.path}`).not.toThrow();
          }
        }
      });

      it('passes ksec diff with zero findings; the example scores at least 9 and passes every workload rule', async () => {
        const files = await k8sFiles(flags);
        const result = checkFiles(files.map((f) => ({ file: f.path, text: f.content })));
        expect(result.errors).toEqual([]);
        expect(result.findings).toEqual([]);
        const workloads = result.checked.filter((c) => c.provider === 'workload');
        // The ServiceAccount is read (its pods take its automount setting), not scored.
        expect(workloads.map((c) => c.object)).toEqual(['ServiceAccount/example', 'Deployment/example']);
        expect(workloads[0]?.score).toBeUndefined();
        expect(workloads[1]?.score).toBeGreaterThanOrEqual(9);
        // Every workload rule that applies to a Deployment, run on its own: none reports anything.
        const rules = listRules({ provider: 'workload' }).filter((rule) =>
          rule.targets.includes('Deployment'),
        );
        expect(rules.length).toBeGreaterThan(10);
        const example = files.find((f) => f.path === 'k8s/workload-example.yaml');
        for (const rule of rules)
          expect(
            checkFiles([{ file: 'example.yaml', text: example?.content ?? '' }], { rules: [rule] }).findings,
          ).toEqual([]);
      });
    });
  }

  it('writes one namespace, apps, owned by one group when nothing is given', async () => {
    const files = await k8sFiles(KOPS_REQUIRED);
    const namespaces = manifests(files[0]?.content ?? '');
    expect(namespaces.map((n) => (n.metadata as { name: string }).name)).toEqual(['apps']);
    const [rbac] = manifests(files[2]?.content ?? '');
    expect(rbac?.rbacBindings).toEqual([
      {
        name: 'apps-developers',
        subjects: [{ kind: 'Group', name: 'apps-developers' }],
        roleBindings: [{ clusterRole: 'edit', namespace: 'apps' }],
      },
    ]);
  });

  it('binds a group once with a role binding per namespace it owns', async () => {
    const files = await k8sFiles(SCENARIOS['kops-teams']);
    const [rbac] = manifests(files[2]?.content ?? '');
    expect(rbac?.rbacBindings).toEqual([
      {
        name: 'shop-team-example-com',
        subjects: [{ kind: 'Group', name: 'shop-team@example.com' }],
        roleBindings: [
          { clusterRole: 'admin', namespace: 'shop' },
          { clusterRole: 'admin', namespace: 'search' },
        ],
      },
      {
        name: 'payments-team-example-com',
        subjects: [{ kind: 'Group', name: 'payments-team@example.com' }],
        roleBindings: [{ clusterRole: 'admin', namespace: 'payments' }],
      },
      {
        name: 'sre',
        subjects: [{ kind: 'Group', name: 'sre' }],
        roleBindings: [{ clusterRole: 'admin', namespace: 'payments' }],
      },
    ]);
    const policies = manifests(files[1]?.content ?? '');
    expect(
      policies.map(
        (p) => `${(p.metadata as { namespace: string }).namespace}/${(p.metadata as { name: string }).name}`,
      ),
    ).toEqual([
      'shop/default-deny-all',
      'shop/allow-dns-egress',
      'payments/default-deny-all',
      'payments/allow-dns-egress',
      'search/default-deny-all',
      'search/allow-dns-egress',
    ]);
  });

  it('refuses system namespaces, bad names and owners of unknown namespaces, naming the flag', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { namespaces: 'kube-system' },
        /--namespaces.*belongs to Kubernetes itself|belongs to Kubernetes itself/,
      ],
      [{ namespaces: 'Shop_1' }, /not a namespace name/],
      [
        { namespaces: 'shop', namespaceOwners: 'web=team' },
        /"web" is not one of the application namespaces \(shop\)/,
      ],
      [{ namespaces: 'shop', namespaceOwners: 'team' }, /write NAMESPACE=GROUP, e\.g\. shop=team/],
      [{ namespaces: 'shop', namespaceOwners: 'shop=team"x' }, /is not a group name/],
    ];
    for (const [flags, message] of cases) {
      const attempt = resolveAnswers({ flags: { ...KOPS_REQUIRED, ...flags }, interactive: false });
      await expect(attempt).rejects.toBeInstanceOf(KsecError);
      await expect(
        resolveAnswers({ flags: { ...KOPS_REQUIRED, ...flags }, interactive: false }),
      ).rejects.toThrow(message);
    }
  });
});

describe('workload generator, any valid answers', () => {
  const label = fc
    .stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/)
    .filter((name) => !name.startsWith('kube-') && name !== 'default');
  const group = fc.constantFrom('dev-team', 'sre', 'ops@example.com', 'Platform.Admins', 'team:payments');
  const answers = fc.uniqueArray(label, { minLength: 1, maxLength: 4 }).chain((namespaces) =>
    fc.record({
      namespaces: fc.constant(namespaces),
      owners: fc.uniqueArray(fc.tuple(fc.constantFrom(...namespaces), group), {
        minLength: 1,
        maxLength: 6,
        selector: ([namespace, owner]) => `${namespace}=${owner}`,
      }),
      role: fc.constantFrom('edit', 'admin', 'view'),
    }),
  );

  it('writes valid manifests, clean under ksec diff, binding every owner exactly where asked', async () => {
    await fc.assert(
      fc.asyncProperty(answers, async ({ namespaces, owners, role }) => {
        const files = await k8sFiles({
          ...KOPS_REQUIRED,
          namespaces: namespaces.join(','),
          namespaceOwners: owners.map(([namespace, owner]) => `${namespace}=${owner}`),
          namespaceRole: role,
        });
        for (const file of files)
          for (const manifest of manifests(file.content)) {
            const validate = SCHEMAS[`${manifest.apiVersion}/${manifest.kind}`];
            expect(validate).toBeDefined();
            validate?.(manifest);
          }
        const result = checkFiles(files.map((f) => ({ file: f.path, text: f.content })));
        expect(result.errors).toEqual([]);
        expect(result.findings).toEqual([]);
        const [rbac] = manifests(files[2]?.content ?? '');
        const granted = (
          (rbac?.rbacBindings ?? []) as {
            subjects: { name: string }[];
            roleBindings: { clusterRole: string; namespace: string }[];
          }[]
        )
          .flatMap((binding) =>
            binding.roleBindings.map(
              (rb) => `${rb.namespace}=${binding.subjects[0]?.name}/${rb.clusterRole}`,
            ),
          )
          .sort();
        expect(granted).toEqual(owners.map(([namespace, owner]) => `${namespace}=${owner}/${role}`).sort());
      }),
      { numRuns: 40 },
    );
  });

  describe('what the manifests say follows the Kubernetes version init writes', () => {
    const example = async (kubernetesVersion: string) => {
      const files = await k8sFiles({ ...KOPS_REQUIRED, kubernetesVersion, confirmVersion: true });
      return {
        namespaces: files.find((f) => f.path === 'k8s/namespaces.yaml')?.content ?? '',
        workload: files.find((f) => f.path === 'k8s/workload-example.yaml')?.content ?? '',
      };
    };

    it('uses the appArmorProfile field from 1.30, where it is GA (https://kubernetes.io/docs/tutorials/security/apparmor/)', async () => {
      const { workload } = await example('1.30.14');
      expect(workload).toContain('appArmorProfile:\n          type: RuntimeDefault');
      expect(workload).not.toContain('container.apparmor.security.beta.kubernetes.io');
    });

    it('uses the annotation before 1.30, whose API server drops the unknown field, and still passes every workload rule', async () => {
      const { workload } = await example('1.29.15');
      expect(workload).not.toMatch(/^\s*appArmorProfile:/m);
      expect(workload).toContain('container.apparmor.security.beta.kubernetes.io/app: runtime/default');
      const deployment = manifests(workload).find((m) => m.kind === 'Deployment') ?? {};
      expect(() => SCHEMAS['apps/v1/Deployment']?.(deployment)).not.toThrow();
      for (const rule of listRules({ provider: 'workload' }))
        expect(checkFiles([{ file: 'example.yaml', text: workload }], { rules: [rule] }).findings).toEqual(
          [],
        );
    });

    it('says that the Pod Security labels enforce nothing before 1.23 (https://kubernetes.io/docs/concepts/security/pod-security-admission/)', async () => {
      expect((await example('1.22.17')).namespaces).toContain('the labels\n# below enforce nothing');
      expect((await example('1.23.17')).namespaces).not.toContain('enforce nothing');
    });
  });
});
