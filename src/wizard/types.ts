/** The answers object: the only thing passed from the wizard to the generators. */
export type Answers = Record<string, unknown>;

export type QuestionType = 'input' | 'confirm' | 'select' | 'list' | 'number';

export interface Choice {
  value: string | number;
  /** Shown in the prompt; defaults to the value. */
  name?: string;
  /** One line shown while the choice is highlighted. */
  description?: string;
  /** Set by the wizard when earlier answers rule the choice out: the reason, shown greyed out. */
  disabled?: string;
}

/**
 * A risky but legitimate answer (the API open to the world, a hop limit above 1). It is accepted
 * only with an explicit yes at the prompt, or the confirmation flag in non-interactive runs; the
 * confirmation is recorded under `name` in the answers, and `ksec diff` keeps flagging the result.
 */
export interface RiskConfirmation {
  /** Answer key that records the confirmation, e.g. `confirmOpenApi`. */
  name: string;
  /** The flag that confirms it, e.g. `confirm-open-api`. */
  flag: string;
  /** Why the value is risky, or undefined when it is not. */
  check: (value: unknown, answers: Answers) => string | undefined;
  /**
   * What the confirmation flag does, for --help and the flags table, when the value is not risky for
   * the cluster but only unknown to ksec (a region newer than its list). Default: a risky value that
   * `ksec diff` keeps flagging.
   */
  describe?: string;
}

/** A better value to offer instead of the one given (e.g. a CIDR with its host bits cleared). */
export interface Suggestion {
  value: unknown;
  message: string;
}

/**
 * One wizard question as data. Every question has a flag, so CI can answer it; the default is the
 * hardened choice; `why` is the one line that explains why the question matters.
 */
export interface Question {
  /** Answer key (camelCase); also the key in ksec.answers.yaml. */
  name: string;
  /** Flag without dashes (kebab-case), e.g. `api-cidr`. */
  flag: string;
  message: string;
  why: string;
  type: QuestionType;
  choices?: readonly Choice[];
  /**
   * The hardened default; a function when it depends on earlier answers (and, rarely, on the raw
   * values given as flags or in the answers file for later questions). No default = required.
   */
  default?: unknown | ((answers: Answers, given: Answers) => unknown);
  /** true, or the reason the (normalised) value is refused. */
  validate?: (value: unknown, answers: Answers) => true | string;
  /** Asked only when this returns true; otherwise the answer is left out. */
  when?: (answers: Answers) => boolean;
  /** When the question applies, in words, for the error about a flag that does not (e.g. `with --topology private`). */
  whenHelp?: string;
  /** Canonical form of a valid-looking raw value (trimmed, lower-cased, de-duplicated…). */
  normalise?: (value: unknown, answers: Answers) => unknown;
  /** A corrected value to offer instead of an invalid one (asked at the prompt, named in errors). */
  suggest?: (value: unknown, answers: Answers) => Suggestion | undefined;
  risk?: RiskConfirmation;
  /** A boolean flag whose negation (`--no-<flag>`) answers this list question with an empty list. */
  emptyFlag?: { flag: string; describe: string };
  /** How a computed default is described in help and the flags table. */
  defaultHelp?: string;
  /** Placeholder used in help and the flags table, e.g. `CIDR`. */
  placeholder?: string;
  /**
   * A setting with a hardened default that most clusters keep (instance sizes, audit log retention,
   * the IMDS hop limit): the wizard asks for these only after one "change advanced settings?" yes.
   */
  advanced?: boolean;
  /** The message and the "why" line as the wizard asks them, when they depend on earlier answers. */
  prompt?: (answers: Answers) => { message?: string; why?: string };
  /** A short name for the review screen, when the message is long. */
  label?: string;
  /** A few words that put an accepted value in context (`3 nodes in all`), shown after it and on review. */
  summary?: (value: unknown, answers: Answers) => string | undefined;
}

/** A named group of questions (one file under src/wizard/questions/). */
export interface QuestionGroup {
  id: string;
  /** Asked only for these answers (e.g. provider kops). */
  applies: (answers: Answers) => boolean;
  questions: readonly Question[];
}
