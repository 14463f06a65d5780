import type { Choice } from './types.ts';

/** What a select shows for one value: everything of a choice but the value itself. */
type ChoiceText = Omit<Choice, 'value' | 'disabled'>;

/**
 * A select's choices from the constant that also types its answer (`(typeof TOPOLOGIES)[number]`),
 * in the constant's order. The texts are keyed by value, so a value without its choice, or a choice
 * for a value the constant lacks, does not compile.
 */
export function choicesOf<const V extends string | number>(
  values: readonly V[],
  texts: { readonly [K in V]: ChoiceText },
): Choice[] {
  return values.map((value) => ({ value, ...texts[value] }));
}
