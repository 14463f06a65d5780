// Writes src/rules/kops/rendered-templates.json: the template partials each kops rule names, rendered
// with the snippet example values (its fix snippet). Run by `npm run docs`; a test checks it is fresh.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RENDERED_TEMPLATES_FILE, renderedTemplatesJson } from '../src/snippets/rule-templates.ts';

const path = join(import.meta.dirname, '..', RENDERED_TEMPLATES_FILE);
writeFileSync(path, await renderedTemplatesJson());
console.log(`wrote ${RENDERED_TEMPLATES_FILE}`);
