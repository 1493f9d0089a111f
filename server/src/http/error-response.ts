import type { ErrorBody, ErrorCode } from '@loket/contract';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../domain/app-error.ts';

/** The one place error codes become HTTP statuses. */
export const STATUS_OF: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
};

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fe = error as Partial<FastifyError>;
  if (fe && typeof fe.code === 'string') {
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413) {
      return new AppError('payload_too_large', 'The request is too large');
    }
    if (fe.statusCode === 415) return new AppError('invalid', 'Unsupported content type');
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return new AppError('invalid', fe.message ?? 'Bad request');
    }
  }
  return new AppError('internal', 'Something went wrong on our side');
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const appError = toAppError(error);
  if (appError.code === 'internal') request.log.error({ err: error }, 'unhandled error');
  const body: ErrorBody = {
    error: { code: appError.code, message: appError.message, ...(appError.issues ? { issues: appError.issues } : {}) },
  };
  return reply.status(STATUS_OF[appError.code]).type('application/json; charset=utf-8').send(body);
}
