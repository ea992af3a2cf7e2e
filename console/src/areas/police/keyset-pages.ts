import { useState } from 'react';

/**
 * Keyset paging: the API gives only the cursor after a page (endCursor), so going back means remembering the
 * cursors that led here — a stack whose top is the `after` of the page shown. Any change of the search (filter,
 * order, page size) starts over at page 1: a cursor carries one order's sort key and is never reused in another.
 */
export function useKeysetPages(searchKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | null)[] }>({ key: searchKey, stack: [null] });
  let stack = state.stack;
  if (state.key !== searchKey) {
    // Reset during render (React's pattern for state derived from props): no request goes out with a stale cursor.
    stack = [null];
    setState({ key: searchKey, stack });
  }
  return {
    /** The `after` of the page shown (null: the first page). */
    after: stack[stack.length - 1],
    /** 1-based number of the page shown. */
    page: stack.length,
    next(endCursor: string) {
      setState((s) => ({ ...s, stack: [...s.stack, endCursor] }));
    },
    previous() {
      setState((s) => (s.stack.length > 1 ? { ...s, stack: s.stack.slice(0, -1) } : s));
    },
    first() {
      setState((s) => ({ ...s, stack: [null] }));
    },
  };
}
