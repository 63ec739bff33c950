import type { LoggerOptions } from 'pino';

/** Logger options shared by the HTTP server and background roles: secrets and personal data are redacted. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    serializers: {
      // Query strings can carry personal data (a phone or national ID searched for): log the path only.
      req(req: { method?: string; url?: string; id?: unknown; ip?: string }) {
        return { method: req.method, url: req.url?.split('?')[0], id: req.id, remoteAddress: req.ip };
      },
    },
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
