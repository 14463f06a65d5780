// What the engine holds a rule to when it turns violations into findings: the text comes from the
// rule's message table, and a fix comes only from a rule that declares itself fixable (as ESLint's
// linter refuses a fix from a rule without meta.fixable). `defineRule` refuses both at compile time;
// the engine also refuses a rule built around it.
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.ts';
import { formatMessage } from '../../src/engine/evaluate.ts';
import type { Violation } from '../../src/model.ts';
import { defineRule, type Rule } from '../../src/rules/types.ts';

const POD =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers: []\n';

/** What every made-up rule here has, apart from its messages and its check. */
const EXAMPLE = {
  id: 'workload/example-rule',
  provider: 'workload',
  severity: 'medium',
  title: 'Do the example thing',
  rationale: 'A rule made up for this test.',
  targets: ['Pod'],
  paths: ['spec.hostNetwork'],
  hardened: 'false',
  fix: { language: 'yaml', snippet: 'hostNetwork: false\n' },
  refs: [],
} as const;

function rule(overrides: Partial<Rule>): Rule {
  return {
    ...EXAMPLE,
    fixable: false,
    messages: { shared: 'the pod shares the {{what}} of the node' },
    check: () => [{ path: ['spec', 'hostNetwork'], messageId: 'shared', data: { what: 'network' } }],
    ...overrides,
  };
}

describe('evaluating a rule', () => {
  it('writes the message from the table and the data, and keeps the id on the finding', () => {
    const result = checkText(POD, 'pod.yaml', { rules: [rule({})] });
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => [f.messageId, f.message])).toEqual([
      ['shared', 'the pod shares the network of the node'],
    ]);
  });

  it('refuses a fix from a rule that does not declare fixable', () => {
    const fixing = rule({
      check: () => [
        {
          path: ['spec', 'hostNetwork'],
          messageId: 'shared',
          data: { what: 'network' },
          fix: { set: false },
        },
      ],
    });
    const result = checkText(POD, 'pod.yaml', { rules: [fixing] });
    expect(result.findings).toEqual([]);
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('rule workload/example-rule proposed a fix but does not declare fixable: true'),
    ]);
    const declared = checkText(POD, 'pod.yaml', { rules: [{ ...fixing, fixable: true }] });
    expect(declared.errors).toEqual([]);
    expect(declared.findings.map((f) => f.fixable)).toEqual([true]);
  });

  it('refuses a message id the table does not have, and a placeholder without data', () => {
    const table: Pick<Rule, 'id' | 'messages'> = {
      id: 'workload/example-rule',
      messages: { shared: 'shares the {{what}}', plain: 'plain' },
    };
    const violation = (v: Partial<Violation>): Violation => ({ path: [], messageId: 'shared', ...v });
    expect(formatMessage(table, violation({ data: { what: 'network' } }))).toBe('shares the network');
    expect(() => formatMessage(table, violation({ messageId: 'sharred' }))).toThrow(
      'rule workload/example-rule reported message "sharred", which is not in its messages',
    );
    expect(() => formatMessage(table, violation({ messageId: 'toString' }))).toThrow('not in its messages');
    expect(() => formatMessage(table, violation({}))).toThrow('message "shared" needs data.what');
    // A value is written as it is, never expanded again.
    expect(formatMessage(table, violation({ data: { what: '{{what}}' } }))).toBe('shares the {{what}}');
  });
});

describe('defineRule', () => {
  it('compiles only violations that name a message of the table with its data, and fixes only when fixable', () => {
    // Each @ts-expect-error below is a compile error `npm test` (tsc) insists on.
    const defined = [
      defineRule({
        ...EXAMPLE,
        fixable: false,
        messages: { shared: 'shares the {{what}}' },
        // @ts-expect-error: no such message
        check: () => [{ path: [], messageId: 'sharred', data: { what: 'network' } }],
      }),
      defineRule({
        ...EXAMPLE,
        fixable: false,
        messages: { shared: 'shares the {{what}}' },
        // @ts-expect-error: the text needs data.what
        check: () => [{ path: [], messageId: 'shared', data: { which: 'network' } }],
      }),
      defineRule({
        ...EXAMPLE,
        fixable: false,
        messages: { shared: 'shares the {{what}}' },
        // @ts-expect-error: a fix from a rule that is not fixable
        check: () => [{ path: [], messageId: 'shared', data: { what: 'network' }, fix: { set: false } }],
      }),
      defineRule({
        ...EXAMPLE,
        fixable: true,
        messages: { shared: 'shares the {{what}}', plain: 'plain' },
        check: () => [
          { path: [], messageId: 'shared', data: { what: 'network' }, fix: { set: false } },
          { path: [], messageId: 'plain' },
        ],
      }),
    ];
    expect(defined.every((r) => Object.isFrozen(r))).toBe(true);
  });
});
