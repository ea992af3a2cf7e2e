import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../session/session';
import { RequestRefused, requestGraphQL, type HubResult } from './graphql';

export interface QueryState<TData> {
  loading: boolean;
  result: HubResult<TData> | undefined;
  refused: RequestRefused | undefined;
  reload: () => void;
}

/**
 * Runs a query under the session's purpose (and `caseId`, when given) whenever the variables change; `skip`
 * holds it back (e.g. until a form is filled). The last answer wins: a slow earlier page never overwrites a later one.
 * It is loading from the render in which its question changes (not one render later, when the effect runs), so a
 * page never shows, even for a frame, the new question's header over the old question's rows as if they answered it.
 */
export function useHubQuery<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, options: { skip?: boolean; caseId?: string } = {}): QueryState<TData> {
  const { credentials } = useSession();
  const [state, setState] = useState<{ loading: boolean; result?: HubResult<TData>; refused?: RequestRefused; question?: string }>({ loading: !options.skip });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const key = JSON.stringify(variables);
  const caseId = options.caseId ?? credentials.caseId;
  const question = options.skip || !credentials.purpose ? undefined : `${key}\u001f${credentials.purpose}\u001f${caseId ?? ''}\u001f${generation}`;
  useEffect(() => {
    if (options.skip || !credentials.purpose) {
      setState({ loading: false });
      return;
    }
    const ticket = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    requestGraphQL({ ...credentials, caseId }, document, variables).then(
      (result) => ticket === latest.current && setState({ loading: false, result, question }),
      (error) =>
        ticket === latest.current &&
        setState({
          loading: false,
          question,
          refused: error instanceof RequestRefused ? error : new RequestRefused({ message: String(error), extensions: { code: 'INTERNAL_SERVER_ERROR' } }, 0, null),
        }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [document, key, credentials.token, credentials.purpose, caseId, options.skip, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const answered = question === undefined || state.question === question;
  return { loading: state.loading || !answered, result: state.result, refused: state.refused, reload };
}

/** The session's credentials bound to one call, for mutations and one-off requests. */
export function useHubRequest() {
  const { credentials } = useSession();
  return useCallback(
    <TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, caseId?: string) =>
      requestGraphQL({ ...credentials, caseId: caseId ?? credentials.caseId }, document, variables),
    [credentials],
  );
}
