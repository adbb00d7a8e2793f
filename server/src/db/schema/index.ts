export * from './orgs.ts';
export * from './users.ts';
export * from './auth.ts';
export * from './mail.ts';
export * from './mfa.ts';
export * from './ssh-keys.ts';
export * from './apps.ts';
export * from './api-keys.ts';
