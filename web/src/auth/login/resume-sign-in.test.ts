import { describe, expect, it } from 'vitest';
import { resumableStep, wasReloadedAt } from './resume-sign-in.ts';

describe('wasReloadedAt', () => {
  it('is true only for a reload of this very page', () => {
    expect(wasReloadedAt('/login', { type: 'reload', name: 'https://id.example/login?returnTo=/x' })).toBe(true);
    expect(wasReloadedAt('/login', { type: 'navigate', name: 'https://id.example/login' })).toBe(false);
    expect(wasReloadedAt('/login', { type: 'reload', name: 'https://id.example/reset-password' })).toBe(false);
    expect(wasReloadedAt('/login', undefined)).toBe(false);
  });
});

describe('resumableStep', () => {
  const password = { step: 'password', email: 'ada@acme.test', portal: 'user' } as const;
  it('resumes a step of the same portal', () => {
    expect(resumableStep(password, 'user')).toEqual(password);
  });
  it('starts over for the other portal or a finished flow', () => {
    expect(resumableStep(password, 'admin')).toBeUndefined();
    expect(resumableStep({ step: 'done', redirectTo: '/', rememberEmailDays: 30 }, 'user')).toBeUndefined();
    expect(resumableStep(undefined, 'user')).toBeUndefined();
  });
});
