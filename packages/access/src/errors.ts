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
  /** Added by CONTRACT.md (grid events): a write on a stale version, or one the state does not allow; the message says which. */
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

/** What an error may add for the caller besides its code, e.g. which department could not answer (SUBGRAPH_UNAVAILABLE). */
export interface HubErrorDetails {
  department?: string;
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
