import { Alert, Space } from 'antd';
import { explainError, type HubGraphQLError } from '../api/errors';
import type { RequestRefused } from '../api/graphql';

/** Field-level denials are shown in their cells; these are the ones a reader must know about at the top. */
const PAGE_LEVEL = new Set(['SUBGRAPH_UNAVAILABLE', 'CASE_REQUIRED', 'CASE_NOT_OPEN', 'BAD_USER_INPUT', 'QUERY_TOO_COMPLEX', 'INTERNAL_SERVER_ERROR', 'RATE_LIMITED']);

/**
 * What went wrong with an answer, in Chinese: a refused request, or the departments that could not answer while
 * the rest of the page still shows. Each distinct explanation once.
 */
export function AnswerNotices({ refused, errors = [], showOutOfJurisdiction = false }: { refused?: RequestRefused; errors?: readonly HubGraphQLError[]; showOutOfJurisdiction?: boolean }) {
  const shown = new Map<string, string>();
  if (refused) shown.set('refused', explainError(refused.error) + (refused.requestId ? `（请求编号 ${refused.requestId}）` : ''));
  for (const error of errors) {
    const code = error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    if (!PAGE_LEVEL.has(code) && !code.startsWith('FACTS_UNAVAILABLE_') && !(showOutOfJurisdiction && code === 'OUT_OF_JURISDICTION')) continue;
    const text = explainError(error);
    shown.set(text, text);
  }
  if (shown.size === 0) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
      {[...shown.entries()].map(([key, text]) => (
        <Alert key={key} type={key === 'refused' ? 'error' : 'warning'} showIcon title={text} role="alert" />
      ))}
    </Space>
  );
}
