// Markdown shared by the rule catalogue (docs/rules.md, `ksec explain --format markdown`) and the
// snippets (docs/snippets.md, `ksec snippet --format markdown`).

/** The fence tag GitHub highlights for a snippet language: `sh` for shell, the name otherwise. */
export function fenceLanguage(language: string): string {
  return language === 'shell' ? 'sh' : language;
}

/** A labelled fenced block as lines: `where:`, a blank line, the fenced text, a blank line. */
export function labelledBlock(where: string, language: string, text: string): string[] {
  return [`${where}:`, '', `\`\`\`${fenceLanguage(language)}`, text.trimEnd(), '```', ''];
}
