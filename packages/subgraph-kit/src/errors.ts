import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { HubError } from '@hub/access';
import { InvalidIdNumberError } from '@hub/domain';

/**
 * Errors the caller may see keep their message and contract code; anything unexpected (SQL, bugs) is
 * reported as INTERNAL_SERVER_ERROR without its details, which go to the log instead.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof HubError) {
    return { ...formatted, message: original.message, extensions: { code: original.code, ...(original.details.department ? { department: original.details.department } : {}) } };
  }
  if (original instanceof InvalidIdNumberError) {
    return { ...formatted, message: original.message, extensions: { code: 'BAD_USER_INPUT', problem: original.problem } };
  }
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') return { ...formatted, extensions: { code } };
  console.error(JSON.stringify({ level: 'error', msg: 'resolver failed', error: String((original as Error)?.stack ?? original) }));
  return { message: 'Internal error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
