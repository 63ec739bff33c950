import { ERROR_STATUS, type ErrorCode } from '@civicline/contracts';

export interface FieldError {
  path: string;
  message: string;
  code?: string;
}

/** The one error type domain code throws; the HTTP layer renders it as RFC 9457 problem+json. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { errors?: FieldError[]; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('resource.not_found', `${what} not found`);
export const staleVersion = (what: string) =>
  new AppError('resource.stale_version', `${what} was changed by someone else; reload and try again`);
export const forbidden = (message = 'You may not do this') => new AppError('auth.forbidden', message);
export const validationFailed = (errors: FieldError[], message = 'Some fields are not valid') =>
  new AppError('request.validation_failed', message, { errors });
