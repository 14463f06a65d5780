import { EXIT, KsecError } from '../util/errors.ts';
import { nearest } from '../util/suggest.ts';
import { allQuestions, questionGroups } from './questions/index.ts';
import type { Answers, Choice, Question, QuestionGroup } from './types.ts';
import { validatePrintable } from './validate.ts';

/** What the wizard shows for one prompt; `ask.ts` turns it into an @inquirer/prompts call. */
export interface Prompt {
  type: 'input' | 'confirm' | 'select' | 'number';
  name: string;
  message: string;
  /** One line on why the question matters. */
  why?: string;
  default?: unknown;
  choices?: readonly Choice[];
  /** Checks the raw reply: true, or the reason shown before asking again. */
  validate?: (raw: unknown) => true | string;
  /** Where the question stands in this run ("7/19"); the total follows the answers given so far. */
  step?: { index: number; total: number };
  /**
   * True for a reply the prompt accepts only to ask more about it (a CIDR the wizard offers to
   * correct, a risky value to confirm): the terminal shows it without the mark of a done answer.
   */
  pending?: (raw: unknown) => boolean;
}

/** Asks one prompt and returns the raw reply. Injectable, so tests drive the wizard without a terminal. */
export type AskFn = (prompt: Prompt) => Promise<unknown>;

export interface ResolveOptions {
  /** Values given as flags, keyed by answer name (undefined = not given). */
  flags?: Answers;
  /** Values from an --answers file, keyed by answer name. */
  file?: Answers;
  fileName?: string;
  /** Ask for what flags and file leave open; otherwise use defaults and fail on missing answers. */
  interactive: boolean;
  ask?: AskFn;
  groups?: readonly QuestionGroup[];
  /** Interactive runs: where one-line notices go (an answer taken in lower case, a node total, the review). */
  note?: (text: string) => void;
  /**
   * Interactive runs: before returning, list every answer under this heading and let the user write,
   * change an answer, or cancel. Never shown without a terminal.
   */
  review?: string;
}

/** The name of the one question that opens the advanced settings (it is no answer: nothing records it). */
export const ADVANCED_PROMPT = 'changeAdvanced';
export const REVIEW_PROMPT = 'review';
export const REVIEW_CHANGE_PROMPT = 'reviewChange';

interface Entry {
  group: QuestionGroup;
  question: Question;
}

/** How each answer of a pass came about, for the review and for a pass after "change an answer". */
type Source = 'flag' | 'file' | 'asked' | 'default';

/** One pass over the questions; a review's "change an answer" starts another from the last one. */
interface Pass {
  answers: Answers;
  sources: Map<string, Source>;
  /** Replies that differ from the default at the time: kept in a later pass while they stay valid. */
  chosen: Answers;
  /** Names answered (asked or defaulted) in this pass, interactively. */
  answered: Set<string>;
  /** Answer to the advanced-settings question: undefined until asked. */
  advanced: boolean | undefined;
  /** How many prompts were shown for questions so far (the step counter). */
  steps: number;
}

interface Context {
  options: ResolveOptions;
  groups: readonly QuestionGroup[];
  entries: readonly Entry[];
  flags: Answers;
  file: Answers;
  given: Answers;
  fileName: string;
}

/**
 * Resolves every applicable question in order: flags, then the answers file, then a prompt
 * (interactive) or the hardened default. Missing required answers in a non-interactive run end in
 * one KsecError that lists the flags that would supply them.
 */
export async function resolveAnswers(options: ResolveOptions): Promise<Answers> {
  const groups = options.groups ?? questionGroups;
  const flags = options.flags ?? {};
  const file = options.file ?? {};
  const fileName = options.fileName ?? 'the answers file';
  if (options.file) checkFileKeys(file, groups, fileName);
  if (options.interactive && !options.ask)
    throw new Error('resolveAnswers: interactive without an ask function');
  const context: Context = {
    options,
    groups,
    entries: groups.flatMap((group) => group.questions.map((question) => ({ group, question }))),
    flags,
    file,
    given: { ...file, ...definedOnly(flags) },
    fileName,
  };
  let pass = await runPass(context);
  if (!options.interactive || options.review === undefined || !options.ask) return pass.answers;
  for (;;) {
    const picked = await review(context, pass);
    if (picked === undefined) return pass.answers;
    pass = await runPass(context, { previous: pass, change: picked });
  }
}

function definedOnly(values: Answers): Answers {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** A question applies when its group does and its `when` holds for the answers so far. */
function applies(entry: Entry, answers: Answers): boolean {
  return entry.group.applies(answers) && (!entry.question.when || entry.question.when(answers));
}

async function runPass(context: Context, again?: { previous: Pass; change: string }): Promise<Pass> {
  const { options, flags, given: allGiven, entries } = context;
  const pass: Pass = {
    answers: {},
    sources: new Map(),
    chosen: {},
    answered: new Set(),
    advanced: again?.previous.advanced,
    steps: 0,
  };
  const { answers } = pass;
  const missing: Question[] = [];

  for (const [index, entry] of entries.entries()) {
    const { question } = entry;
    if (!applies(entry, answers)) {
      // A question shared by several groups (--api-cidr) is answered by the group that applies.
      const sharedAndApplies = entries.some(
        (other) => other.group !== entry.group && other.question === question && applies(other, answers),
      );
      if (!sharedAndApplies) refuseInapplicableFlag(question, flags[question.name], entry.group.id);
      continue;
    }
    const given = allGiven[question.name];
    const fromFlag = flags[question.name] !== undefined;
    let value: unknown;
    if (given !== undefined) {
      const source = fromFlag ? `--${question.flag}` : `${question.name} in ${context.fileName}`;
      value = acceptGiven(question, given, answers, source);
      if (question.risk) {
        const risk = question.risk.check(value, answers);
        if (risk && allGiven[question.risk.name] !== true) {
          const accepted =
            options.interactive && options.ask
              ? await confirmRisk(options.ask, question.risk.name, risk)
              : false;
          if (!accepted) throw new KsecError(`${source}: ${risk}; pass --${question.risk.flag} to accept it`);
        }
        if (risk) answers[question.risk.name] = true;
      }
      pass.sources.set(question.name, fromFlag ? 'flag' : 'file');
    } else if (options.interactive && options.ask) {
      const kept = again ? keptFromPrevious(context, again, question, answers) : undefined;
      if (kept) {
        value = kept.value;
        if (kept.risk) answers[kept.risk] = true;
        pass.sources.set(question.name, again?.previous.sources.get(question.name) ?? 'asked');
        if (kept.chosen) pass.chosen[question.name] = value;
      } else if (
        question.advanced &&
        again?.change !== question.name &&
        !(await openAdvanced(context, pass, index, !again))
      ) {
        value = defaultValue(context, question, answers);
        pass.sources.set(question.name, 'default');
      } else {
        pass.steps += 1;
        // After "change an answer" only a few questions come back: no counter then.
        const step = again
          ? undefined
          : { index: pass.steps, total: pass.steps - 1 + countPrompts(context, pass, index) };
        const previous = again?.previous.answers[question.name];
        const reply = await askQuestion(question, answers, context, step, previous);
        value = reply.value;
        pass.sources.set(question.name, 'asked');
        const fallback = defaultOf(question, answers, context.given);
        if (!sameValue(value, fallback)) pass.chosen[question.name] = value;
      }
      pass.answered.add(question.name);
    } else {
      const fallback = defaultOf(question, answers, context.given);
      if (fallback === undefined) {
        missing.push(question);
        continue;
      }
      value = defaultValue(context, question, answers);
      pass.sources.set(question.name, 'default');
    }
    answers[question.name] = value;
  }

  if (missing.length > 0) {
    const list = missing.map(
      (q) => `  --${q.flag}${q.placeholder ? ` ${q.placeholder}` : ''}  ${promptText(q, answers).message}`,
    );
    throw new KsecError(
      `missing answer${missing.length === 1 ? '' : 's'} (nothing is asked without a terminal or with --yes); supply ${missing.length === 1 ? 'it' : 'them'} with:\n${list.join('\n')}\nor put them in a file passed with --answers`,
      EXIT.usage,
      { multiline: true },
    );
  }
  return pass;
}

/**
 * The hardened default, checked like a given value. A default can turn risky with time (a
 * Kubernetes minor reaching end of life): then it needs the confirmation flag, and the error says so.
 */
function defaultValue(context: Context, question: Question, answers: Answers): unknown {
  const fallback = defaultOf(question, answers, context.given);
  const value = acceptGiven(question, fallback, answers, `the default of --${question.flag}`);
  const risk = question.risk?.check(value, answers);
  if (question.risk && risk) {
    if (context.given[question.risk.name] !== true)
      throw new KsecError(
        `the default of --${question.flag} (${String(value)}): ${risk}; pass --${question.flag}, or --${question.risk.flag} to accept it`,
      );
    answers[question.risk.name] = true;
  }
  return value;
}

/**
 * After "change an answer": every other answer stays as it was while it is still valid. A reply the
 * user typed is kept; one that took the default follows the default (a node account named after the
 * project follows a new project). A question the previous pass did not ask is asked.
 */
function keptFromPrevious(
  context: Context,
  again: { previous: Pass; change: string },
  question: Question,
  answers: Answers,
): { value: unknown; chosen: boolean; risk?: string } | undefined {
  const { previous, change } = again;
  if (question.name === change || !previous.answered.has(question.name)) return undefined;
  const chosen = Object.hasOwn(previous.chosen, question.name);
  const candidate = chosen ? previous.chosen[question.name] : defaultOf(question, answers, context.given);
  if (candidate === undefined) return undefined;
  const checked = check(question, candidate, answers);
  if (!checked.ok) return undefined;
  const risk = question.risk?.check(checked.value, answers);
  if (risk && question.risk && previous.answers[question.risk.name] !== true) return undefined;
  return { value: checked.value, chosen, ...(risk && question.risk ? { risk: question.risk.name } : {}) };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The advanced questions that a pass from `index` on would ask (applicable, not given), in order. */
function pendingAdvanced(context: Context, pass: Pass, index: number): Question[] {
  return simulate(context, pass, index)
    .filter((s) => s.question.advanced && s.open)
    .map((s) => s.question);
}

/**
 * The one "change advanced settings?" question, asked where the first advanced question would be.
 * Its "why" line lists the hardened defaults the user keeps by answering no.
 */
async function openAdvanced(context: Context, pass: Pass, index: number, counted: boolean): Promise<boolean> {
  if (pass.advanced !== undefined) return pass.advanced;
  const ask = context.options.ask;
  if (!ask) return false;
  const defaults = pendingAdvanced(context, pass, index)
    .map((question) => {
      const fallback = defaultOf(question, pass.answers, context.given);
      return `--${question.flag} ${Array.isArray(fallback) ? fallback.join(',') : String(fallback)}`;
    })
    .join(', ');
  pass.steps += 1;
  const reply = await ask({
    type: 'confirm',
    name: ADVANCED_PROMPT,
    message: 'Change advanced settings?',
    why: `Unless you say yes, they keep their hardened defaults: ${defaults}.`,
    default: false,
    ...(counted
      ? { step: { index: pass.steps, total: pass.steps + countPrompts(context, pass, index, false) } }
      : {}),
  });
  pass.advanced = reply === true;
  return pass.advanced;
}

interface Simulated {
  question: Question;
  /** Neither given as a flag nor in the answers file: the wizard would ask it (advanced ones behind their question). */
  open: boolean;
}

/**
 * Walks the questions from `index` on as the pass would, without asking: earlier answers are real,
 * later ones are taken as given or as their defaults (so `when` conditions follow them). Only the
 * count and the advanced list come from this; the answers themselves are never used.
 */
function simulate(context: Context, pass: Pass, index: number): Simulated[] {
  const answers: Answers = { ...pass.answers };
  const result: Simulated[] = [];
  for (const entry of context.entries.slice(index)) {
    if (!applies(entry, answers)) continue;
    const { question } = entry;
    if (result.some((item) => item.question === question)) continue;
    const given = context.given[question.name];
    const value = given ?? defaultOf(question, answers, context.given);
    if (value !== undefined) {
      const checked = check(question, value, answers);
      answers[question.name] = checked.ok ? checked.value : value;
    }
    result.push({ question, open: given === undefined });
  }
  return result;
}

/**
 * How many prompts the questions from `from` on will show (the question at `from` included, with its
 * default standing in for the answer not given yet): each open question, and for the advanced ones
 * each (after a yes), none (after a no) or the advanced question once.
 */
function countPrompts(
  context: Context,
  pass: Pass,
  from: number,
  gate: boolean | undefined = pass.advanced,
): number {
  let count = 0;
  let gateCounted = false;
  for (const item of simulate(context, pass, from)) {
    if (!item.open) continue;
    if (!item.question.advanced) count += 1;
    else if (gate === true) count += 1;
    else if (gate === undefined && !gateCounted) {
      gateCounted = true;
      count += 1;
    }
  }
  return count;
}

/**
 * A flag for a question these answers skip would be silently ignored (a bastion asked for in a
 * public topology): say so instead. Turning an option off that is off anyway is harmless.
 */
function refuseInapplicableFlag(question: Question, given: unknown, group: string): void {
  if (given === undefined || given === false || (Array.isArray(given) && given.length === 0)) return;
  const when = question.whenHelp ?? `only with --provider ${group}`;
  throw new KsecError(`--${question.flag} does not apply to these answers: it is used ${when}`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function defaultOf(question: Question, answers: Answers, given: Answers = {}): unknown {
  return typeof question.default === 'function'
    ? (question.default as (a: Answers, g: Answers) => unknown)(answers, given)
    : question.default;
}

/** Turns a raw value (flag text, YAML value, prompt reply) into the question's type, or a reason. */
export function coerce(
  question: Question,
  raw: unknown,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  switch (question.type) {
    case 'confirm': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const text = String(raw).trim().toLowerCase();
      if (['y', 'yes', 'true', 't'].includes(text)) return { ok: true, value: true };
      if (['n', 'no', 'false', 'f'].includes(text)) return { ok: true, value: false };
      return { ok: false, reason: `expected yes or no, got ${JSON.stringify(raw)}` };
    }
    case 'number': {
      if (typeof raw === 'number' && Number.isNaN(raw)) return { ok: false, reason: 'expected a number' };
      const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (String(raw).trim() === '' || Number.isNaN(value))
        return { ok: false, reason: `expected a number, got ${JSON.stringify(raw)}` };
      return { ok: true, value };
    }
    case 'select': {
      const text = String(raw).trim();
      const choice = question.choices?.find(
        (c) => String(c.value) === text || String(c.value).toLowerCase() === text.toLowerCase(),
      );
      if (!choice) {
        const known = (question.choices ?? []).map((c) => String(c.value)).join(', ');
        return { ok: false, reason: `${JSON.stringify(raw)} is not one of: ${known}` };
      }
      return { ok: true, value: choice.value };
    }
    case 'list': {
      if (Array.isArray(raw) || typeof raw === 'string') return { ok: true, value: raw };
      return { ok: false, reason: `expected a list, got ${JSON.stringify(raw)}` };
    }
    default: {
      if (raw === null || typeof raw === 'object')
        return { ok: false, reason: `expected text, got ${JSON.stringify(raw)}` };
      return { ok: true, value: String(raw) };
    }
  }
}

/** Coerces, normalises and validates a value; the reason names its source when it is refused. */
function acceptGiven(question: Question, raw: unknown, answers: Answers, source: string): unknown {
  const checked = check(question, raw, answers);
  if (checked.ok) return checked.value;
  const suggestion = usableSuggestion(question, checked.value, answers);
  const hint = suggestion ? ` (did you mean ${[suggestion.value].flat().join(',')}?)` : '';
  throw new KsecError(`${source}: ${checked.reason}${hint}`);
}

function check(
  question: Question,
  raw: unknown,
  answers: Answers,
): { ok: true; value: unknown } | { ok: false; reason: string; value?: unknown } {
  const coerced = coerce(question, raw);
  if (!coerced.ok) return coerced;
  const value = question.normalise ? question.normalise(coerced.value, answers) : coerced.value;
  const printable = validatePrintable(value);
  if (printable !== true) return { ok: false, reason: printable };
  const verdict = question.validate ? question.validate(value, answers) : true;
  return verdict === true ? { ok: true, value } : { ok: false, reason: verdict, value };
}

/** A fix the wizard may offer for a refused value, when the fix itself passes. */
function usableSuggestion(question: Question, value: unknown, answers: Answers) {
  const suggestion = value === undefined ? undefined : question.suggest?.(value, answers);
  return suggestion && check(question, suggestion.value, answers).ok ? suggestion : undefined;
}

/** The question's message and "why" as asked now (some depend on earlier answers). */
function promptText(question: Question, answers: Answers): { message: string; why: string } {
  const custom = question.prompt?.(answers) ?? {};
  return { message: custom.message ?? question.message, why: custom.why ?? question.why };
}

/**
 * Asks until the reply is valid: a refused reply shows its reason and asks again; a fixable one
 * (host bits set, a bare address) offers the corrected value; a risky one needs an explicit yes or
 * is asked again. `previous` is the answer of an earlier pass, offered as the default.
 */
async function askQuestion(
  question: Question,
  answers: Answers,
  context: Context,
  step: { index: number; total: number } | undefined,
  previous: unknown,
): Promise<{ value: unknown }> {
  const ask = context.options.ask as AskFn;
  const note = context.options.note;
  const hardened = defaultOf(question, answers, context.given);
  const keep = previous !== undefined && check(question, previous, answers).ok ? previous : undefined;
  const fallback = keep ?? hardened;
  // Choices that earlier answers rule out stay visible, greyed out with the reason.
  const choices = question.choices?.map((choice) => {
    const checked = check(question, choice.value, answers);
    return checked.ok ? choice : { ...choice, disabled: checked.reason };
  });
  const text = promptText(question, answers);
  let why = text.why;
  const pending = (reply: unknown): boolean => {
    const checked = check(question, reply, answers);
    if (!checked.ok) return usableSuggestion(question, checked.value, answers) !== undefined;
    return question.risk?.check(checked.value, answers) !== undefined;
  };
  for (;;) {
    const raw = await ask({
      type: question.type === 'list' ? 'input' : question.type,
      name: question.name,
      message: text.message,
      why,
      ...(step ? { step } : {}),
      ...(fallback === undefined
        ? {}
        : { default: question.type === 'list' && Array.isArray(fallback) ? fallback.join(', ') : fallback }),
      ...(choices ? { choices } : {}),
      validate: (reply) => {
        const checked = check(question, reply, answers);
        if (checked.ok) return true;
        // Let a fixable reply through: the suggestion is offered next.
        if (usableSuggestion(question, checked.value, answers)) return true;
        return checked.reason;
      },
      pending,
    });
    let checked = check(question, raw, answers);
    if (!checked.ok) {
      const suggestion = usableSuggestion(question, checked.value, answers);
      if (!suggestion) {
        // Prompts without their own validation (select, confirm): say why before asking again.
        why = `${capitalise(checked.reason)}.`;
        continue;
      }
      const take = await ask({
        type: 'confirm',
        name: `${question.name}Suggestion`,
        message: `${capitalise(checked.reason)}. ${suggestion.message}`,
        default: true,
      });
      if (take !== true) {
        why = `${capitalise(checked.reason)}.`;
        continue;
      }
      checked = check(question, suggestion.value, answers);
      if (!checked.ok) continue;
    } else if (note) {
      const shown = lowerCased(raw, checked.value);
      if (shown) note(`  Taken as ${shown} (lower case).\n`);
    }
    if (question.risk) {
      const risk = question.risk.check(checked.value, answers);
      if (risk) {
        if (!(await confirmRisk(ask, question.risk.name, risk))) {
          why = text.why;
          continue;
        }
        answers[question.risk.name] = true;
      }
    }
    const summary = question.summary?.(checked.value, answers);
    if (summary && note) note(`  ${capitalise(summary)}.\n`);
    return { value: checked.value };
  }
}

/** Asks whether to accept a risky value; no unless the user says yes. `name` is the confirmation's answer key. */
async function confirmRisk(ask: AskFn, name: string, risk: string): Promise<boolean> {
  const accepted = await ask({
    type: 'confirm',
    name,
    message: `${capitalise(risk)}. Accept it anyway?`,
    default: false,
  });
  return accepted === true;
}

/** The value as taken, when the wizard lower-cased the reply (so the user sees what it became). */
function lowerCased(raw: unknown, value: unknown): string | undefined {
  if (typeof raw !== 'string' || !/\p{Lu}/u.test(raw)) return undefined;
  const shown = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  return /\p{Lu}/u.test(shown) ? undefined : shown;
}

/** A review line's label: the message without its hints and question mark. */
function reviewLabel(question: Question, answers: Answers): string {
  if (question.label) return question.label;
  return promptText(question, answers)
    .message.replace(/\s*\([^)]*\)/g, '')
    .replace(/\?$/, '')
    .trim();
}

/** An answer as the review shows it. */
function reviewValue(question: Question, value: unknown, answers: Answers): string {
  let text: string;
  if (Array.isArray(value)) text = value.length === 0 ? 'none' : value.map(String).join(', ');
  else if (typeof value === 'boolean') text = value ? 'yes' : 'no';
  else if (value === '' || value === undefined) text = 'none';
  else text = String(value);
  const summary = question.summary?.(value, answers);
  return summary ? `${text} (${summary})` : text;
}

/**
 * The review: every answer, where it came from, then write, change one or cancel. Returns the name
 * of the answer to change, or undefined to write.
 */
async function review(context: Context, pass: Pass): Promise<string | undefined> {
  const ask = context.options.ask as AskFn;
  const note = context.options.note ?? (() => {});
  const rows: { question: Question; label: string; value: string; source: string }[] = [];
  const questions = allQuestions(context.groups);
  // In the order they were answered (risk confirmations have no row of their own).
  for (const name of Object.keys(pass.answers)) {
    const question = questions.find((q) => q.name === name);
    if (!question) continue;
    const source = pass.sources.get(question.name);
    rows.push({
      question,
      label: reviewLabel(question, pass.answers),
      value: reviewValue(question, pass.answers[question.name], pass.answers),
      source:
        source === 'flag'
          ? `--${question.flag}`
          : source === 'file'
            ? context.fileName
            : source === 'default'
              ? 'default'
              : '',
    });
  }
  const width = Math.min(40, Math.max(...rows.map((row) => row.label.length)));
  const lines = rows.map(
    (row) => `  ${row.label.padEnd(width)}  ${row.value}${row.source ? `  (${row.source})` : ''}`,
  );
  note(`\n${context.options.review}\n${lines.join('\n')}\n\n`);
  const changeable = rows.filter((row) => {
    const source = pass.sources.get(row.question.name);
    return source === 'asked' || source === 'default';
  });
  const choice = await ask({
    type: 'select',
    name: REVIEW_PROMPT,
    message: 'Write the files?',
    choices: [
      { value: 'write', name: 'Yes, write them' },
      ...(changeable.length > 0
        ? [{ value: 'change', name: 'Change an answer', description: 'Pick one; the others stay' }]
        : []),
      { value: 'cancel', name: 'Cancel', description: 'Write nothing' },
    ],
    default: 'write',
  });
  if (choice === 'write') return undefined;
  if (choice !== 'change') throw new KsecError('cancelled; nothing was written', EXIT.interrupted);
  const picked = await ask({
    type: 'select',
    name: REVIEW_CHANGE_PROMPT,
    message: 'Which answer?',
    choices: changeable.map((row) => ({
      value: row.question.name,
      name: `${row.label}: ${row.value}`,
    })),
  });
  return String(picked);
}

/** An answers file may only hold keys ksec knows, so a typo does not silently fall back to a default. */
function checkFileKeys(file: Answers, groups: readonly QuestionGroup[], fileName: string): void {
  const known = new Set<string>();
  for (const question of allQuestions(groups)) {
    known.add(question.name);
    if (question.risk) known.add(question.risk.name);
  }
  const unknown = Object.keys(file).filter((key) => !known.has(key));
  if (unknown.length === 0) return;
  let allClose = true;
  const named = unknown.map((key) => {
    const close = nearest(key, [...known], { limit: 1 });
    if (close.length === 0) allClose = false;
    return close.length > 0 ? `${key} (did you mean ${close[0]}?)` : key;
  });
  throw new KsecError(
    `${fileName}: unknown answer${unknown.length === 1 ? '' : 's'} ${named.join(', ')}${allClose ? '' : ` (known: ${[...known].join(', ')})`}`,
  );
}
