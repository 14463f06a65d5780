// The catalogue as text, JSON and Markdown, for every rule in it (no rule id is special here), and the
// staleness check for the committed docs (ESLint's and kube-linter's habit).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeRef,
  explainRule,
  formatRuleList,
  GENERATED_MARKER,
  hardenedSettings,
  headingAnchor,
  RULES_JSON_VERSION,
  snippetCommandsFor,
  templateFiles,
} from '../../src/docs/catalog.ts';
import { generateDocs } from '../../src/docs/generate.ts';
import { catalog } from '../../src/rules/index.ts';
import { defineRule, type Rule } from '../../src/rules/types.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const generated = await generateDocs();

describe('generated docs', () => {
  for (const doc of generated) {
    it(`docs/${doc.name} is up to date (run \`npm run docs\` when this fails)`, () => {
      const committed = readFileSync(join(ROOT, 'docs', doc.name), 'utf8');
      expect(committed).toBe(doc.content);
    });
  }

  it('starts every generated file with the marker that lets ksec docs replace it', () => {
    for (const doc of generated) expect(doc.content.startsWith(`${GENERATED_MARKER}\n`)).toBe(true);
  });

  it('links every rule of the index table to its own section', () => {
    const rules = generated.find((d) => d.name === 'rules.md')?.content ?? '';
    for (const rule of catalog) {
      expect(rules).toContain(`](#${headingAnchor(rule.id)})`);
      expect(rules).toContain(`\n## ${rule.id}\n`);
    }
  });
});

describe('ksec explain output', () => {
  for (const rule of catalog) {
    it(`${rule.id}: says what, why, the setting in every place, how to fix, references`, () => {
      const text = explainRule(rule, 'text');
      expect(text.split('\n')[0]).toContain(rule.id);
      expect(text).toContain(rule.title);
      for (const path of rule.paths) expect(text).toContain(path);
      for (const heading of ['What it checks', 'Why', 'Hardened setting', 'How to fix an existing cluster'])
        expect(text).toContain(`\n${heading}\n`);
      // The rationale is word-wrapped: compare without line breaks and indentation.
      expect(text.replace(/\s+/g, ' ')).toContain(rule.rationale.replace(/\s+/g, ' '));
      for (const setting of hardenedSettings(rule)) {
        for (const line of setting.snippet.trimEnd().split('\n')) expect(text).toContain(`    ${line}`);
      }
      for (const ref of rule.refs) expect(text).toContain(ref);
      // What writes the hardened value, from the rule's own data.
      for (const file of templateFiles(rule)) expect(text).toContain(file);
      for (const command of snippetCommandsFor(rule)) expect(text).toContain(command);
      expect(text).not.toContain('\u001b[');

      const markdown = explainRule(rule, 'markdown');
      expect(markdown.startsWith(`## ${rule.id}\n`)).toBe(true);
      expect((markdown.match(/^```/gm) ?? []).length % 2).toBe(0);
    });
  }

  it('lists each place a setting lives when a rule names several, in order', () => {
    const rule = syntheticRule({
      provider: 'gke',
      settings: [
        { where: 'gcloud container clusters create', language: 'shell', snippet: 'gcloud container clusters create demo --enable-shielded-nodes' },
        { where: 'gcloud container clusters update', language: 'shell', snippet: 'gcloud container clusters update demo --enable-shielded-nodes' },
      ],
      refs: ['CIS GKE 1.9.0 5.5.5', 'https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes'],
    });
    const text = explainRule(rule, 'text');
    expect(text.indexOf('gcloud container clusters create:')).toBeLessThan(
      text.indexOf('gcloud container clusters update:'),
    );
    expect(text).toContain('  CIS GKE 1.9.0 5.5.5\n');
    expect(text).toContain('  Google Cloud docs: https://cloud.google.com/');
    const markdown = explainRule(rule, 'markdown');
    expect(markdown).toContain('gcloud container clusters update:\n\n```sh\ngcloud container clusters update demo');
    expect(markdown).toContain('- CIS GKE 1.9.0 5.5.5\n');
  });

  it('colours only when asked', () => {
    const rule = catalog[0] as Rule;
    expect(explainRule(rule, 'text', { color: true })).toContain('\u001b[');
    expect(formatRuleList(catalog, 'text', { color: true })).toContain('\u001b[');
    expect(formatRuleList(catalog, 'text')).not.toContain('\u001b[');
  });
});

describe('ksec rules output', () => {
  it('prints one line per rule and a count', () => {
    const text = formatRuleList(catalog, 'text');
    const lines = text.trimEnd().split('\n');
    for (const rule of catalog) {
      const line = lines.find((l) => l.startsWith(`${rule.id} `));
      expect(line).toContain(rule.title);
      expect(line).toContain(rule.severity.toUpperCase());
      expect(line).toContain(rule.fixable ? 'fixable' : 'manual');
    }
    expect(text).toContain(`${catalog.length} rules, ${catalog.filter((r) => r.fixable).length} fixable`);
  });

  it('prints versioned JSON with every rule and its settings', () => {
    const json = JSON.parse(formatRuleList(catalog, 'json'));
    expect(json.version).toBe(RULES_JSON_VERSION);
    expect(json.rules.map((r: { id: string }) => r.id)).toEqual(catalog.map((r) => r.id));
    const first = catalog[0] as Rule;
    expect(json.rules[0]).toMatchObject({
      id: first.id,
      provider: first.provider,
      severity: first.severity,
      title: first.title,
      fixable: first.fixable,
      settings: [{ language: first.fix.language, snippet: first.fix.snippet }],
    });
  });

  it('prints a Markdown table that escapes pipes in titles', () => {
    const rule = syntheticRule({ title: 'Use a | b' });
    expect(formatRuleList([rule], 'markdown')).toContain('| Use a \\| b |');
    expect(formatRuleList([], 'text')).toBe('no rules match\n');
  });
});

describe('what writes the hardened value', () => {
  it('names the template files of the partials and the snippet topics the rule names', () => {
    const rule = syntheticRule({
      provider: 'kops',
      template: { partials: ['kops/api-access', 'kops/audit-file-asset'], topics: ['api-access'] },
    });
    expect(templateFiles(rule)).toEqual(['templates/kops/_api-access.hbs', 'templates/kops/_audit-file-asset.hbs']);
    expect(explainRule(rule, 'text')).toContain(
      '  Written by ksec init from templates/kops/_api-access.hbs and templates/kops/_audit-file-asset.hbs\n',
    );
    expect(explainRule(rule, 'markdown')).toContain(
      'Written by `ksec init` from `templates/kops/_api-access.hbs` and `templates/kops/_audit-file-asset.hbs`.',
    );
    expect(explainRule(rule, 'text')).toContain('Ready to paste, with your values: `ksec snippet api-access`.');
    expect(formatRuleList([rule], 'json')).toContain('"files": [\n          "templates/kops/_api-access.hbs"');
  });

  it('is read from the rule: explain and the rule list load no snippet renderer', () => {
    const source = readFileSync(join(ROOT, 'src', 'docs', 'catalog.ts'), 'utf8');
    expect(source).not.toMatch(/from '\.\.\/snippets\//);
  });
});

describe('references', () => {
  it('names references by where they point', () => {
    expect(describeRef('https://kops.sigs.k8s.io/cluster_spec/#audit-logging').label).toBe('kops docs');
    expect(describeRef('https://github.com/kubernetes/kops/issues/15488').label).toBe(
      'kubernetes/kops issue #15488',
    );
    expect(describeRef('https://kubernetes.io/docs/reference/').label).toBe('Kubernetes docs');
    expect(describeRef('CIS GKE 1.9.0 5.8.3')).toEqual({ label: 'CIS GKE 1.9.0 5.8.3' });
  });
});

function syntheticRule(overrides: Partial<Rule>): Rule {
  return defineRule({
    id: 'gke/example-setting-enabled',
    provider: 'gke',
    severity: 'medium',
    title: 'Enable the example setting',
    rationale: 'A rule made up for this test; the renderer must handle any rule in the catalogue the same way.',
    targets: ['GkeCluster'],
    paths: ['shieldedNodes.enabled'],
    hardened: 'true',
    fix: { language: 'shell', snippet: 'gcloud container clusters update demo --enable-shielded-nodes\n' },
    fixable: false,
    refs: [],
    check: () => [],
    ...overrides,
  } as Rule);
}
