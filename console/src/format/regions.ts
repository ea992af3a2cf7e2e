/**
 * Region names the console knows without asking anyone: the district and its streets (GB/T 2260) and the usual
 * counties of origin. The grid center's tree has every community and grid, but reading it is a query like any
 * other, and a case-bound purpose may not make it before a case is chosen (案件登记 works without one).
 */
import { DISTRICT, ORIGIN_COUNTIES, STREETS } from '@domain/regions';

const REGION_NAMES = new Map<string, string>([[DISTRICT.code, DISTRICT.name], ...STREETS.map((s) => [s.code, s.name] as const), ...ORIGIN_COUNTIES.map((c) => [c.code, c.name] as const)]);

/** The name of a region code where the console knows it; a community or grid by the street it lies in. */
export function regionName(code: string): string | undefined {
  const name = REGION_NAMES.get(code);
  if (name) return name;
  const street = code.length > 9 ? REGION_NAMES.get(code.slice(0, 9)) : undefined;
  return street ? `${street}辖内${code.length === 15 ? '网格' : '社区'}` : undefined;
}

/** A region code with its name where the console knows it, e.g. "咸水沽镇（120112100）". */
export function regionLabel(code: string): string {
  const name = regionName(code);
  return name ? `${name}（${code}）` : code;
}

/** The jurisdiction and the district's streets within it, by name: the regions a case can be registered for here. */
export function namedRegionsWithin(jurisdiction: string, jurisdictionName: string | null | undefined): { code: string; name: string }[] {
  const own = { code: jurisdiction, name: jurisdictionName ?? REGION_NAMES.get(jurisdiction) ?? jurisdiction };
  const streets = jurisdiction === DISTRICT.code ? STREETS : [];
  return [own, ...streets];
}
