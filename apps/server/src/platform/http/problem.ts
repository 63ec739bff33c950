import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Problem } from '@civicline/contracts';
import { AppError, type FieldError } from '../errors.ts';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Routes for citizens set one so problems are told in the citizen's language. */
export type ProblemTranslator = (p: { code: string; detail: string; errors?: FieldError[] | undefined }) => { detail: string; errors?: FieldError[] | undefined };

declare module 'fastify' {
  interface FastifyRequest {
    translateProblem?: ProblemTranslator;
  }
}

function send(request: FastifyRequest, reply: FastifyReply, status: number, code: string, rawDetail: string, rawErrors?: FieldError[]) {
  const { detail, errors } = request.translateProblem ? request.translateProblem({ code, detail: rawDetail, errors: rawErrors }) : { detail: rawDetail, errors: rawErrors };
  const body: Problem = {
    type: `https://civicline.org/problems/${code.replace(/\./g, '/')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    instance: request.url,
    requestId: String(request.id),
    ...(errors ? { errors } : {}),
  };
  return reply.status(status).type('application/problem+json').send(body);
}

/** Fastify's own errors, mapped to our stable codes. */
const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'request.malformed_json', 'The request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'request.malformed_json', 'The request body is empty but JSON was announced'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'request.unsupported_media_type', 'Send this request as application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'request.bad_request', 'Content-Length does not match the body'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'request.too_large', 'The request body is too large'],
  FST_REQ_FILE_TOO_LARGE: [413, 'attachment.too_large', 'The file is too large'],
  FST_FILES_LIMIT: [422, 'request.validation_failed', 'Send one file per request'],
  FST_PARTS_LIMIT: [422, 'request.validation_failed', 'Too many parts in this form'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'request.unsupported_media_type', 'Send the file as multipart/form-data'],
};

function zodPath(path: string): string {
  // "/body/roles/0" or ".roles[0]" → "roles.0"
  return path.replace(/^\/?(body|querystring|params|headers)\/?/, '').replace(/\//g, '.').replace(/^\./, '') || '(root)';
}

/**
 * One place renders every error as RFC 9457 problem+json. 5xx answers never carry internals;
 * the log keeps them, under the request id the client is given.
 */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      for (const [k, v] of Object.entries(error.details.headers ?? {})) reply.header(k, v);
      return send(request, reply, error.status, error.code, error.message, error.details.errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => {
        const issuePath = (v.params as { issue?: { path?: PropertyKey[] } })?.issue?.path;
        const path = issuePath?.length ? issuePath.map(String).join('.') : zodPath(v.instancePath);
        return { path, message: v.message ?? 'Invalid value', code: v.keyword };
      });
      const where = error.validationContext ?? 'body';
      return send(request, reply, 422, 'request.validation_failed', `Some ${where} fields are not valid`, errors);
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return send(request, reply, known[0], known[1], known[2]);
    if (error.statusCode === 429) {
      return send(request, reply, 429, 'request.rate_limited', 'Too many requests; slow down and try again shortly');
    }
    if (isResponseSerializationError(error) || !error.statusCode || error.statusCode >= 500) {
      request.log.error({ err: error }, 'unhandled error');
      return send(request, reply, 500, 'server.internal', 'Something went wrong on our side; the error was logged');
    }
    return send(request, reply, error.statusCode, 'request.bad_request', error.message);
  });

  app.setNotFoundHandler((request, reply) =>
    send(request, reply, 404, 'request.not_found', `No route for ${request.method} ${request.url.split('?')[0]}`),
  );
}
