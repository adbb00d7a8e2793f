import { describe, it, expect } from 'vitest';
import { nextStep, submitStep, type FlowStep } from './run-flow.ts';

type S = { a?: boolean; b?: boolean };
const steps: FlowStep<S, null, string>[] = [
  { name: 'a', check: async (s) => (s.a ? { kind: 'continue' } : { kind: 'prompt', prompt: 'ask-a' }), submit: async (s) => ({ ...s, a: true }) },
  { name: 'b', check: async (s) => (s.b ? { kind: 'continue' } : { kind: 'prompt', prompt: 'ask-b' }), submit: async (s) => ({ ...s, b: true }) },
];

describe('flow engine', () => {
  it('asks for the first unsatisfied step, then the next, then is done', async () => {
    expect(await nextStep(steps, {}, null)).toEqual({ done: false, name: 'a', prompt: 'ask-a' });
    const s1 = await submitStep(steps, {}, 'a', {}, null);
    expect(await nextStep(steps, s1, null)).toEqual({ done: false, name: 'b', prompt: 'ask-b' });
    const s2 = await submitStep(steps, s1, 'b', {}, null);
    expect(await nextStep(steps, s2, null)).toEqual({ done: true, name: 'done' });
  });

  it('refuses skipping ahead and replaying a finished step', async () => {
    await expect(submitStep(steps, {}, 'b', {}, null)).rejects.toMatchObject({ code: 'sign_in.wrong_step' });
    await expect(submitStep(steps, { a: true }, 'a', {}, null)).rejects.toMatchObject({ code: 'sign_in.wrong_step' });
  });
});
