import { EXIT, KsecError } from '../util/errors.ts';
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
  if (options.file) checkFileKeys(file, groups, options.fileName ?? 'the answers file');
  if (options.interactive && !options.ask)
    throw new Error('resolveAnswers: interactive without an ask function');
  const answers: Answers = {};
  const missing: Question[] = [];

  for (const group of groups) {
    for (const question of group.questions) {
      if (!group.applies(answers) || (question.when && !question.when(answers))) {
        // A question shared by several groups (--api-cidr) is answered by the group that applies.
        const sharedAndApplies = groups.some(
          (other) => other !== group && other.questions.includes(question) && other.applies(answers),
        );
        if (!sharedAndApplies) refuseInapplicableFlag(question, flags[question.name], group.id);
        continue;
      }
      const fromFlag = flags[question.name] !== undefined;
      const given = fromFlag ? flags[question.name] : file[question.name];
      let value: unknown;
      if (given !== undefined) {
        const source = fromFlag
          ? `--${question.flag}`
          : `${question.name} in ${options.fileName ?? 'the answers file'}`;
        value = acceptGiven(question, given, answers, source);
        if (question.risk) {
          const risk = question.risk.check(value, answers);
          const confirmed = flags[question.risk.name] ?? file[question.risk.name];
          if (risk && confirmed !== true) {
            const accepted =
              options.interactive && options.ask
                ? await options.ask({
                    type: 'confirm',
                    name: question.risk.name,
                    message: `${capitalise(risk)}. Accept it anyway?`,
                    default: false,
                  })
                : false;
            if (accepted !== true)
              throw new KsecError(`${source}: ${risk}; pass --${question.risk.flag} to accept it`);
          }
          if (risk) answers[question.risk.name] = true;
        }
      } else if (options.interactive && options.ask) {
        value = await askQuestion(question, answers, options.ask);
      } else {
        const fallback = defaultOf(question, answers);
        if (fallback === undefined) {
          missing.push(question);
          continue;
        }
        value = acceptGiven(question, fallback, answers, `the default of --${question.flag}`);
        // A default can turn risky with time (a Kubernetes minor reaching end of life): say so.
        const risk = question.risk?.check(value, answers);
        if (question.risk && risk) {
          if ((flags[question.risk.name] ?? file[question.risk.name]) !== true)
            throw new KsecError(
              `the default of --${question.flag} (${String(value)}): ${risk}; pass --${question.flag}, or --${question.risk.flag} to accept it`,
            );
          answers[question.risk.name] = true;
        }
      }
      answers[question.name] = value;
    }
  }

  if (missing.length > 0) {
    const list = missing.map((q) => `  --${q.flag}${q.placeholder ? ` ${q.placeholder}` : ''}  ${q.message}`);
    throw new KsecError(
      `missing answer${missing.length === 1 ? '' : 's'} (nothing is asked without a terminal or with --yes); supply ${missing.length === 1 ? 'it' : 'them'} with:\n${list.join('\n')}\nor put them in a file passed with --answers`,
      EXIT.usage,
      { multiline: true },
    );
  }
  return answers;
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

export function defaultOf(question: Question, answers: Answers): unknown {
  return typeof question.default === 'function'
    ? (question.default as (a: Answers) => unknown)(answers)
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
  const suggestion = checked.value === undefined ? undefined : question.suggest?.(checked.value, answers);
  const hint =
    suggestion && check(question, suggestion.value, answers).ok
      ? ` (did you mean ${[suggestion.value].flat().join(',')}?)`
      : '';
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

/**
 * Asks until the reply is valid: a refused reply shows its reason and asks again; a fixable one
 * (host bits set) offers the corrected value; a risky one needs an explicit yes or is asked again.
 */
async function askQuestion(question: Question, answers: Answers, ask: AskFn): Promise<unknown> {
  const fallback = defaultOf(question, answers);
  // Choices that earlier answers rule out stay visible, greyed out with the reason.
  const choices = question.choices?.map((choice) => {
    const checked = check(question, choice.value, answers);
    return checked.ok ? choice : { ...choice, disabled: checked.reason };
  });
  let why = question.why;
  for (;;) {
    const raw = await ask({
      type: question.type === 'list' ? 'input' : question.type,
      name: question.name,
      message: question.message,
      why,
      ...(fallback === undefined
        ? {}
        : { default: question.type === 'list' && Array.isArray(fallback) ? fallback.join(', ') : fallback }),
      ...(choices ? { choices } : {}),
      validate: (reply) => {
        const checked = check(question, reply, answers);
        if (checked.ok) return true;
        // Let a fixable reply through: the suggestion is offered next.
        if (checked.value !== undefined && question.suggest?.(checked.value, answers)) return true;
        return checked.reason;
      },
    });
    let checked = check(question, raw, answers);
    if (!checked.ok) {
      const suggestion = checked.value === undefined ? undefined : question.suggest?.(checked.value, answers);
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
      if (take !== true) continue;
      checked = check(question, suggestion.value, answers);
      if (!checked.ok) continue;
    }
    if (question.risk) {
      const risk = question.risk.check(checked.value, answers);
      if (risk) {
        const accepted = await ask({
          type: 'confirm',
          name: question.risk.name,
          message: `${capitalise(risk)}. Accept it anyway?`,
          default: false,
        });
        if (accepted !== true) continue;
        answers[question.risk.name] = true;
      }
    }
    return checked.value;
  }
}

/** An answers file may only hold keys ksec knows, so a typo does not silently fall back to a default. */
function checkFileKeys(file: Answers, groups: readonly QuestionGroup[], fileName: string): void {
  const known = new Set<string>();
  for (const question of allQuestions(groups)) {
    known.add(question.name);
    if (question.risk) known.add(question.risk.name);
  }
  const unknown = Object.keys(file).filter((key) => !known.has(key));
  if (unknown.length > 0)
    throw new KsecError(
      `${fileName}: unknown answer${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} (known: ${[...known].join(', ')})`,
    );
}
