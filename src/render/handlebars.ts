import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { packageRoot } from '../util/package-root.ts';
import { helpers } from './helpers.ts';

type Instance = ReturnType<typeof Handlebars.create>;
type Compiled = (context: unknown) => string;

const COMPILE_OPTIONS = {
  // YAML and shell are not HTML: `&` must stay `&`. Quoting is the helpers' job.
  noEscape: true,
  // A field missing from the context is a bug in the generator: fail instead of writing nothing.
  strict: true,
} as const;

let instance: Instance | undefined;
const compiled = new Map<string, Compiled>();

/** The templates directory shipped with the package. */
export function templatesDir(): string {
  return join(packageRoot(), 'templates');
}

/**
 * ksec's single Handlebars instance, created on first use with every helper and partial
 * registered once: `templates/partials/_x.hbs` as `x`, `templates/<provider>/_x.hbs` as `<provider>/x`.
 */
function handlebars(): Instance {
  if (instance) return instance;
  const created = Handlebars.create();
  created.registerHelper(helpers);
  const root = templatesDir();
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const prefix = entry.name === 'partials' ? '' : `${entry.name}/`;
    for (const file of readdirSync(join(root, entry.name)).sort()) {
      const match = /^_(.+)\.hbs$/.exec(file);
      if (!match) continue;
      created.registerPartial(`${prefix}${match[1]}`, readFileSync(join(root, entry.name, file), 'utf8'));
    }
  }
  instance = created;
  return created;
}

function compile(key: string, source: () => string): Compiled {
  let template = compiled.get(key);
  if (!template) {
    template = handlebars().compile(source(), COMPILE_OPTIONS);
    compiled.set(key, template);
  }
  return template;
}

/** Renders `templates/<name>.hbs`, e.g. `kops/cluster.yaml` → templates/kops/cluster.yaml.hbs. */
export function renderTemplate(name: string, context: object): string {
  const file = join(templatesDir(), `${name}.hbs`);
  return compile(`template:${name}`, () => readFileSync(file, 'utf8'))(context);
}

/** Renders one registered partial on its own, e.g. `kops/audit-policy`: the source of every snippet. */
export function renderPartial(name: string, context: object): string {
  const registry = handlebars().partials as Record<string, unknown>;
  if (!(name in registry)) {
    const known = Object.keys(registry).sort().join(', ');
    throw new Error(`no template partial named "${name}" (known: ${known})`);
  }
  return compile(`partial:${name}`, () => `{{> ${name}}}`)(context);
}
