import { ApartmentOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Input, Row, Skeleton, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { graphql } from '../../gql';
import { useHubQuery } from '../../api/use-query';
import { AnswerNotices } from '../../policy/answer-notices';
import { useSession } from '../../session/session';
import { GridChart } from './grid-chart';
import { buildPlaceTree, flattenPlaces, LEVEL_LABELS, RegionTreeWithGridsQuery, type PlaceNode } from './jurisdiction';

/** The grids of the jurisdiction with the two counts the overview draws (population answers both). */
export const GridOverviewQuery = graphql(`
  query GridOverview($regionCode: String) {
    grids(regionCode: $regionCode) {
      code
      name
      residentCount
      floatingCount
    }
  }
`);

function highlighted(text: string, search: string): ReactNode {
  if (!search) return text;
  const at = text.indexOf(search);
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <mark>{search}</mark>
      {text.slice(at + search.length)}
    </>
  );
}

const matches = (node: PlaceNode, search: string) => !search || node.name.includes(search) || node.code.includes(search);

/** Tree nodes that match the search or hold a match below them; the path to each match stays. */
function toTreeData(nodes: readonly PlaceNode[], search: string): DataNode[] {
  return nodes.flatMap((node) => {
    const children = toTreeData(node.children, search);
    if (!matches(node, search) && children.length === 0) return [];
    return [
      {
        key: node.code,
        isLeaf: node.level === 'GRID',
        icon: node.level === 'GRID' ? <EnvironmentOutlined /> : <ApartmentOutlined />,
        title: (
          <span data-place-code={node.code}>
            {highlighted(node.name, search)}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {highlighted(node.code, search)}
            </Typography.Text>
          </span>
        ),
        children: node.level === 'GRID' ? undefined : matches(node, search) && search ? toTreeData(node.children, '') : children,
      },
    ];
  });
}

/**
 * 网格树: the jurisdiction's regions and grids (name and GB/T 2260 code), a search over both, and beside it the
 * residents and floating share of each grid as bars. Choosing a grid opens its page; choosing a region narrows the chart.
 */
export function GridTreePage() {
  const navigate = useNavigate();
  const { session } = useSession();
  const jurisdiction = session?.info.user.jurisdiction ?? '';
  // The tree comes from the grid center alone, so it shows without waiting for population's counts of the chart.
  const places = useHubQuery(RegionTreeWithGridsQuery, {});
  const grids = useHubQuery(GridOverviewQuery, { regionCode: null });
  const [search, setSearch] = useState('');
  const [scope, setScope] = useState<string | undefined>();

  const tree = useMemo(() => buildPlaceTree(places.result?.data?.regions ?? [], places.result?.data?.grids ?? []), [places.result]);
  const flat = useMemo(() => flattenPlaces(tree), [tree]);
  const term = search.trim();
  const treeData = useMemo(() => toTreeData(tree, term), [tree, term]);
  const expanded = useMemo(() => {
    if (term) return flat.filter((p) => matches(p.node, term)).flatMap((p) => p.ancestors);
    // Without a search: a jurisdiction of a few dozen grids opens fully; a larger one down to the user's own level.
    const regionsOnly = flat.filter((p) => p.node.level !== 'GRID');
    if (flat.length - regionsOnly.length <= 40) return regionsOnly.map((p) => p.node.code);
    const own = flat.find((p) => p.node.code === jurisdiction);
    return own ? [...own.ancestors, own.node.code] : regionsOnly.filter((p) => p.node.level !== 'COMMUNITY').map((p) => p.node.code);
  }, [flat, term, jurisdiction]);
  const [userExpanded, setUserExpanded] = useState<string[] | undefined>();
  const expandedKeys = term ? expanded : (userExpanded ?? expanded);

  const scopeNode = flat.find((p) => p.node.code === scope)?.node;
  const inScope = (grids.result?.data?.grids ?? []).filter((g) => !scope || g.code.startsWith(scope));
  const gridMatches = term ? flat.filter((p) => p.node.level === 'GRID' && matches(p.node, term)) : [];

  return (
    <div>
      <Typography.Title level={4}>网格树</Typography.Title>
      <AnswerNotices refused={places.refused ?? grids.refused} errors={[...(places.result?.errors ?? []), ...(grids.result?.errors ?? [])]} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={8}>
          <Card size="small" title="辖区与网格">
            <Input.Search
              aria-label="搜索区划或网格"
              placeholder="名称或代码，如 和泉 或 120112001"
              allowClear
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onSearch={(value) => {
                // Enter on a search that names exactly one grid opens it.
                const found = flat.filter((p) => p.node.level === 'GRID' && matches(p.node, value.trim()));
                if (value.trim() && found.length === 1) navigate(`/grid/${found[0].node.code}`);
              }}
              style={{ marginBottom: 8 }}
            />
            {term && (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }} data-testid="tree-search-result">
                {gridMatches.length ? `找到 ${gridMatches.length} 个网格${gridMatches.length === 1 ? '，按回车打开' : ''}` : '没有名称或代码包含该内容的网格'}
              </Typography.Paragraph>
            )}
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
              方向键浏览，回车打开网格；选中街道或社区可在右侧只看其网格。
            </Typography.Paragraph>
            {places.loading && !tree.length ? (
              <Skeleton active />
            ) : treeData.length ? (
              <Tree
                showIcon
                showLine
                blockNode
                treeData={treeData}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setUserExpanded(keys.map(String))}
                selectedKeys={scope ? [scope] : []}
                onSelect={(keys) => {
                  const code = keys.length ? String(keys[0]) : undefined;
                  if (!code) return setScope(undefined);
                  if (code.length === 15) navigate(`/grid/${code}`);
                  else setScope(code);
                }}
                aria-label="辖区与网格树"
                style={{ maxHeight: 560, overflow: 'auto' }}
              />
            ) : (
              <Empty description="没有匹配的区划或网格" />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          <Card
            size="small"
            title={`各网格实有人口与流动人口${scopeNode ? ` · ${scopeNode.name}` : ''}`}
            extra={
              scopeNode && (
                <Button type="link" size="small" onClick={() => setScope(undefined)}>
                  看全部
                </Button>
              )
            }
          >
            {grids.loading && !inScope.length ? (
              <Skeleton active />
            ) : inScope.length ? (
              <GridChart
                bars={inScope.map((g) => ({ code: g.code, name: g.name ?? g.code, residentCount: g.residentCount, floatingCount: g.floatingCount }))}
                title={`${scopeNode ? `${LEVEL_LABELS[scopeNode.level]}${scopeNode.name}` : (session?.info.jurisdictionName ?? '辖区')} · ${inScope.length} 个网格 · 点击网格查看详情`}
              />
            ) : (
              <Empty description="该范围内没有网格" />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
