import type { DocPath } from '../../model.ts';
import { worldOpenFamilies } from '../../util/cidr.ts';
import rendered from './rendered-templates.json' with { type: 'json' };

export interface WorldOpenEntry {
  index: number;
  cidr: string;
  path: DocPath;
  /**
   * What makes it world-open, for messages: the entry itself (`0.0.0.0/0`), or the entry with the
   * others it covers a family with (`0.0.0.0/1, which with 128.0.0.0/1 covers every IPv4 address`).
   */
  why: string;
}

/**
 * One entry per CIDR that opens the list to the whole internet. World-open is coverage, not a
 * literal: the widest entries of every address family the list admits in full (see worldOpenFamilies).
 */
export function worldOpenEntries(list: unknown, path: DocPath): WorldOpenEntry[] {
  if (!Array.isArray(list)) return [];
  const texts = list.map((entry) => (typeof entry === 'string' ? entry : ''));
  const why = new Map<number, string[]>();
  for (const { family, entries } of worldOpenFamilies(texts)) {
    for (const index of entries) {
      const others = entries.filter((i) => i !== index).map((i) => texts[i]);
      const reason =
        others.length === 0 ? '' : `, which with ${others.join(', ')} covers every IPv${family} address`;
      why.set(index, [...(why.get(index) ?? []), reason]);
    }
  }
  return [...why.keys()]
    .sort((a, b) => a - b)
    .map((index) => {
      const cidr = texts[index] ?? '';
      const reasons = (why.get(index) ?? []).filter((r) => r !== '');
      return { index, cidr, path: [...path, index], why: `${cidr}${reasons.join(';')}` };
    });
}

/** The key of a list of template partials in rendered-templates.json. */
export function templateKey(partials: readonly string[]): string {
  return partials.join(' + ');
}

/**
 * The fix snippet of a rule whose hardened value template partials write: the partials as `ksec init`
 * renders them, with the snippet example values, under `spec:`. rendered-templates.json holds the
 * text, written by `npm run docs` (src/snippets/rule-templates.ts), so `ksec diff` never loads the
 * template engine; the catalogue audit renders the partials again and compares. Empty until then.
 */
export function templateSnippet(partials: readonly string[]): string {
  const texts: Readonly<Record<string, string>> = rendered;
  return Object.hasOwn(texts, templateKey(partials)) ? (texts[templateKey(partials)] ?? '') : '';
}
