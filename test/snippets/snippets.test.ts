// Snippets: every topic renders, its YAML parses and (for kops) validates against the kops CRD when
// merged into a minimal object, its commands pass `bash -n`, it satisfies the rules it names, and it
// is the very text `ksec init` writes (one template, no second copy).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { checkText } from '../../src/engine/check.ts';
import { generate } from '../../src/generate/index.ts';
import { getRule } from '../../src/rules/index.ts';
import {
  EXAMPLE_ANSWERS,
  findTopic,
  formatSnippet,
  renderSnippet,
  snippetTopics,
  topicIds,
} from '../../src/snippets/index.ts';
import { KsecError } from '../../src/util/errors.ts';
import { allQuestions } from '../../src/wizard/questions/index.ts';
import { resolveAnswers } from '../../src/wizard/resolve.ts';
import { kopsSchemaErrors } from '../helpers/kops-crd.ts';

/** The smallest objects kops accepts, to merge snippets into. */
const MINIMAL: Record<string, () => Record<string, unknown>> = {
  'kops Cluster spec': () => ({
    apiVersion: 'kops.k8s.io/v1alpha2',
    kind: 'Cluster',
    metadata: { name: 'demo.example.com' },
    spec: {
      cloudProvider: 'aws',
      kubernetesVersion: '1.35.0',
      networkCIDR: '172.20.0.0/16',
      subnets: [{ name: 'eu-west-1a', zone: 'eu-west-1a', cidr: '172.20.32.0/19', type: 'Private' }],
    },
  }),
  'kops InstanceGroup spec (every group)': () => ({
    apiVersion: 'kops.k8s.io/v1alpha2',
    kind: 'InstanceGroup',
    metadata: { name: 'nodes', labels: { 'kops.k8s.io/cluster': 'demo.example.com' } },
    spec: { role: 'Node', machineType: 't3.medium', minSize: 1, maxSize: 1, subnets: ['eu-west-1a'] },
  }),
};

/**
 * A spec snippet split into its top-level fields (each with the comments just above it): in the
 * generated file they sit under `spec:` at the same indentation, though not necessarily adjacent.
 */
function specBlocks(text: string): string[] {
  const blocks: string[][] = [];
  let pendingComments: string[] = [];
  for (const line of text
    .replace(/^spec:\n/, '')
    .trimEnd()
    .split('\n')) {
    if (/^ {2}#/.test(line)) pendingComments.push(line);
    else if (/^ {2}\S/.test(line)) {
      blocks.push([...pendingComments, line]);
      pendingComments = [];
    } else {
      blocks.at(-1)?.push(...pendingComments, line);
      pendingComments = [];
    }
  }
  return blocks.map((lines) => lines.join('\n'));
}

function minimalDeployment(): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'example', namespace: 'apps' },
    spec: {
      selector: { matchLabels: { app: 'example' } },
      template: {
        metadata: { labels: { app: 'example' } },
        spec: { containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10' }] },
      },
    },
  };
}

/**
 * The objects a topic's YAML parts make when pasted where they say: spec parts merged into minimal
 * kops objects, pod and container parts into a minimal Deployment, manifests as they are.
 */
function assemble(
  parts: readonly { language: string; where: string; text: string }[],
): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  let deployment: Record<string, unknown> | undefined;
  const podSpec = () => {
    deployment ??= minimalDeployment();
    return (deployment.spec as { template: { spec: Record<string, unknown> } }).template.spec;
  };
  for (const part of parts) {
    if (part.language !== 'yaml') continue;
    const minimal = MINIMAL[part.where];
    if (minimal) objects.push(deepMerge(minimal(), parse(part.text)));
    else if (part.where === 'pod spec') deepMerge(podSpec(), parse(part.text));
    else if (part.where === 'every container') {
      for (const container of podSpec().containers as Record<string, unknown>[])
        deepMerge(container, parse(part.text));
    } else if (part.where === 'Kubernetes manifest') {
      for (const document of parseAllDocuments(part.text)) {
        const value = document.toJS();
        if (value) objects.push(value);
      }
    } else throw new Error(`the test does not know where "${part.where}" goes`);
  }
  if (deployment) objects.push(deployment);
  return objects;
}

/** True when `block` appears in `text` with every line shifted by the same indentation. */
function containsIndented(text: string, block: string): boolean {
  const lines = block.trimEnd().split('\n');
  for (let indent = 0; indent <= 12; indent += 2) {
    const pad = ' '.repeat(indent);
    if (text.includes(lines.map((line) => (line === '' ? line : pad + line)).join('\n'))) return true;
  }
  return false;
}

function deepMerge(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
): Record<string, unknown> {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (isPlainObject(current) && isPlainObject(value)) deepMerge(current, value);
    else target[key] = value;
  }
  return target;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

describe('snippet topics', () => {
  it('covers the topics whose templates exist, each id once per provider', () => {
    expect(topicIds()).toEqual(
      expect.arrayContaining([
        'api-access',
        'ssh-access',
        'kubelet-anonymous-auth',
        'rbac',
        'network-policy',
        'audit-logging',
      ]),
    );
    const keys = snippetTopics.map((t) => `${t.provider}/${t.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  for (const topic of snippetTopics) {
    describe(`${topic.provider}: ${topic.id}`, () => {
      it('names existing rules and wizard values, and has parts', () => {
        for (const id of topic.rules) expect(getRule(id), id).toBeDefined();
        const names = allQuestions().map((q) => q.name);
        for (const value of topic.values) expect(names).toContain(value);
        expect(topic.parts.length).toBeGreaterThan(0);
        expect(topic.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      });

      it('renders YAML that parses (and validates against the kops CRD) and commands that pass bash -n', async () => {
        const snippet = await renderSnippet(topic);
        for (const part of snippet.parts) {
          if (part.language === 'shell') {
            const check = spawnSync('bash', ['-n'], { input: part.text, encoding: 'utf8' });
            expect(check.status, check.stderr).toBe(0);
            continue;
          }
          const documents = parseAllDocuments(part.text);
          for (const document of documents) expect(document.errors).toEqual([]);
          if (part.where.startsWith('kops ')) {
            const minimal = MINIMAL[part.where];
            expect(minimal, `no minimal object for "${part.where}"`).toBeDefined();
            const merged = deepMerge(minimal?.() ?? {}, parse(part.text));
            expect(kopsSchemaErrors(merged)).toEqual([]);
          }
        }
      });

      // Topics no rule checks (namespaces, NetworkPolicies, RBACDefinition) have nothing to satisfy.
      if (topic.rules.length > 0)
        it('satisfies the rules it names', async () => {
          const snippet = await renderSnippet(topic);
          const objects = assemble(snippet.parts);
          if (topic.provider === 'kops' && !objects.some((o) => o.kind === 'Cluster')) {
            objects.unshift(MINIMAL['kops Cluster spec']?.() ?? {});
          }
          const text = objects.map((o) => stringify(o)).join('---\n');
          const result = checkText(text, `${topic.id}.yaml`);
          expect(result.errors).toEqual([]);
          const own = result.findings.filter((f) => topic.rules.includes(f.ruleId));
          expect(own.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
          expect(result.checked.length).toBeGreaterThan(0);
        });

      // gke-update is what `ksec diff --format shell` prints; the gcloud oracle runs it.
      if (topic.id !== 'gke-update')
        it('is the text ksec init writes for the same answers', async () => {
          const provider = topic.provider === 'gke' ? 'gke' : 'kops';
          const answers = await resolveAnswers({
            file: { ...EXAMPLE_ANSWERS[provider], provider },
            interactive: false,
          });
          const written = generate(answers)
            .map((f) => f.content)
            .join('\n');
          const snippet = await renderSnippet(topic);
          for (const part of snippet.parts) {
            const blocks = part.language === 'yaml' ? specBlocks(part.text) : part.text.split(/\n\n/);
            for (const block of blocks) expect(containsIndented(written, block), block).toBe(true);
          }
        });
    });
  }
});

describe('snippet values and formats', () => {
  it('puts given values into the snippet through the wizard validation', async () => {
    const snippet = await renderSnippet(findTopic('api-access'), {
      apiCidrs: ['198.51.100.0/24', '192.0.2.0/25'],
    });
    expect(parse(snippet.parts[0]?.text ?? '')).toEqual({
      spec: { kubernetesApiAccess: ['198.51.100.0/24', '192.0.2.0/25'] },
    });
    expect(snippet.examples).toEqual([]);
    await expect(renderSnippet(findTopic('api-access'), { apiCidrs: ['0.0.0.0/0'] })).rejects.toThrow(
      /--confirm-open-api/,
    );
    await expect(renderSnippet(findTopic('api-access'), { apiCidrs: ['10.0.0.1/8'] })).rejects.toThrow(
      /host bits/,
    );
  });

  it('says which example values to replace', async () => {
    const snippet = await renderSnippet(findTopic('api-access'));
    expect(snippet.examples).toEqual([{ name: 'apiCidrs', flag: 'api-cidr', value: ['203.0.113.0/24'] }]);
    expect(formatSnippet(snippet, 'markdown')).toContain(
      'Example values to replace: 203.0.113.0/24 (`--api-cidr`).',
    );
  });

  it('uses an example only where the question has no default for the given answers', async () => {
    const zonal = await renderSnippet(findTopic('gke-create'), { zone: 'us-central1-a' });
    const script = zonal.parts.map((part) => part.text).join('\n');
    expect(script).toContain('\nLOCATION=us-central1-a\n');
    expect(script).not.toContain('europe-west1');
    expect(zonal.examples.map((example) => example.flag)).toEqual(['name', 'project', 'api-cidr']);
    expect(formatSnippet(zonal, 'markdown')).toContain(
      'Example values to replace: demo (`--name`), example-project (`--project`), 203.0.113.0/24 (`--api-cidr`).',
    );
    const regional = await renderSnippet(findTopic('gke-create'));
    expect(regional.examples).toEqual([
      { name: 'name', flag: 'name', value: 'demo' },
      { name: 'project', flag: 'project', value: 'example-project' },
      { name: 'region', flag: 'region', value: 'europe-west1' },
      { name: 'apiCidrs', flag: 'api-cidr', value: ['203.0.113.0/24'] },
    ]);
  });

  it('refuses values a topic does not use, and formats it has no part in', async () => {
    await expect(renderSnippet(findTopic('rbac'), { apiCidrs: ['198.51.100.0/24'] })).rejects.toThrow(
      'snippet rbac does not use --api-cidr (it takes no values)',
    );
    const snippet = await renderSnippet(findTopic('rbac'));
    expect(() => formatSnippet(snippet, 'shell')).toThrow(KsecError);
  });

  it('wraps every part in a fenced block with its language in Markdown', async () => {
    for (const topic of snippetTopics) {
      const markdown = formatSnippet(await renderSnippet(topic), 'markdown', { describeRule: getRule });
      for (const part of topic.parts)
        expect(markdown).toContain(`\`\`\`${part.language === 'shell' ? 'sh' : 'yaml'}\n`);
      expect((markdown.match(/^```/gm) ?? []).length).toBe(topic.parts.length * 2);
      for (const id of topic.rules) expect(markdown).toContain(`(\`${id}\`)`);
      expect(topic.rules.length > 0 || (topic.why ?? '').length > 0, `${topic.id} explains nothing`).toBe(
        true,
      );
    }
  });

  it('suggests the nearest topic for a typo', () => {
    expect(() => findTopic('api-acess')).toThrow("Did you mean 'api-access'?");
  });
});
