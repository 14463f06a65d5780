import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeCharacter, firstUnprintable, printable, printableLines } from '../../src/util/printable.ts';

describe('printable', () => {
  it('shows C0, DEL, C1, bidi controls and separators as visible escapes', () => {
    expect(printable('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(printable('\u0000\u0007\u001b[2J\u007f')).toBe('\\x00\\x07\\x1b[2J\\x7f');
    expect(printable('\u0085\u009b')).toBe('\\u0085\\u009b');
    expect(printable('\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069')).toBe(
      '\\u061c\\u200e\\u200f\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069',
    );
    expect(printable('\u2028\u2029')).toBe('\\u2028\\u2029');
  });

  it('leaves everything else as it is, backslashes and non-ASCII text included', () => {
    for (const text of ['', 'Pod/web', 'C:\\dir\\file', 'café ünï 日本 🙂', '\\x1b', '"quoted" $(x) `y`'])
      expect(printable(text)).toBe(text);
  });

  it('never leaves a control character, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const shown = printable(text);
        expect(firstUnprintable(shown)).toBeUndefined();
        expect(printable(shown)).toBe(shown);
      }),
      { numRuns: 500 },
    );
  });

  it('printableLines keeps the line breaks and escapes the rest', () => {
    expect(printableLines('a\u001b\nb\r')).toBe('a\\x1b\nb\\r');
  });

  it('escapeCharacter and firstUnprintable', () => {
    expect(escapeCharacter('\u001b')).toBe('\\x1b');
    expect(escapeCharacter('\u202e')).toBe('\\u202e');
    expect(firstUnprintable('ab\u202ec')).toEqual({ char: '\u202e', index: 2 });
    expect(firstUnprintable('abc')).toBeUndefined();
  });

  it('is linear: a million control characters take no time worth measuring', () => {
    const text = `${'\u001b'.repeat(1_000_000)}x`;
    expect(printable(text).length).toBe(4_000_001);
  });
});
