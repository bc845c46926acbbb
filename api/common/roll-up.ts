/**
 * The region roll-up every indicator family shares. A family reads its figures per county (an
 * enterprise, policy or service lies in one county), so any region's figures are sums over the
 * counties it contains, and one query answers a whole drill-down: the region asked for and its
 * cities or counties.
 */
import { childRegions, regionContains } from './region';
import type { Region as ReferenceRegion } from '../../domain/regions';

/** A row of per-county figures. */
export interface CountyRow {
  county_code: string;
}

/** The rows of the counties lying in a region. */
export function rowsIn<Row extends CountyRow>(region: ReferenceRegion, rows: readonly Row[]): Row[] {
  return rows.filter((row) => regionContains(region, row.county_code));
}

/** Σ of one numeric column. */
export function sumOf<Key extends string, Row extends Record<Key, number>>(rows: readonly Row[], key: Key): number {
  return rows.reduce((sum, row) => sum + row[key], 0);
}

/**
 * How deep a roll-up goes: `children`, the region's cities or counties as plain figures (a type
 * without children of its own); `tree`, every node with its own children, down to the counties
 * (whose children are none).
 */
export type RollUpDepth = 'children' | 'tree';

/** A region's node, built by `node` from the rows of its counties, with its child regions' nodes as `children`. */
export function rollUp<Row extends CountyRow, Node extends object>(
  region: ReferenceRegion, rows: readonly Row[], node: (region: ReferenceRegion, own: Row[]) => Node, depth: RollUpDepth,
): Node & { children: Node[] } {
  const own = rowsIn(region, rows);
  const children = childRegions(region).map((child) => (depth === 'tree' ? rollUp(child, own, node, depth) : node(child, rowsIn(child, own))));
  return Object.assign(node(region, own), { children });
}
