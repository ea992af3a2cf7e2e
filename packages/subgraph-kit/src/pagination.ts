import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { Directive, Field, ObjectType } from 'type-graphql';
import { ErrorCode, HubError } from '@hub/access';

@ObjectType({ description: 'Relay-style page information; shared by every subgraph that paginates.' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 500;

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `first must be between 0 and ${MAX_PAGE_SIZE}; got ${first}`);
  }
  return first;
}

/** Cursors are opaque to callers: base64url of the sort key of the last row of a page. */
export function encodeCursor(key: string): string {
  return Buffer.from(`c:${key}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (cursor === null || cursor === undefined || cursor === '') return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('c:') || decoded.length > 200) throw new HubError(ErrorCode.BAD_USER_INPUT, 'after is not a cursor returned by this API');
  return decoded.slice(2);
}

/** Given rows fetched with limit first+1, the page and its PageInfo. */
export function toPage<T>(rows: T[], first: number, keyOf: (row: T) => string): { nodes: T[]; pageInfo: PageInfo } {
  const nodes = rows.slice(0, first);
  const last = nodes[nodes.length - 1];
  return { nodes, pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor(keyOf(last)) : null } };
}

/**
 * Whether a connection field's selection asks for `totalCount` (directly or in a fragment): the count can be
 * the costly part of a page (a district-wide count scans the whole table), so it runs only when asked for.
 */
export function selectsTotalCount(info: GraphQLResolveInfo | undefined): boolean {
  if (!info) return true;
  const selects = (selectionSet: SelectionSetNode | undefined): boolean =>
    !!selectionSet?.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === 'totalCount';
      if (selection.kind === Kind.INLINE_FRAGMENT) return selects(selection.selectionSet);
      return selects(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => selects(node.selectionSet));
}
