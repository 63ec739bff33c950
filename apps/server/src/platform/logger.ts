import type { LoggerOptions } from 'pino';

/** Logger options shared by the HTTP server and background roles: secrets and personal data are redacted. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.currentPassword',
        '*.newPassword',
        '*.token',
        '*.nationalId',
      ],
      censor: '[redacted]',
    },
  };
}
