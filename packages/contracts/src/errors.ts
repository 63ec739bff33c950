/**
 * Stable error codes shared by the server and its clients. A code never changes meaning;
 * clients branch on it, humans read the message.
 */
export const ERROR_STATUS = {
  'request.malformed_json': 400,
  'request.bad_request': 400,
  'request.validation_failed': 422,
  'request.unsupported_media_type': 415,
  'request.too_large': 413,
  'request.not_found': 404,
  'request.rate_limited': 429,
  'auth.unauthenticated': 401,
  'auth.invalid_credentials': 401,
  'auth.locked': 429,
  'auth.forbidden': 403,
  'auth.tenant_ambiguous': 422,
  'auth.password_too_weak': 422,
  'auth.wrong_current_password': 422,
  'resource.not_found': 404,
  'resource.conflict': 409,
  'resource.stale_version': 409,
  'resource.in_use': 409,
  'department.cycle': 422,
  'tenant.slug_taken': 409,
  'user.email_taken': 409,
  'user.last_admin': 409,
  'server.unavailable': 503,
  'server.internal': 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
