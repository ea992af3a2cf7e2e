import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useCallback, useRef, useState } from 'react';
import { newClientRequestId } from '../api/client-request-id';
import { RequestRefused } from '../api/graphql';
import { useHubRequest } from '../api/use-query';
import { refusalText } from './civil-affairs/labels';

export interface WriteProblem {
  text: string;
  /** The record changed since it was shown (CONFLICT): the page reloads it, and the write is decided again. */
  conflict: boolean;
}

export const CONFLICT_TEXT = '记录已被他人更新：您看到的已不是最新内容，页面已重新加载，请核对后再办理。';
const NETWORK_TEXT = '网络中断，未能确认是否已提交。请检查网络后再次点击确认：将作为同一次办理重新提交，不会重复登记。';
const REUSED_TEXT = '上次提交可能已在网络中断前办理成功，而这次的内容有改动。请关闭后重新加载记录核对，需要时再重新办理。';

/** A refused write in the words of the form that sent it. */
function problemOf(error: unknown, conflictText: string): WriteProblem {
  if (!(error instanceof RequestRefused)) return { text: String(error), conflict: false };
  if (error.code === 'CONFLICT') return { text: conflictText, conflict: true };
  if (error.code === 'NETWORK') return { text: NETWORK_TEXT, conflict: false };
  if (error.code === 'BAD_USER_INPUT' && error.error.message.includes('already used for another write')) return { text: REUSED_TEXT, conflict: false };
  return { text: refusalText(error.error, error.requestId), conflict: false };
}

/**
 * One department write sent from a form (ADR 0020). Its client request id is made when the form opens (`begin`; a
 * dialog mounted for one write gets it at its first send) and is sent again with every retry of that write — after a network failure the hub answers a write it already committed
 * with that write's answer and writes nothing twice — until the write succeeds or turns out stale; the next write
 * gets a new one. A refusal is kept as a sentence for the form; a stale version (CONFLICT) also calls `onConflict`,
 * for the page to reload the record.
 */
export function useWrite<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, options: { caseId?: string; onConflict?: () => void; conflictText?: string } = {}) {
  const request = useHubRequest();
  const clientRequestId = useRef<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<WriteProblem>();
  const { caseId, onConflict, conflictText = CONFLICT_TEXT } = options;

  const begin = useCallback(() => {
    clientRequestId.current = newClientRequestId();
    setProblem(undefined);
  }, []);

  const send = useCallback(
    async (variables: (clientRequestId: string) => TVariables): Promise<TData | undefined> => {
      clientRequestId.current ??= newClientRequestId();
      setBusy(true);
      setProblem(undefined);
      try {
        const result = await request(document, variables(clientRequestId.current), caseId);
        clientRequestId.current = undefined;
        return result.data ?? undefined;
      } catch (error) {
        const refused = problemOf(error, conflictText);
        setProblem(refused);
        if (refused.conflict) {
          clientRequestId.current = undefined;
          onConflict?.();
        }
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [request, document, caseId, conflictText, onConflict],
  );

  const dismiss = useCallback(() => setProblem(undefined), []);
  return { begin, send, busy, problem, dismiss };
}
