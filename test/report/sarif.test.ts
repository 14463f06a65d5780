// The SARIF report validates against the official SARIF 2.1.0 schema (copied to test/fixtures/schemas
// with its SOURCE.md) and carries what GitHub code scanning reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { checkFiles, checkText } from '../../src/engine/check.ts';
import { formatReport } from '../../src/report/index.ts';
import { catalog } from '../../src/rules/index.ts';
import { ksec, ROOT } from '../e2e/helpers.ts';

// ajv-formats is CommonJS with a default export; under Node's ESM interop the plugin sits on `.default`.
const formatsModule = addFormatsModule as unknown as FormatsPlugin & { default?: FormatsPlugin };
const addFormats: FormatsPlugin = formatsModule.default ?? formatsModule;

function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(join(ROOT, 'test/fixtures/schemas/sarif-schema-2.1.0.json'), 'utf8'),
  );
  // The file names draft 2020-12 in $schema but is written in draft-07 (see SOURCE.md).
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

const validate = sarifValidator();
const example = 'examples/kops-cluster.yaml';

function exampleResult() {
  return checkFiles([{ file: example, text: readFileSync(join(ROOT, example), 'utf8'), explicit: true }]);
}

describe('SARIF report', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    const sarif = JSON.parse(formatReport(exampleResult(), 'sarif'));
    expect(validate(sarif), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(sarif.version).toBe('2.1.0');
  });

  it('describes every rule once and points each result at its rule, file, line and column', () => {
    const result = exampleResult();
    const sarif = JSON.parse(formatReport(result, 'sarif'));
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('ksec');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(catalog.map((r) => r.id));
    expect(run.results).toHaveLength(result.findings.length);
    result.findings.forEach((finding, i) => {
      const sarifResult = run.results[i];
      expect(run.tool.driver.rules[sarifResult.ruleIndex].id).toBe(finding.ruleId);
      expect(sarifResult.ruleId).toBe(finding.ruleId);
      expect(sarifResult.message.text).toContain(finding.message);
      expect(sarifResult.locations[0].physicalLocation).toEqual({
        artifactLocation: { uri: example, uriBaseId: '%SRCROOT%' },
        region: { startLine: finding.line, startColumn: finding.column },
      });
      expect(sarifResult.level).toBe(
        { critical: 'error', high: 'error', medium: 'warning', low: 'note' }[finding.severity],
      );
    });
    for (const rule of run.tool.driver.rules) {
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
      expect(rule.help.markdown).toContain(`## ${rule.id}`);
    }
  });

  it('keeps fingerprints stable when lines move', () => {
    const text = readFileSync(join(ROOT, example), 'utf8');
    const before = JSON.parse(formatReport(checkText(text, example), 'sarif')).runs[0].results;
    const after = JSON.parse(formatReport(checkText(`# a new comment\n\n${text}`, example), 'sarif')).runs[0]
      .results;
    expect(after.map((r: { partialFingerprints: unknown }) => r.partialFingerprints)).toEqual(
      before.map((r: { partialFingerprints: unknown }) => r.partialFingerprints),
    );
    expect(after[0].locations[0].physicalLocation.region.startLine).toBe(
      before[0].locations[0].physicalLocation.region.startLine + 2,
    );
  });

  it('reports input errors as failed execution notifications, still valid', () => {
    const result = checkText('kind: [unclosed\n', 'broken.yaml');
    const sarif = JSON.parse(formatReport(result, 'sarif'));
    expect(validate(sarif), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const invocation = sarif.runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'broken.yaml',
    );
  });

  it('is what ksec diff --format sarif prints (built CLI), with the usual exit code', () => {
    const run = ksec(['diff', example, '--format', 'sarif']);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(run.stdout);
    expect(validate(sarif)).toBe(true);
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    const stdin = ksec(['diff', '-', '--format', 'sarif'], {
      input: readFileSync(join(ROOT, example), 'utf8'),
    });
    const fromStdin = JSON.parse(stdin.stdout);
    expect(validate(fromStdin), JSON.stringify(validate.errors)).toBe(true);
    expect(fromStdin.runs[0].results[0].locations[0].physicalLocation).toBeUndefined();
  });
});
