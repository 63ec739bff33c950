export * from './tenants.ts';
export * from './organisation.ts';
export * from './auth.ts';
export * from './audit.ts';
export * from './events.ts';
export * from './cases.ts';
export * from './channels.ts';
export * from './calls.ts';
