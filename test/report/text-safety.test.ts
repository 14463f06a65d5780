// The human-readable reports print names, paths and messages from the input. A control character
// there must show as an escape (\x1b, \n, \u202e), never reach the terminal: ESC[2J clears the
// screen, a newline starts a fake line such as "no findings", a bidi override reorders the text.
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.ts';
import { compareResults } from '../../src/engine/regressions.ts';
import { flowYaml } from '../../src/input/yaml-emit.ts';
import { formatJson } from '../../src/report/json.ts';
import { describeChange, formatRegressionText } from '../../src/report/regressions.ts';
import { formatSarif } from '../../src/report/sarif.ts';
import { formatErrors, formatText } from '../../src/report/text.ts';
import { catalog } from '../../src/rules/index.ts';

/** Any control character, bidi control or separator, except the line feeds that end lines. */
const RAW =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
/** With colour on: the only ESC sequences are ksec's own SGR codes. */
const OWN_SGR = /\u001b\[\d+m/g;

const FAKE = '\u001b[2J\u001b[Hksec: no findings';

function pod(name: string, container = 'app', namespace = 'shop'): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${JSON.stringify(name)}`,
    `  namespace: ${JSON.stringify(namespace)}`,
    'spec:',
    '  containers:',
    `  - name: ${JSON.stringify(container)}`,
    '    image: nginx',
    '',
  ].join('\n');
}

describe('text report', () => {
  const result = checkText(
    pod(FAKE, 'c\nno findings in 0 files', 'ns\u202eevil'),
    'pod\u001b]0;title\u0007.yaml',
  );

  it('escapes object, container, namespace and file names', () => {
    expect(result.findings.length).toBeGreaterThan(3);
    for (const brief of [false, true]) {
      const text = formatText(result, { brief });
      expect(text).not.toMatch(RAW);
      expect(text).toContain('Pod/\\x1b[2J\\x1b[Hksec: no findings in ns\\u202eevil');
      expect(text).toContain('container "c\\nno findings in 0 files"');
      expect(text).toContain('pod\\x1b]0;title\\x07.yaml');
      // No line of the report is one the input wrote.
      for (const line of text.split('\n')) expect(line).not.toMatch(/^(ksec: )?no findings/);
    }
  });

  it('with colour, writes no escape sequence but its own', () => {
    const text = formatText(result, { color: true });
    expect(text.replace(OWN_SGR, '')).not.toMatch(RAW);
  });

  it('leaves ordinary text alone: backslashes, non-ASCII names, the fix snippets', () => {
    const plain = checkText(pod('café-\\d', 'ünïcode'), 'dir\\file.yaml');
    const text = formatText(plain);
    expect(text).toContain('Pod/café-\\d');
    expect(text).toContain('container "ünïcode"');
    expect(text).toContain('dir\\file.yaml');
    // The multi-line fix snippets keep their lines.
    expect(text).toContain('             securityContext:\n');
  });

  it('escapes skipped objects and their reasons', () => {
    const skipped = {
      ...result,
      skipped: [{ file: 'x\u001b[31m.yaml', document: 0, object: 'Foo/\u202ebar', reason: 'not\nchecked' }],
    };
    const text = formatText(skipped, { showSkipped: true });
    expect(text).not.toMatch(RAW);
    expect(text).toContain('skipped x\\x1b[31m.yaml (document 0): Foo/\\u202ebar: not\\nchecked');
    // Counted by kind without --show-skipped: the kind comes from the input too.
    expect(formatText(skipped)).not.toMatch(RAW);
  });
});

describe('error lines on stderr', () => {
  it('escape the file name and the message', () => {
    const errors = formatErrors({
      errors: [
        { file: 'bad\u001b[2J\n.yaml', line: 3, column: 1, message: 'unexpected \u009b\u202e' },
        { file: 'gone\r.yaml', line: 0, column: 0, message: 'no such file' },
      ],
    });
    expect(errors).toBe(
      'ksec: bad\\x1b[2J\\n.yaml:3:1: error: unexpected \\u009b\\u202e\n' +
        'ksec: gone\\r.yaml: error: no such file\n',
    );
  });

  it('of a real parse error in a file with a hostile name', () => {
    const result = checkText('a: [\n', 'x\u001b[2J.yaml');
    expect(result.errors.length).toBe(1);
    expect(formatErrors(result)).toMatch(/^ksec: x\\x1b\[2J\.yaml:\d+:\d+: error: /);
    expect(formatErrors(result).slice(0, -1)).not.toMatch(RAW);
  });
});

describe('regression report', () => {
  // flowYaml escapes NEL and LINE SEPARATOR, which YAML 1.1 (and so ksec) would read as line breaks.
  const kops = (name: string, access: string[]) =>
    `apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nmetadata:\n  name: ${flowYaml(name)}\nspec:\n  kubernetesApiAccess: ${flowYaml(access)}\n  authorization:\n    alwaysAllow: {}\n`;

  it('escapes the new findings, the resolved ones and the changes', () => {
    const name = 'r.example.com\u001b[2J\nksec: no regressions';
    const before = checkText(kops(name, ['203.0.113.0/24']), 'old\u202e.yaml');
    const after = checkText(
      kops(name, ['203.0.113.0/24', '0.0.0.0/0', '\u0085\u2028\u202e1.2.3.4/32']).replace(
        'alwaysAllow: {}',
        'rbac: {}',
      ),
      'new\u202e.yaml',
    );
    const report = compareResults(before, after, catalog);
    expect(report.introduced.length).toBeGreaterThan(0);
    expect(report.resolved.length).toBeGreaterThan(0);
    expect(report.changes.length).toBeGreaterThan(0);
    const text = formatRegressionText(after, report);
    expect(text).not.toMatch(RAW);
    expect(text).toContain('Cluster/r.example.com\\x1b[2J\\nksec: no regressions');
    expect(text).toContain('\\u0085\\u2028\\u202e1.2.3.4/32');
    for (const line of text.split('\n')) expect(line).not.toMatch(/^ksec: /);
  });

  it('describeChange shows JSON values and escapes what JSON leaves raw', () => {
    expect(
      describeChange({
        change: 'changed',
        object: 'Cluster/\u202ex',
        path: 'spec.a',
        before: 'a\u001bb',
        after: 'c\u0085\u2028d',
        ruleIds: ['kops/x'],
      }),
    ).toBe('~ Cluster/\\u202ex spec.a: "a\\u001bb" -> "c\\u0085\\u2028d"  (kops/x)');
  });
});

describe('machine formats stay exact', () => {
  const result = checkText(pod(FAKE, 'c\u202e'), 'p\u001b.yaml');

  it('JSON carries the names as they are (JSON escapes them itself)', () => {
    const json = formatJson(result);
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const parsed = JSON.parse(json);
    expect(parsed.findings[0].object).toBe(`Pod/${FAKE}`);
    expect(parsed.findings[0].file).toBe('p\u001b.yaml');
  });

  it('SARIF carries them as they are too', () => {
    const sarif = JSON.parse(formatSarif(result));
    expect(sarif.runs[0].results[0].properties.object).toBe(`Pod/${FAKE}`);
  });
});
