import type { Severity } from '../model.ts';

/** ANSI styling that collapses to plain text when colour is off. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  severity(severity: Severity, text: string): string;
  ok(text: string): string;
  error(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export function createStyle(color: boolean): Style {
  if (!color) {
    const plain = (text: string) => text;
    return { bold: plain, dim: plain, severity: (_s, text) => text, ok: plain, error: plain };
  }
  const red = wrap(31, 39);
  const magenta = wrap(35, 39);
  const yellow = wrap(33, 39);
  const cyan = wrap(36, 39);
  const bold = wrap(1, 22);
  const colours: Record<Severity, (text: string) => string> = {
    critical: (text) => bold(magenta(text)),
    high: red,
    medium: yellow,
    low: cyan,
  };
  return {
    bold,
    dim: wrap(2, 22),
    severity: (severity, text) => colours[severity](text),
    ok: wrap(32, 39),
    error: red,
  };
}

/**
 * Colour policy shared by every command: FORCE_COLOR (non-zero) forces it, NO_COLOR (any value)
 * turns it off, otherwise only a TTY gets colour.
 */
export function shouldColor(env: Record<string, string | undefined>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}
