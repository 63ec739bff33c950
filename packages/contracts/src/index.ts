export * from './common.ts';
export * from './errors.ts';
export * from './auth.ts';
export * from './organisation.ts';
export * from './audit.ts';
export * from './categories.ts';
export * from './citizens.ts';
export * from './cases.ts';
