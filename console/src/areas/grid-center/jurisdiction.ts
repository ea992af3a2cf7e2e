/** The signed-in user's jurisdiction as a tree: district → streets → communities → grids (GB/T 2260 codes). */
import { graphql } from '../../gql';

/**
 * The caller's part of the region tree in one request: the districts, streets and communities (limited by the grid
 * center to the jurisdiction and the regions above it) and every grid within the jurisdiction. For every tree of places:
 * the grid center's 网格树 and 数据不一致's region picker, the police's region picker, housing's 实有房屋登记.
 */
export const RegionTreeWithGridsQuery = graphql(`
  query RegionTreeWithGrids {
    regions {
      code
      name
      level
      children {
        code
        name
        level
        children {
          code
          name
          level
        }
      }
    }
    grids {
      code
      name
      regionCode
    }
  }
`);

export type RegionLevel = 'DISTRICT' | 'STREET' | 'COMMUNITY' | 'GRID';

export interface PlaceNode {
  code: string;
  name: string;
  level: RegionLevel;
  children: PlaceNode[];
}

export const LEVEL_LABELS: Record<RegionLevel, string> = { DISTRICT: '区县', STREET: '街道/镇', COMMUNITY: '社区/村', GRID: '网格' };

interface RegionLike {
  code: string;
  name?: string | null;
  level?: string | null;
  children?: RegionLike[] | null;
}

function levelOf(code: string, level: string | null | undefined): RegionLevel {
  if (level === 'DISTRICT' || level === 'STREET' || level === 'COMMUNITY') return level;
  return code.length === 6 ? 'DISTRICT' : code.length === 9 ? 'STREET' : code.length === 12 ? 'COMMUNITY' : 'GRID';
}

/** The regions with each grid hung under its community; a grid whose community is missing goes under the nearest region above. */
export function buildPlaceTree(regions: readonly RegionLike[], grids: readonly { code: string; name?: string | null; regionCode?: string | null }[]): PlaceNode[] {
  const byCode = new Map<string, PlaceNode>();
  const convert = (region: RegionLike): PlaceNode => {
    const node: PlaceNode = { code: region.code, name: region.name ?? region.code, level: levelOf(region.code, region.level), children: (region.children ?? []).map(convert) };
    byCode.set(node.code, node);
    return node;
  };
  const roots = regions.map(convert);
  for (const grid of grids) {
    const leaf: PlaceNode = { code: grid.code, name: grid.name ?? grid.code, level: 'GRID', children: [] };
    const parent = [grid.regionCode ?? '', grid.code.slice(0, 12), grid.code.slice(0, 9), grid.code.slice(0, 6)].map((c) => byCode.get(c)).find(Boolean);
    if (parent) parent.children.push(leaf);
    else roots.push(leaf);
  }
  return roots;
}

/** Every node of the tree, depth first, with its ancestors' codes. */
export function flattenPlaces(nodes: readonly PlaceNode[], ancestors: string[] = []): { node: PlaceNode; ancestors: string[] }[] {
  return nodes.flatMap((node) => [{ node, ancestors }, ...flattenPlaces(node.children, [...ancestors, node.code])]);
}

/** The name of a code from the tree, e.g. "双新街道和泉社区第1网格". */
export function placeName(tree: readonly PlaceNode[], code: string): string | undefined {
  return flattenPlaces(tree).find((p) => p.node.code === code)?.node.name;
}
