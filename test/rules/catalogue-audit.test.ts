// The catalogue audit: every rule file is registered, ids are unique, permanent and well formed,
// and every rule carries what the checker, the docs and the generator need. What a rule declares
// about itself (fixable, its messages) is held to what its fixtures show it doing, both ways.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVIDERS, SEVERITIES } from '../../src/model.ts';
import { catalog } from '../../src/rules/index.ts';
import { removedRules } from '../../src/rules/removed.ts';
import { findTopic, renderRuleTemplate, snippetTopics } from '../../src/snippets/index.ts';
import { RENDERED_TEMPLATES_FILE, renderedTemplatesJson } from '../../src/snippets/rule-templates.ts';
import { expectations, FIXTURES, fixtureFiles } from '../helpers/rule-fixtures.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const RULES_DIR = join(ROOT, 'src', 'rules');

describe('rule catalogue', () => {
  it('registers every rule file, and only those', () => {
    const files = PROVIDERS.flatMap((provider) => {
      try {
        return readdirSync(join(RULES_DIR, provider))
          .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'))
          .map((f) => `${provider}/${f.replace(/\.ts$/, '')}`);
      } catch {
        return [];
      }
    });
    expect(catalog.map((r) => r.id).sort()).toEqual(files.sort());
  });

  it('has unique ids, none of them retired', () => {
    const ids = catalog.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const removed of removedRules) expect(ids).not.toContain(removed.id);
  });

  for (const rule of catalog) {
    describe(rule.id, () => {
      it('is well formed', () => {
        expect(rule.id).toMatch(/^(kops|gke|workload)\/[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(rule.id.startsWith(`${rule.provider}/`)).toBe(true);
        expect(SEVERITIES).toContain(rule.severity);
        expect(rule.title).toMatch(/^[A-Z].*[^.]$/);
        expect(rule.rationale.length).toBeGreaterThan(60);
        expect(rule.paths.length).toBeGreaterThan(0);
        expect(rule.targets.length).toBeGreaterThan(0);
        expect(rule.hardened).not.toBe('');
        expect(rule.fix.snippet.trim()).not.toBe('');
        expect(Object.isFrozen(rule)).toBe(true);
      });
      it('has pass and fail fixtures', () => {
        const files = fixtureFiles(rule.id);
        expect(files.some((f) => f.startsWith('pass.'))).toBe(true);
        expect(files.some((f) => f.startsWith('fail.'))).toBe(true);
      });

      // ESLint's meta.fixable, checked both ways: the engine refuses a fix from a rule that does not
      // declare it (test/engine/evaluate.test.ts), and a rule that declares it has a fixed.* case, which
      // the fixture test (test/rules/fixtures.test.ts) runs: the fail case has a finding --fix applies.
      it(`is ${rule.fixable ? 'fixable: a fixture shows --fix at work' : 'manual: no fixture has a fix'}`, () => {
        const files = fixtureFiles(rule.id);
        const fixed = files.filter((f) => f.startsWith('fixed.'));
        if (!rule.fixable) {
          expect(fixed, 'a manual rule has no fixed.* fixture').toEqual([]);
          return;
        }
        expect(fixed.length, 'a fixable rule has a fixed.* fixture').toBeGreaterThan(0);
        for (const name of fixed) {
          const fail = name.replace(/^fixed\./, 'fail.');
          expect(files, `${name} is what --fix makes of ${fail}`).toContain(fail);
        }
      });

      it('names each problem with a message of its table, and every message has a fixture', () => {
        const ids = Object.keys(rule.messages);
        expect(ids.length).toBeGreaterThan(0);
        for (const [id, text] of Object.entries(rule.messages)) {
          expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
          expect(text.trim(), id).not.toBe('');
          // Placeholders are {{name}}; a malformed one would reach the report as it is.
          expect(text.replace(/\{\{[A-Za-z][A-Za-z0-9]*\}\}/g, ''), id).not.toMatch(/\{\{|\}\}/);
        }
        const named = new Set(
          fixtureFiles(rule.id)
            .filter((f) => f.startsWith('fail.'))
            .flatMap((f) => expectations(readFileSync(join(FIXTURES, rule.id, f), 'utf8')))
            .map((e) => e.messageId),
        );
        for (const id of named) expect(ids, `a fixture expects message ${id}`).toContain(id);
        expect(
          ids.filter((id) => !named.has(id)),
          'messages no fail fixture expects',
        ).toEqual([]);
      });
    });
  }
});

// kube-linter names each check's template; a ksec rule names what writes its hardened value: the
// partials `ksec init` renders it with (its fix snippet is their rendering, stored so that `ksec diff`
// never loads the template engine) and the `ksec snippet` topics that print it.
describe('what writes each hardened value', () => {
  it(`${RENDERED_TEMPLATES_FILE} is what the templates render (run \`npm run docs\` when this fails)`, async () => {
    expect(readFileSync(join(ROOT, RENDERED_TEMPLATES_FILE), 'utf8')).toBe(await renderedTemplatesJson());
  });

  // The topics keep their own rule lists so that loading them (every start of the CLI) loads no rule:
  // each list is exactly the rules of its provider that name the topic.
  for (const topic of snippetTopics) {
    it(`${topic.provider}: ${topic.id} lists exactly the rules that name it`, () => {
      const naming = catalog
        .filter((r) => r.provider === topic.provider && (r.template?.topics ?? []).includes(topic.id))
        .map((r) => r.id);
      expect([...topic.rules].sort()).toEqual(naming.sort());
    });
  }

  for (const rule of catalog.filter((r) => r.template)) {
    const { partials = [], topics = [] } = rule.template ?? {};
    it(`${rule.id}: its fix snippet is what its partials render, and its topics print it`, async () => {
      expect(partials.length + topics.length).toBeGreaterThan(0);
      for (const partial of partials) {
        const [provider, name] = partial.split('/');
        expect(provider, partial).toBe(rule.provider);
        expect(existsSync(join(ROOT, 'templates', provider ?? '', `_${name}.hbs`)), partial).toBe(true);
      }
      if (partials.length > 0)
        expect(rule.fix.snippet).toBe(await renderRuleTemplate(rule.provider, partials));
      for (const id of topics) {
        // Without --provider: explain and the docs print `ksec snippet ID` as it is.
        const topic = findTopic(id);
        expect(topic.provider).toBe(rule.provider);
        expect(topic.rules).toContain(rule.id);
      }
    });
  }
});
