/** Error codes of the public contract (shared/CONTRACT.md). */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  PURPOSE_REQUIRED: 'PURPOSE_REQUIRED',
  PURPOSE_NOT_ALLOWED: 'PURPOSE_NOT_ALLOWED',
  CASE_REQUIRED: 'CASE_REQUIRED',
  CASE_NOT_OPEN: 'CASE_NOT_OPEN',
  FORBIDDEN: 'FORBIDDEN',
  OUT_OF_JURISDICTION: 'OUT_OF_JURISDICTION',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** A transition on a stale version, or one the record's state does not allow (the message says which). */
  CONFLICT: 'CONFLICT',
  /** Not in the contract's list: a department's subgraph could not answer its part. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  /** Not in the contract's list: the user's token bucket is empty (HTTP 429 with Retry-After). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** Not in the contract's list: a safelist is configured and the operation is not on it. */
  PERSISTED_QUERY_NOT_ALLOWED: 'PERSISTED_QUERY_NOT_ALLOWED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status for errors that refuse the whole request. */
export const REQUEST_ERROR_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  PURPOSE_REQUIRED: 400,
  PURPOSE_NOT_ALLOWED: 403,
  CASE_REQUIRED: 400,
  CASE_NOT_OPEN: 403,
  QUERY_TOO_COMPLEX: 400,
  RATE_LIMITED: 429,
  PERSISTED_QUERY_NOT_ALLOWED: 403,
};

/**
 * Why a case named in X-Case-Id is not open (CASE_NOT_OPEN's `extensions.reason`), so that the console can say which in
 * the user's words: the department that keeps the case decides (civil affairs for 低保 applications, public security
 * for police cases).
 */
export const CaseRefusal = {
  /** No such application or police case (or not a case number at all). */
  NO_SUCH_CASE: 'NO_SUCH_CASE',
  /** The case is closed: the application decided, the police case 结案. */
  CASE_CLOSED: 'CASE_CLOSED',
  /** The case is another office's. */
  CASE_OUTSIDE_JURISDICTION: 'CASE_OUTSIDE_JURISDICTION',
  /** A 低保 application without the applicant's written authorization (授权书) on file. */
  NO_AUTHORIZATION: 'NO_AUTHORIZATION',
  /** The department that keeps the case did not answer: nothing could be confirmed. */
  CASE_UNCONFIRMED: 'CASE_UNCONFIRMED',
} as const;
export type CaseRefusal = (typeof CaseRefusal)[keyof typeof CaseRefusal];

/** What an error may add for the caller besides its code, e.g. which department could not answer (SUBGRAPH_UNAVAILABLE). */
export interface HubErrorDetails {
  department?: string;
  /** CASE_NOT_OPEN: why. */
  reason?: CaseRefusal;
}

/** An error whose code and message are safe to show to the caller. */
export class HubError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: HubErrorDetails = {},
  ) {
    super(message);
    this.name = 'HubError';
  }
}
