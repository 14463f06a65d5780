export { ANSWERS_FILE, formatAnswers, parseAnswers } from './answers-file.ts';
export { allQuestions, questionGroups } from './questions/index.ts';
export { type AskFn, coerce, type Prompt, type ResolveOptions, resolveAnswers } from './resolve.ts';
export type { Answers, Choice, Question, QuestionGroup, QuestionType, RiskConfirmation } from './types.ts';
