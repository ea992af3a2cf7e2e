import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';

/**
 * Keyset paging as the API does it (first/after, no offsets): a stack of the cursors each page started after.
 * Next pushes the page's endCursor, previous pops; the top is the `after` of the page shown.
 */
export function useCursorStack() {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const next = useCallback((endCursor: string | null | undefined) => {
    if (endCursor) setStack((s) => [...s, endCursor]);
  }, []);
  const previous = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const reset = useCallback(() => setStack([null]), []);
  return { after: stack[stack.length - 1], page: stack.length, next, previous, reset };
}

/** 上一页 / 下一页 with where the reader is: "第 2 页 · 每页 20 条 · 共 1,289 条". */
export function KeysetPager({
  label,
  pager,
  pageSize,
  connection,
  loading,
}: {
  label: string;
  pager: ReturnType<typeof useCursorStack>;
  pageSize: number;
  /** The page's connection as the API answered it (absent while the first answer is on its way). */
  connection: { totalCount?: number | null; pageInfo?: { hasNextPage: boolean; endCursor?: string | null } | null } | null | undefined;
  loading: boolean;
}) {
  const totalCount = connection?.totalCount;
  const hasNextPage = connection?.pageInfo?.hasNextPage;
  const endCursor = connection?.pageInfo?.endCursor;
  return (
    <Space className="keyset-pager" wrap style={{ marginTop: 8 }} role="navigation" aria-label={`${label}分页`}>
      <Button size="small" icon={<LeftOutlined />} disabled={pager.page <= 1 || loading} onClick={pager.previous}>
        上一页
      </Button>
      <Typography.Text data-testid={`${label}-page`}>
        第 {pager.page} 页 · 每页 {pageSize} 条{typeof totalCount === 'number' ? ` · 共 ${totalCount.toLocaleString('zh-CN')} 条` : ''}
      </Typography.Text>
      <Button size="small" disabled={!hasNextPage || loading} onClick={() => pager.next(endCursor)}>
        下一页 <RightOutlined />
      </Button>
    </Space>
  );
}
