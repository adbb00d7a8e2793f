import { AppError } from '../../errors.ts';

export type StepResult<P> = { kind: 'continue' } | { kind: 'prompt'; prompt: P };

/**
 * One step of a journey. `check` looks and never changes anything: it says whether the step is
 * already satisfied or what to ask. `submit` takes the person's answer and returns the new state.
 */
export type FlowStep<S, D, P> = {
  name: string;
  check(state: S, deps: D): Promise<StepResult<P>>;
  submit?(state: S, input: unknown, deps: D): Promise<S>;
};

export type NextStep<P> = { done: false; name: string; prompt: P } | { done: true; name: 'done' };

/** Walks the ordered steps from the top: the first one not yet satisfied is what comes next. */
export async function nextStep<S, D, P>(steps: FlowStep<S, D, P>[], state: S, deps: D): Promise<NextStep<P>> {
  for (const step of steps) {
    const result = await step.check(state, deps);
    if (result.kind === 'prompt') return { done: false, name: step.name, prompt: result.prompt };
  }
  return { done: true, name: 'done' };
}

/** Only the step that is next may be answered: skipping ahead or replaying a past step is refused. */
export async function submitStep<S, D, P>(steps: FlowStep<S, D, P>[], state: S, name: string, input: unknown, deps: D): Promise<S> {
  const current = await nextStep(steps, state, deps);
  const step = steps.find((s) => s.name === name);
  if (current.name !== name || !step?.submit) {
    throw new AppError('sign_in.wrong_step', 'This step is not the next one. Start again from the first step.');
  }
  return step.submit(state, input, deps);
}
