import rendered from './rendered-templates.json' with { type: 'json' };

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
