import { Input, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useHubQuery } from '../../api/use-query';
import { regionCodeProblem } from '../../format/validate';
import { useSession } from '../../session/session';
import { RegionTreeWithGridsQuery } from '../grid-center/jurisdiction';

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}

const LEVEL_LABELS: Record<string, string> = { DISTRICT: '区', STREET: '街道/镇', COMMUNITY: '社区/村', GRID: '网格' };

interface RegionLike {
  code: string;
  name?: string | null;
  level?: string | null;
  children?: RegionLike[] | null;
}

function node(code: string, name: string | null | undefined, level: string): TreeNode {
  return { value: code, title: `${name ?? code}（${LEVEL_LABELS[level] ?? ''} ${code}）`, children: [] };
}

/** The region tree rooted at the caller's jurisdiction, grids hung under their communities. */
function buildTree(regions: readonly RegionLike[], grids: readonly { code: string; name?: string | null; regionCode?: string | null }[], jurisdiction: string): TreeNode[] {
  const byCode = new Map<string, TreeNode>();
  const walk = (r: RegionLike): TreeNode => {
    const n = node(r.code, r.name, r.level ?? '');
    byCode.set(r.code, n);
    n.children = (r.children ?? []).map(walk);
    return n;
  };
  const roots = regions.map(walk);
  for (const g of grids) {
    const n = node(g.code, g.name, 'GRID');
    byCode.set(g.code, n);
    const parent = byCode.get(g.regionCode ?? g.code.slice(0, 12));
    if (parent) parent.children.push(n);
  }
  // The regions above the jurisdiction are only context: the officer may search within the jurisdiction only.
  const own = byCode.get(jurisdiction);
  return own ? [own] : roots;
}

/** What a region or grid code means as a filter of floatingPopulation. */
export function areaFilter(code: string | undefined, jurisdiction: string): { regionCode?: string; gridCode?: string } {
  const value = code?.trim();
  if (!value || value === jurisdiction) return {};
  return value.length === 15 ? { gridCode: value } : { regionCode: value };
}

/** A code the officer typed: a region or grid code within the jurisdiction. */
export function areaCodeProblem(value: string | undefined, jurisdiction: string): string | undefined {
  const code = value?.trim();
  if (!code) return undefined;
  const problem = regionCodeProblem(code);
  if (problem) return problem;
  if (!code.startsWith(jurisdiction) && !jurisdiction.startsWith(code)) return `区划代码 ${code} 不在您的辖区（${jurisdiction}）内`;
  return undefined;
}

/**
 * 区域/网格: a tree of the caller's jurisdiction (the grid center's region tree). When the grid center does not
 * answer, a code field (validated) takes its place, so the search still works.
 */
export function RegionPicker({ value, onChange, id }: { value?: string; onChange?: (value: string | undefined) => void; id?: string }) {
  const { session } = useSession();
  const jurisdiction = session?.info.user.jurisdiction ?? '';
  const { loading, result, refused } = useHubQuery(RegionTreeWithGridsQuery, {});
  const tree = useMemo(() => (result?.data ? buildTree(result.data.regions ?? [], result.data.grids ?? [], jurisdiction) : []), [result, jurisdiction]);
  const treeUnavailable = !loading && (refused || !result?.data || tree.length === 0);
  if (treeUnavailable) {
    return (
      <Input
        id={id}
        aria-label="区域或网格代码"
        placeholder="区划代码（区划树暂不可用）"
        value={value}
        onChange={(e) => onChange?.(e.target.value || undefined)}
        style={{ width: 240 }}
        maxLength={15}
        allowClear
      />
    );
  }
  return (
    <TreeSelect
      id={id}
      aria-label="区域或网格"
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={tree}
      loading={loading}
      placeholder={`全部辖区（${session?.info.jurisdictionName ?? jurisdiction}）`}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={tree.map((n) => n.value)}
      style={{ width: 260 }}
      popupMatchSelectWidth={360}
    />
  );
}
