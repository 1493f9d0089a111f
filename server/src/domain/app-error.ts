import type { ErrorCode } from '@loket/contract';

export type ErrorIssue = { path: string; message: string };

/** The one error type. Its code is from a closed set; each transport maps codes once. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;

  constructor(code: ErrorCode, message: string, issues?: ErrorIssue[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }
}

export const notFound = (what = 'Not found') => new AppError('not_found', what);
export const forbidden = (why = 'You may not do this') => new AppError('forbidden', why);
export const conflict = (why: string) => new AppError('conflict', why);
export const invalid = (why: string, issues?: ErrorIssue[]) => new AppError('invalid', why, issues);
