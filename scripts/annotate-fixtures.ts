// Maintainer tool: prints the `# expect:` header a fail fixture would need, or, with --write,
// prepends it and writes the matching fixed.<case>.yaml when the rule is fixable. Review the result.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText } from '../src/engine/check.ts';
import { applyFixes } from '../src/engine/fix.ts';
import { getRule } from '../src/rules/index.ts';

const root = join(import.meta.dirname, '..', 'test', 'fixtures', 'rules');
const write = process.argv.includes('--write');
for (const provider of readdirSync(root)) {
  for (const name of readdirSync(join(root, provider))) {
    const id = `${provider}/${name}`;
    const rule = getRule(id);
    if (!rule) continue;
    for (const file of readdirSync(join(root, id)).filter((f) => f.startsWith('fail.'))) {
      const path = join(root, id, file);
      const original = readFileSync(path, 'utf8');
      if (/^# expect:/m.test(original)) continue;
      const count = checkText(original, file, { rules: [rule] }).findings.length;
      const padded = `${'#\n'.repeat(count)}${original}`;
      const findings = checkText(padded, file, { rules: [rule] }).findings;
      const header = findings
        .map((f) => `# expect: ${f.severity} ${f.path} @${f.line} ${f.messageId}\n`)
        .join('');
      const text = `${header}${original}`;
      console.log(`== ${id}/${file}\n${header}${findings.map((f) => `   ${f.message}`).join('\n')}`);
      if (write) {
        writeFileSync(path, text);
        const fixedPath = join(root, id, file.replace(/^fail\./, 'fixed.'));
        if (findings.some((f) => f.fixable)) {
          writeFileSync(
            fixedPath,
            applyFixes(text, file, checkText(text, file, { rules: [rule] }).findings).text,
          );
        }
      }
    }
  }
}
