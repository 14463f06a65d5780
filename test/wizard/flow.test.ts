// The wizard's flow through injected prompts: the step counter, the advanced-settings question,
// the review with its "change an answer", the notes, and the hints that lead to a valid answer.
import { describe, expect, it } from 'vitest';
import { INIT_OUTPUTS } from '../../src/cli/commands/init.ts';
import { generate } from '../../src/generate/index.ts';
import { KsecError } from '../../src/util/errors.ts';
import {
  ADVANCED_PROMPT,
  REVIEW_CHANGE_PROMPT,
  REVIEW_PROMPT,
  resolveAnswers,
} from '../../src/wizard/resolve.ts';
import { GKE_INIT_CASES, GKE_REQUIRED } from '../helpers/gke-init-cases.ts';
import { useToday } from '../helpers/today.ts';
import { KOPS_REQUIRED, scriptedAsk } from './helpers.ts';

useToday();

const KOPS_ANSWERS = {
  name: ['dev.example.com'],
  state: ['s3://example-kops-state'],
  zones: ['eu-west-1a,eu-west-1b,eu-west-1c'],
  apiCidrs: ['203.0.113.0/24'],
};

describe('the step counter', () => {
  it('numbers every prompt of the run, the advanced question included, and follows the answers', async () => {
    const { ask, asked } = scriptedAsk(KOPS_ANSWERS);
    await resolveAnswers({ flags: {}, interactive: true, ask });
    const steps = asked.filter((p) => p.step).map((p) => `${p.name} ${p.step?.index}/${p.step?.total}`);
    expect(steps[0]).toBe('provider 1/18');
    expect(steps).toContain(`${ADVANCED_PROMPT} 7/18`);
    expect(steps.at(-1)).toBe('namespaceRole 18/18');
    // Questions that only check a reply (a correction, a risk) are no step of their own.
    expect(asked.filter((p) => !p.step).map((p) => p.name)).toEqual([]);

    const gke = scriptedAsk({
      provider: ['gke'],
      name: ['prod'],
      project: ['my-project-123'],
      region: ['europe-west1'],
      apiCidrs: ['203.0.113.0/24'],
    });
    await resolveAnswers({ flags: {}, interactive: true, ask: gke.ask });
    const gkeSteps = gke.asked.map((p) => `${p.name} ${p.step?.index}/${p.step?.total}`);
    // Before the provider is known the kops count stands; from the next question on, GKE's.
    expect(gkeSteps[0]).toBe('provider 1/18');
    expect(gkeSteps[1]).toBe('name 2/19');
    expect(gkeSteps.at(-1)).toBe('namespaceRole 19/19');
  });

  it('counts only what flags leave open', async () => {
    const { ask, asked } = scriptedAsk({});
    await resolveAnswers({
      flags: { ...KOPS_REQUIRED, controlPlaneSize: 't3.large' },
      interactive: true,
      ask,
    });
    expect(asked[0]?.step).toEqual({ index: 1, total: asked.length });
    expect(asked.at(-1)?.step).toEqual({ index: asked.length, total: asked.length });
  });
});

describe('the advanced settings', () => {
  it('are one question, default no, listing the hardened defaults it keeps', async () => {
    const { ask, asked } = scriptedAsk(KOPS_ANSWERS);
    const answers = await resolveAnswers({ flags: {}, interactive: true, ask });
    const gate = asked.find((p) => p.name === ADVANCED_PROMPT);
    expect(gate).toMatchObject({ type: 'confirm', message: 'Change advanced settings?', default: false });
    expect(gate?.why).toBe(
      'Unless you say yes, they keep their hardened defaults: --control-plane-size t3.medium, --node-size t3.medium, --audit-max-age 30, --audit-max-backups 10, --audit-max-size 100, --imds-hop-limit 1.',
    );
    const names = asked.map((p) => p.name);
    for (const advanced of [
      'controlPlaneSize',
      'nodeSize',
      'auditMaxAge',
      'auditMaxBackups',
      'auditMaxSize',
      'imdsHopLimit',
    ])
      expect(names).not.toContain(advanced);
    expect(answers).toMatchObject({ controlPlaneSize: 't3.medium', auditMaxAge: 30, imdsHopLimit: 1 });
  });

  it('are each asked after a yes; flags for some leave the others behind the question', async () => {
    const yes = scriptedAsk({ ...KOPS_ANSWERS, [ADVANCED_PROMPT]: [true], auditMaxAge: ['90'] });
    const answers = await resolveAnswers({ flags: {}, interactive: true, ask: yes.ask });
    expect(yes.asked.map((p) => p.name)).toEqual(
      expect.arrayContaining(['controlPlaneSize', 'auditMaxAge', 'imdsHopLimit']),
    );
    expect(answers.auditMaxAge).toBe(90);

    const some = scriptedAsk(KOPS_ANSWERS);
    await resolveAnswers({
      flags: { controlPlaneSize: 't3.large', imdsHopLimit: '1' },
      interactive: true,
      ask: some.ask,
    });
    const gate = some.asked.find((p) => p.name === ADVANCED_PROMPT);
    expect(gate?.why).not.toContain('--control-plane-size');
    expect(gate?.why).toContain('--node-size t3.medium');

    const none = scriptedAsk(KOPS_ANSWERS);
    const all = {
      controlPlaneSize: 'm7i.large',
      nodeSize: 'm7i.large',
      auditMaxAge: 30,
      auditMaxBackups: 10,
      auditMaxSize: 100,
      imdsHopLimit: 1,
    };
    await resolveAnswers({ flags: all, interactive: true, ask: none.ask });
    expect(none.asked.map((p) => p.name)).not.toContain(ADVANCED_PROMPT);
  });

  it('never ask without a terminal, and the answers are the same as after a no', async () => {
    const quiet = await resolveAnswers({ flags: KOPS_REQUIRED, interactive: false });
    const { ask } = scriptedAsk({});
    const keptDefaults = await resolveAnswers({
      flags: KOPS_REQUIRED,
      interactive: true,
      ask,
    });
    expect(keptDefaults).toEqual(quiet);
  });
});

describe('the review', () => {
  const review = 'Review: nothing is written yet.';

  it('lists every answer with where it came from, then writes', async () => {
    const notes: string[] = [];
    const { ask, asked } = scriptedAsk(KOPS_ANSWERS);
    const answers = await resolveAnswers({
      flags: { topology: 'private' },
      interactive: true,
      ask,
      note: (text) => notes.push(text),
      review,
    });
    const screen = notes.join('');
    expect(screen).toContain(`\n${review}\n`);
    expect(screen).toMatch(/\n {2}Cluster name +dev\.example\.com\n/);
    expect(screen).toMatch(/\n {2}Network topology +private {2}\(--topology\)\n/);
    expect(screen).toMatch(/\n {2}Control-plane instance type +t3\.medium {2}\(default\)\n/);
    expect(screen).toMatch(/\n {2}Networks allowed to SSH in +none\n/);
    const prompt = asked.find((p) => p.name === REVIEW_PROMPT);
    expect(prompt?.choices?.map((c) => c.value)).toEqual(['write', 'change', 'cancel']);
    expect(answers.name).toBe('dev.example.com');
  });

  it('changes one answer; the typed ones stay, the defaulted ones follow their default', async () => {
    const { ask, asked } = scriptedAsk({
      provider: ['gke'],
      name: ['prod'],
      project: ['first-project-1', 'second-project-2'],
      region: ['europe-west1'],
      apiCidrs: ['198.51.100.0/24'],
      [REVIEW_PROMPT]: ['change', 'write'],
      [REVIEW_CHANGE_PROMPT]: ['project'],
    });
    const answers = await resolveAnswers({ flags: {}, interactive: true, ask, review });
    expect(answers).toMatchObject({
      project: 'second-project-2',
      apiCidrs: ['198.51.100.0/24'],
      region: 'europe-west1',
      // It took the default, named after the project: it follows the new project.
      nodeServiceAccount: 'gke-nodes@second-project-2.iam.gserviceaccount.com',
    });
    const afterChange = asked.slice(asked.findIndex((p) => p.name === REVIEW_CHANGE_PROMPT) + 1);
    expect(afterChange.map((p) => p.name)).toEqual(['project', REVIEW_PROMPT]);
    // The changed question offers its earlier answer.
    expect(afterChange[0]?.default).toBe('first-project-1');
    // Flags are no answers to change there.
    const choices = asked.find((p) => p.name === REVIEW_CHANGE_PROMPT)?.choices?.map((c) => c.value);
    expect(choices).toContain('project');
  });

  it('asks again what a change makes invalid or newly needed', async () => {
    const { ask, asked } = scriptedAsk({
      ...KOPS_ANSWERS,
      topology: ['public', 'private'],
      sshCidrs: ['198.51.100.0/24'],
      [REVIEW_PROMPT]: ['change', 'write'],
      [REVIEW_CHANGE_PROMPT]: ['topology'],
    });
    const answers = await resolveAnswers({ flags: {}, interactive: true, ask, review });
    const afterChange = asked.slice(asked.findIndex((p) => p.name === REVIEW_CHANGE_PROMPT) + 1);
    // A private topology with SSH asks the bastion question, which the public one did not.
    expect(afterChange.map((p) => p.name)).toEqual(['topology', 'bastion', REVIEW_PROMPT]);
    expect(answers).toMatchObject({ topology: 'private', bastion: true, sshCidrs: ['198.51.100.0/24'] });
  });

  it('cancel writes nothing: exit 130', async () => {
    const { ask } = scriptedAsk({ ...KOPS_ANSWERS, [REVIEW_PROMPT]: ['cancel'] });
    const error = await resolveAnswers({ flags: {}, interactive: true, ask, review }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KsecError);
    expect((error as KsecError).exitCode).toBe(130);
  });

  it('is never shown without a terminal', async () => {
    const notes: string[] = [];
    await resolveAnswers({ flags: KOPS_REQUIRED, interactive: false, note: (t) => notes.push(t), review });
    expect(notes).toEqual([]);
  });
});

describe('hints that lead somewhere', () => {
  const kops = (flags: Record<string, unknown>) =>
    resolveAnswers({ flags: { ...KOPS_REQUIRED, ...flags }, interactive: false });

  it('a bare address is one address: /32, or /128', async () => {
    await expect(kops({ apiCidrs: ['203.0.113.7'] })).rejects.toThrow(
      '--api-cidr: "203.0.113.7" has no prefix length (write it as address/prefix, e.g. 203.0.113.0/24) (did you mean 203.0.113.7/32?)',
    );
    await expect(kops({ apiCidrs: ['2001:db8::1'] })).rejects.toThrow('(did you mean 2001:db8::1/128?)');
    const { ask, asked } = scriptedAsk({
      ...KOPS_ANSWERS,
      apiCidrs: ['203.0.113.7, 198.51.100.0/24'],
      apiCidrsSuggestion: [true],
    });
    const answers = await resolveAnswers({ flags: {}, interactive: true, ask });
    expect(answers.apiCidrs).toEqual(['203.0.113.7/32', '198.51.100.0/24']);
    expect(asked.find((p) => p.name === 'apiCidrsSuggestion')?.message).toMatch(
      /\. Use 203\.0\.113\.7\/32, 198\.51\.100\.0\/24 \(just those addresses\)\?$/,
    );
  });

  it('a name with capitals or underscores gets a valid one offered', async () => {
    await expect(kops({ name: 'My_Cluster' })).rejects.toThrow('(did you mean my-cluster.k8s.local?)');
    await expect(kops({ name: 'My_Cluster.example.com' })).rejects.toThrow(
      '(did you mean my-cluster.example.com?)',
    );
    await expect(
      resolveAnswers({
        flags: { ...GKE_REQUIRED, region: 'europe-west1', name: 'My_Cluster' },
        interactive: false,
      }),
    ).rejects.toThrow('(did you mean my-cluster?)');
    await expect(kops({ state: 's3://Example-Kops-State' })).rejects.toThrow(
      '(did you mean s3://example-kops-state?)',
    );
  });

  it('says so when it lower-cases an answer', async () => {
    const notes: string[] = [];
    const { ask } = scriptedAsk({ ...KOPS_ANSWERS, name: ['Dev.Example.COM'], zones: ['EU-West-1a'] });
    const answers = await resolveAnswers({ flags: {}, interactive: true, ask, note: (t) => notes.push(t) });
    expect(answers.name).toBe('dev.example.com');
    expect(notes).toContain('  Taken as dev.example.com (lower case).\n');
    expect(notes).toContain('  Taken as eu-west-1a (lower case).\n');
  });

  it('a pending reply (to correct or to confirm) is marked so, a plain one is not', async () => {
    const { ask, asked } = scriptedAsk({
      ...KOPS_ANSWERS,
      apiCidrs: ['0.0.0.0/0', '203.0.113.0/24'],
      confirmOpenApi: [false],
    });
    await resolveAnswers({ flags: {}, interactive: true, ask });
    const api = asked.find((p) => p.name === 'apiCidrs');
    expect(api?.pending?.('203.0.113.7/24')).toBe(true);
    expect(api?.pending?.('0.0.0.0/0')).toBe(true);
    expect(api?.pending?.('203.0.113.0/24')).toBe(false);
    expect(api?.pending?.('nonsense')).toBe(false);
  });
});

describe('ksec init', () => {
  it('knows every file it can write before asking anything', async () => {
    const written = new Set<string>();
    for (const flags of Object.values(GKE_INIT_CASES))
      for (const file of generate(
        await resolveAnswers({ flags: { ...GKE_REQUIRED, ...flags }, interactive: false }),
      ))
        written.add(file.path);
    for (const file of generate(await resolveAnswers({ flags: KOPS_REQUIRED, interactive: false })))
      written.add(file.path);
    expect([...written].sort()).toEqual([...INIT_OUTPUTS].sort());
  });
});
