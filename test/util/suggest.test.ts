import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, nearest } from '../../src/util/suggest.ts';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('diff', 'dif')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('is a metric: zero only for equal strings, symmetric, triangle inequality', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        (a, b, c) => {
          expect(editDistance(a, b) === 0).toBe(a === b);
          expect(editDistance(a, b)).toBe(editDistance(b, a));
          expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
        },
      ),
    );
  });
});

describe('nearest', () => {
  const ids = ['kops/api-access-restricted', 'kops/ssh-access-restricted', 'kops/rbac-authorization'];

  it('finds a typo, a missing provider prefix and a fragment', () => {
    expect(nearest('kops/api-acess-restricted', ids)[0]).toBe('kops/api-access-restricted');
    expect(nearest('rbac-authorization', ids)).toEqual(['kops/rbac-authorization']);
    expect(nearest('ssh-access', ids)).toEqual(['kops/ssh-access-restricted']);
  });

  it('suggests nothing for something unrelated', () => {
    expect(nearest('zzz', ids)).toEqual([]);
    expect(didYouMean([])).toBe('');
  });

  it('words one or several suggestions', () => {
    expect(didYouMean(['a'])).toBe(" Did you mean 'a'?");
    expect(didYouMean(['a', 'b', 'c'])).toBe(" Did you mean 'a', 'b' or 'c'?");
    expect(didYouMean(['diff'], { quote: false })).toBe(' Did you mean diff?');
  });
});
