/**
 * The console's one way to the hub: POST /graphql on its own origin, with the session's token, the chosen
 * purpose and, where the work is bound to one, the case. No purpose, no request.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { HubGraphQLError } from './errors';

export interface RequestCredentials {
  token: string;
  purpose: string | undefined;
  caseId?: string;
}

/** A GraphQL answer: data where there is any, and every error with its path (a denial nulls only its field). */
export interface HubResult<TData> {
  data: TData | null;
  errors: HubGraphQLError[];
  requestId: string | null;
}

/** The whole request was refused (no data at all): the reason, with its code. */
export class RequestRefused extends Error {
  constructor(
    readonly error: HubGraphQLError,
    readonly status: number,
    readonly requestId: string | null,
  ) {
    super(error.message);
    this.name = 'RequestRefused';
  }
  get code(): string {
    return this.error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
  }
}

/** Printed once per document: the gateway caches its query plans by the query's text. */
const printed = new WeakMap<object, string>();

function textOf(document: TypedDocumentNode<unknown, unknown>): string {
  let text = printed.get(document);
  if (!text) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

let onUnauthenticated: (() => void) | undefined;

/** The session registers how to leave when the gateway says the token is no longer good. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export async function requestGraphQL<TData, TVariables>(credentials: RequestCredentials, document: TypedDocumentNode<TData, TVariables>, variables?: TVariables): Promise<HubResult<TData>> {
  if (!credentials.purpose) {
    throw new RequestRefused({ message: '请先选择用途', extensions: { code: 'PURPOSE_REQUIRED' } }, 0, null);
  }
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `Bearer ${credentials.token}`,
    'x-purpose': credentials.purpose,
  };
  if (credentials.caseId) headers['x-case-id'] = credentials.caseId;
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: textOf(document as TypedDocumentNode<unknown, unknown>), variables: variables ?? {} }) });
  } catch {
    throw new RequestRefused({ message: '无法连接到平台网关，请检查网络后重试', extensions: { code: 'NETWORK' } }, 0, null);
  }
  const requestId = response.headers.get('x-request-id');
  let body: { data?: TData | null; errors?: HubGraphQLError[] };
  try {
    body = await response.json();
  } catch {
    throw new RequestRefused({ message: `网关返回了无法识别的应答（HTTP ${response.status}）`, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, response.status, requestId);
  }
  const errors = body.errors ?? [];
  if (body.data === undefined || body.data === null) {
    const first = errors[0] ?? { message: `HTTP ${response.status}`, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    if (first.extensions?.code === 'UNAUTHENTICATED') onUnauthenticated?.();
    throw new RequestRefused(first, response.status, requestId);
  }
  return { data: body.data, errors, requestId };
}
