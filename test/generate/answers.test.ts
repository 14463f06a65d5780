import { describe, expect, it } from 'vitest';
import { gkeAnswers, kopsAnswers, workloadAnswers } from '../../src/generate/answers.ts';
import { generate } from '../../src/generate/index.ts';
import { CLUSTER_PROVIDERS } from '../../src/wizard/questions/common.ts';
import { GKE_NETWORK_POLICIES, GKE_RELEASE_CHANNELS } from '../../src/wizard/questions/gke.ts';
import { allQuestions } from '../../src/wizard/questions/index.ts';
import {
  API_LOAD_BALANCERS,
  AUDIT_LEVELS,
  CONTROL_PLANE_COUNTS,
  NETWORKING_CHOICES,
  TOPOLOGIES,
} from '../../src/wizard/questions/kops.ts';
import { NAMESPACE_ROLES } from '../../src/wizard/questions/workload.ts';
import { resolveAnswers } from '../../src/wizard/resolve.ts';
import { GKE_REQUIRED } from '../helpers/gke-init-cases.ts';
import { KOPS_REQUIRED } from '../wizard/helpers.ts';

const resolved = (flags: Record<string, unknown>) => resolveAnswers({ flags, interactive: false });

describe('typed answers', () => {
  it('reads the resolved answers as they are, numbers and choices included', async () => {
    const kops = await resolved({ ...KOPS_REQUIRED, controlPlaneCount: '3', topology: 'PUBLIC' });
    const typed = kopsAnswers(kops);
    expect(typed).toMatchObject({
      provider: 'kops',
      controlPlaneCount: 3,
      topology: 'public',
      networking: 'cilium',
      auditLevel: 'Metadata',
    });
    for (const [name, value] of Object.entries(typed))
      if (value !== undefined) expect(kops[name]).toEqual(value);
    const gke = await resolved({ ...GKE_REQUIRED, region: 'europe-west1' });
    expect(gkeAnswers(gke)).toMatchObject({
      provider: 'gke',
      releaseChannel: 'regular',
      networkPolicy: 'dataplane-v2',
    });
    expect(workloadAnswers(gke)).toMatchObject({
      namespaceRole: 'edit',
      provider: 'gke',
      kubernetesVersion: undefined,
    });
  });

  it('refuses a value of the wrong type or outside its list, naming the answer', async () => {
    const gke = await resolved({ ...GKE_REQUIRED, region: 'europe-west1' });
    expect(() => generate({ ...gke, releaseChannel: '$(touch pwned)' })).toThrow(
      'the gke generator needs releaseChannel to be one of regular, stable, rapid, extended, got "$(touch pwned)"',
    );
    const kops = await resolved({ ...KOPS_REQUIRED });
    expect(() => kopsAnswers({ ...kops, zones: 'eu-west-1a' })).toThrow(
      'the kops generator needs zones to be a list of text, got "eu-west-1a"',
    );
    expect(() => kopsAnswers({ ...kops, nodeCount: undefined })).toThrow(
      'the kops generator needs nodeCount to be a number, got none',
    );
    expect(() => workloadAnswers({ ...kops, namespaceRole: 'owner' })).toThrow(
      /namespaceRole to be one of edit, admin, view/,
    );
  });

  it('every select offers exactly the values of the constant its answer is typed from', () => {
    const constants: Record<string, readonly (string | number)[]> = {
      provider: CLUSTER_PROVIDERS,
      controlPlaneCount: CONTROL_PLANE_COUNTS,
      topology: TOPOLOGIES,
      apiLoadBalancer: API_LOAD_BALANCERS,
      networking: NETWORKING_CHOICES,
      auditLevel: AUDIT_LEVELS,
      networkPolicy: GKE_NETWORK_POLICIES,
      releaseChannel: GKE_RELEASE_CHANNELS,
      namespaceRole: NAMESPACE_ROLES,
    };
    const selects = allQuestions().filter((q) => q.type === 'select');
    expect(selects.map((q) => q.name).sort()).toEqual(Object.keys(constants).sort());
    for (const question of selects)
      expect(
        question.choices?.map((c) => c.value),
        question.name,
      ).toEqual([...(constants[question.name] ?? [])]);
  });
});
