// esbuild inlines the JSON, so the bundle never reads package.json at run time.
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
