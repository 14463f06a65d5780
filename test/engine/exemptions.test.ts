// Exempted findings are never invisible: the text summary counts them, JSON lists them under
// `suppressed` with the exemption and its reason, SARIF marks them suppressed (external for the
// config, inSource for ksec.io/ignore), and an exemption past its `until` day stops applying and
// says so on the finding.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { checkText } from '../../src/engine/check.ts';
import { formatJson } from '../../src/report/json.ts';
import { formatSarif } from '../../src/report/sarif.ts';
import { formatText } from '../../src/report/text.ts';
import { useToday } from '../helpers/today.ts';

useToday('2026-12-01');

const pod = (annotations = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\n${annotations}spec:\n  hostNetwork: true\n  containers:\n  - name: app\n    image: app:1.0\n    securityContext: {privileged: true}\n`;

function check(configText: string, text = pod()) {
  return checkText(text, 'agent.yaml', { config: parseConfig(configText, 'ksec.config.yaml') });
}

describe('exemptions', () => {
  const config = `exemptions:\n- rule: workload/privileged-disabled\n  object: Pod/agent\n  reason: the node agent needs it\n`;

  it('keep an exempted finding out of the findings, and list it as suppressed with its exemption', () => {
    const result = check(config);
    expect(result.findings.some((f) => f.ruleId === 'workload/privileged-disabled')).toBe(false);
    const json = JSON.parse(formatJson(result));
    expect(json.suppressed).toHaveLength(1);
    expect(json.suppressed[0]).toMatchObject({
      ruleId: 'workload/privileged-disabled',
      suppression: {
        kind: 'external',
        reason: 'the node agent needs it',
        exemption: { rule: 'workload/privileged-disabled', object: 'Pod/agent' },
      },
    });
  });

  it('count them in the text summary', () => {
    expect(formatText(check(config)).trimEnd().split('\n').at(-1)).toMatch(/; 1 exempted\)$/);
  });

  it('mark them suppressed in SARIF: external for the config, inSource for the annotation', () => {
    const sarif = JSON.parse(formatSarif(check(config)));
    const results = sarif.runs[0].results as {
      ruleId: string;
      suppressions?: { kind: string; justification?: string }[];
    }[];
    expect(results.find((r) => r.ruleId === 'workload/privileged-disabled')?.suppressions).toEqual([
      { kind: 'external', justification: 'the node agent needs it' },
    ]);
    const annotated = JSON.parse(
      formatSarif(
        checkText(
          pod('  annotations:\n    ksec.io/ignore: workload/host-namespaces-not-shared\n'),
          'agent.yaml',
        ),
      ),
    );
    const suppressed = (
      annotated.runs[0].results as { ruleId: string; suppressions?: { kind: string }[] }[]
    ).find((r) => r.ruleId === 'workload/host-namespaces-not-shared');
    expect(suppressed?.suppressions?.[0]?.kind).toBe('inSource');
  });

  it('match one finding by its id', () => {
    const id = check('').findings.find((f) => f.ruleId === 'workload/privileged-disabled')?.id;
    const result = check(`exemptions:\n- rule: workload/privileged-disabled\n  id: ${id}\n`);
    expect(result.suppressed.map((s) => s.finding.id)).toEqual([id]);
  });

  it('stop applying after their until day, and say so', () => {
    const last = check(`${config}  until: 2026-12-01\n`);
    expect(last.suppressed).toHaveLength(1);
    const expired = check(`${config}  until: 2026-11-30\n`);
    expect(expired.suppressed).toEqual([]);
    const finding = expired.findings.find((f) => f.ruleId === 'workload/privileged-disabled');
    expect(finding?.expiredExemption).toEqual({ until: '2026-11-30', reason: 'the node agent needs it' });
    expect(formatText(expired, { width: 200 })).toContain(
      'exemption expired on 2026-11-30 (the node agent needs it): the finding counts again',
    );
  });

  it('refuse an until that is not a day', () => {
    expect(() => parseConfig(`${config}  until: next year\n`, 'ksec.config.yaml')).toThrow(
      'exemptions[0].until must be a day, YYYY-MM-DD',
    );
    expect(() => parseConfig(`${config}  until: 2026-02-30\n`, 'ksec.config.yaml')).toThrow(
      /until must be a day/,
    );
  });
});
