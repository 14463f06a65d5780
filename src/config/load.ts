import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readSingleDocument } from '../input/source.ts';
import { SEVERITIES } from '../model.ts';
import { unknownRuleId } from '../rules/index.ts';
import { KsecError } from '../util/errors.ts';
import { isObject } from '../util/object.ts';
import type { KsecConfig } from './types.ts';

export const CONFIG_FILE = 'ksec.config.yaml';

/**
 * Loads the config named by --config, or ksec.config.yaml in `cwd` when present.
 * A named file that is missing, or any malformed config, is a usage error.
 */
export async function loadConfig(cwd: string, explicit?: string): Promise<KsecConfig | undefined> {
  const path = join(cwd, explicit ?? CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (!explicit && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KsecError(`cannot read config ${explicit ?? CONFIG_FILE}: ${(error as Error).message}`);
  }
  return parseConfig(text, explicit ?? CONFIG_FILE);
}

export function parseConfig(text: string, file: string): KsecConfig {
  const value = readSingleDocument(text, file);
  if (value === null || value === undefined) return {};
  if (!isObject(value)) throw new KsecError(`${file}: the config must be a mapping`);
  const allowed = new Set(['rules', 'exemptions', 'failOn']);
  for (const key of Object.keys(value)) {
    if (!allowed.has(key))
      throw new KsecError(`${file}: unknown key "${key}" (accepted: ${[...allowed].join(', ')})`);
  }
  const levels = [...SEVERITIES, 'off'];
  if (value.rules !== undefined) {
    if (!isObject(value.rules))
      throw new KsecError(`${file}: rules must map rule ids to ${levels.join('|')}`);
    for (const [id, level] of Object.entries(value.rules)) {
      checkRuleId(id, `${file}: rules`);
      if (typeof level !== 'string' || !levels.includes(level)) {
        throw new KsecError(`${file}: rules.${id} must be one of ${levels.join(', ')}`);
      }
    }
  }
  if (
    value.failOn !== undefined &&
    (typeof value.failOn !== 'string' || ![...SEVERITIES, 'none'].includes(value.failOn))
  ) {
    throw new KsecError(`${file}: failOn must be one of ${[...SEVERITIES, 'none'].join(', ')}`);
  }
  if (value.exemptions !== undefined) {
    const shape = `exemptions must be a list of { ${EXEMPTION_KEYS.map((k) => (k === 'rule' ? k : `${k}?`)).join(', ')} }`;
    if (!Array.isArray(value.exemptions)) throw new KsecError(`${file}: ${shape}`);
    value.exemptions.forEach((exemption, index) => {
      const where = `${file}: exemptions[${index}]`;
      if (!isObject(exemption) || typeof exemption.rule !== 'string')
        throw new KsecError(`${where}: ${shape}`);
      for (const [key, field] of Object.entries(exemption)) {
        if (!(EXEMPTION_KEYS as readonly string[]).includes(key))
          throw new KsecError(`${where}: unknown key "${key}" (accepted: ${EXEMPTION_KEYS.join(', ')})`);
        if (typeof field !== 'string') throw new KsecError(`${where}.${key} must be a string`);
      }
      if (exemption.rule !== '*') checkRuleId(exemption.rule, where);
      if (exemption.until !== undefined && !isDay(exemption.until as string))
        throw new KsecError(`${where}.until must be a day, YYYY-MM-DD (the last day the exemption applies)`);
    });
  }
  return value as KsecConfig;
}

const EXEMPTION_KEYS = ['rule', 'file', 'object', 'namespace', 'id', 'until', 'reason'] as const;

/** A real calendar day written YYYY-MM-DD. */
function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function checkRuleId(id: string, where: string): void {
  const unknown = unknownRuleId(id);
  if (unknown) throw new KsecError(`${where}: ${unknown}`);
}
