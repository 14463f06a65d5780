// The catalogue audit: every rule file is registered, ids are unique, permanent and well formed,
// and every rule carries what the checker, the docs and the generator need.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVIDERS, SEVERITIES } from '../src/model.ts';
import { catalog } from '../src/rules/index.ts';
import { removedRules } from '../src/rules/removed.ts';
import { fixtureFiles } from './rule-fixtures.test.ts';

const RULES_DIR = join(import.meta.dirname, '..', 'src', 'rules');

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
        if (rule.fixable) expect(files.some((f) => f.startsWith('fixed.'))).toBe(true);
      });
    });
  }
});
