import type { AskFn, Prompt } from '../../src/wizard/resolve.ts';

/**
 * An AskFn that replies from a script keyed by answer name, the way inquirer would: a typed reply
 * the prompt's validate refuses is recorded and the next scripted reply for that name is used.
 * Unscripted prompts take their default; a prompt without one fails the test.
 */
export function scriptedAsk(script: Record<string, unknown[]>): {
  ask: AskFn;
  asked: Prompt[];
  refused: { name: string; reason: string }[];
} {
  const queues = new Map(Object.entries(script).map(([name, replies]) => [name, [...replies]]));
  const asked: Prompt[] = [];
  const refused: { name: string; reason: string }[] = [];
  const ask: AskFn = async (prompt) => {
    asked.push(prompt);
    const queue = queues.get(prompt.name);
    for (;;) {
      const reply = queue && queue.length > 0 ? queue.shift() : prompt.default;
      if (reply === undefined) throw new Error(`no scripted reply and no default for ${prompt.name}`);
      // inquirer validates typed replies only; select and confirm return what was picked.
      const typed = prompt.type === 'input' || prompt.type === 'number';
      const verdict = typed && prompt.validate ? prompt.validate(reply) : true;
      if (verdict === true) return reply;
      refused.push({ name: prompt.name, reason: verdict });
      if (!queue || queue.length === 0) throw new Error(`${prompt.name}: last reply refused: ${verdict}`);
    }
  };
  return { ask, asked, refused };
}

/** The minimal flags a non-interactive kops run needs. */
export const KOPS_REQUIRED = {
  provider: 'kops',
  name: 'dev.example.com',
  state: 's3://example-kops-state',
  zones: 'eu-west-1a,eu-west-1b,eu-west-1c',
  apiCidrs: ['203.0.113.0/24'],
};
