import { ErrorCode, GRID_ASSIGNMENT_ROUTE, HubError, INTERNAL_TOKEN_HEADER, type GridAssignmentAnswer, type GridAssignmentBody } from '@hub/access';
import { subgraphUrl } from '@hub/topology';
import type { GridContext } from './context';

/** The departments whose copy of a dwelling's grid follows a boundary change, in the order they are asked. */
export const GRID_COPY_HOLDERS = [
  { subgraph: 'housing', department: 'HOUSING', label: '住房（房屋）系统' },
  { subgraph: 'population', department: 'POPULATION', label: '人口（户籍）系统' },
  { subgraph: 'public-security', department: 'PUBLIC_SECURITY', label: '公安（流动人口）系统' },
] as const;

export type GridCopyHolder = (typeof GRID_COPY_HOLDERS)[number];

/**
 * The time the departments have, together, to apply one change: below the gateway's limit for the grid's answer
 * (SUBGRAPH_TIMEOUT_MS, 10 s by default), the departments asked in turn, each with what the ones before left.
 */
const PEERS_TIMEOUT_MS = Number(process.env.GRID_ASSIGNMENT_PEERS_TIMEOUT_MS) || 8000;

/** When the departments' answers are due for a change whose calls start now. */
export function peersDeadline(now = Date.now()): number {
  return now + PEERS_TIMEOUT_MS;
}

/** Refusals a department answers for the request itself: passed on with the department named. */
const PASSED_ON = new Set<string>([ErrorCode.BAD_USER_INPUT, ErrorCode.OUT_OF_JURISDICTION, ErrorCode.FORBIDDEN]);

function unavailable(holder: GridCopyHolder, reason: string): HubError {
  return new HubError(
    ErrorCode.SUBGRAPH_UNAVAILABLE,
    `${holder.label}暂不可用，网格调整未生效，请稍后用同一请求重试 (${holder.subgraph} did not apply the grid assignment: ${reason}; nothing was changed in the grid, retry with the same clientRequestId)`,
    { department: holder.department },
  );
}

/** What a department's refusal says first in Chinese, before the same in English in brackets ("没有这些房屋：D1 (housing has no dwelling D1)"). */
function chineseOf(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const english = message.search(/\s\([A-Za-z0-9]/);
  const said = english > 0 ? message.slice(0, english) : '';
  return /[\u4e00-\u9fff]/.test(said) ? said : undefined;
}

/**
 * Asks one department to apply the boundary change to its own copy (`POST /internal/grid-assignment`), with the
 * onward token the gateway granted this request for it. A refusal (an unknown dwelling, say) or no answer fails the
 * grid's write, which is then rolled back: the department is named, and the client retries with the same id.
 */
export async function applyAtDepartment(
  { onwardTokens, identity }: Pick<GridContext, 'onwardTokens' | 'identity'>,
  holder: GridCopyHolder,
  body: GridAssignmentBody,
  deadline: number,
): Promise<GridAssignmentAnswer> {
  const token = onwardTokens[holder.subgraph]?.[GRID_ASSIGNMENT_ROUTE];
  if (!token) throw unavailable(holder, 'the gateway granted no token for it');
  const left = deadline - Date.now();
  if (left <= 0) throw unavailable(holder, 'no time left after the departments before it');
  let response: Response;
  let answer: unknown;
  try {
    response = await fetch(new URL(`/internal/${GRID_ASSIGNMENT_ROUTE}`, subgraphUrl(holder.subgraph)), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: token, 'x-request-id': identity.requestId },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(left),
    });
    answer = await response.json().catch(() => undefined);
  } catch (error) {
    throw unavailable(holder, (error as Error)?.name === 'TimeoutError' ? 'timeout' : 'no connection');
  }
  if (response.ok) return answer as GridAssignmentAnswer;
  const refusal = (answer as { errors?: Array<{ message?: string; extensions?: { code?: string } }> } | undefined)?.errors?.[0];
  const code = refusal?.extensions?.code;
  if (code && PASSED_ON.has(code)) {
    const said = chineseOf(refusal?.message);
    throw new HubError(code as ErrorCode, `${holder.label}拒绝了网格调整${said ? `：${said}` : ''} (${holder.subgraph} refused the grid assignment: ${refusal?.message ?? code})`, {
      department: holder.department,
    });
  }
  throw unavailable(holder, `HTTP ${response.status}${code ? ` ${code}` : ''}`);
}
