import { DISCREPANCY_KINDS, ErrorCode, HubError, checkedDate, encodeDiscrepancyReportId, mayKnowDiscrepancy, scopedPrefix, type DiscrepancyKind, type RequestIdentity } from '@hub/access';
import { discrepancyFindings, readFacts, type DiscrepancyFinding } from '@hub/facts';
import { todayInChina } from '@hub/domain';
import { PageInfo, decodeCursor, encodeCursor, pageSize } from '@hub/subgraph-kit';
import { Arg, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Discrepancy, DiscrepancyReport } from '../entities/discrepancy.type';
import type { GridContext } from './context';
import { discrepancyKey, encodeDiscrepancyId } from './discrepancy-identity';

const DESCRIPTIONS: Record<DiscrepancyKind, string> = {
  DECEASED_WITH_ACTIVE_ASSISTANCE: '人口登记已死亡，民政救助仍在保 (deceased in population, assistance still ACTIVE in civil affairs)',
  FLOATING_REGISTERED_ELSEWHERE: '流动人口登记住所与实际居住房屋不一致 (the floating registration names another dwelling than the population residence)',
  ASSISTANCE_HOUSEHOLD_EXCESS_DWELLINGS: '低保家庭名下房屋超过标准 (a 低保 household owns more dwellings than the standard allows)',
  ASSISTANCE_HOUSEHOLD_NON_EXEMPT_VEHICLE: '低保家庭名下有非豁免机动车 (a 低保 household owns a vehicle that is not exempt)',
  PERMIT_LAPSED_STILL_REGISTERED: '居住证过期或未按年签注，仍登记为实有人口 (permit expired or yearly 签注 missed, still registered as living there)',
  TENANT_WITHOUT_FLOATING_REGISTRATION: '承租的流动人口未办理居住登记 (a floating tenant in housing has no floating registration)',
};

const FINDINGS_FIELDS = ['populationFindings', 'civilAffairsFindings', 'housingFindings', 'publicSecurityFindings'] as const;
const FINDINGS = FINDINGS_FIELDS.map((field) => ({ field, contract: discrepancyFindings(field) }));
const REPORT_FINDINGS = FINDINGS_FIELDS.join(' ');
const REQUIRES_FINDINGS = `@requires(fields: "${REPORT_FINDINGS}")`;

interface Merged {
  totalCount: number;
  nodes: Discrepancy[];
  pageInfo: PageInfo;
}

const sortKey = (finding: DiscrepancyFinding) => `${finding.gridCode}|${finding.kind}|${finding.records.map((r) => r.recordId).join(',')}`;

/**
 * The departments' findings merged into one page: only kinds the purpose may know (DISCREPANCY_KINDS), ordered by
 * grid, kind and records, keyset-paged on that order. Findings that are not the report's region are dropped.
 */
function merge(report: DiscrepancyReport, identity: RequestIdentity): Merged {
  const [prefix, , firstText, ...afterParts] = report.id.split('|');
  const first = Number(firstText);
  const after = afterParts.join('|');
  const findings = FINDINGS.flatMap(({ field, contract }) => readFacts(contract, report[field]))
    .filter((finding) => finding.kind in DISCREPANCY_KINDS && mayKnowDiscrepancy(identity.purpose, finding.kind) && finding.gridCode.startsWith(prefix))
    .map((finding) => ({ finding, key: sortKey(finding) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const unique = findings.filter((item, index) => index === 0 || item.key !== findings[index - 1].key);
  const rest = after ? unique.filter((item) => item.key > after) : unique;
  const page = rest.slice(0, first);
  return {
    totalCount: unique.length,
    nodes: page.map(({ finding }) => ({
      id: encodeDiscrepancyId({ kind: finding.kind, gridCode: finding.gridCode, personId: finding.personId, records: finding.records }),
      key: discrepancyKey(finding),
      kind: finding.kind,
      departments: [...DISCREPANCY_KINDS[finding.kind].departments],
      description: DESCRIPTIONS[finding.kind],
      detail: finding.detail,
      gridCode: finding.gridCode,
      records: finding.records,
      person: finding.personId ? { id: finding.personId } : null,
      household: finding.householdId ? { id: finding.householdId } : null,
      dwelling: finding.dwellingId ? { id: finding.dwellingId } : null,
      personId: finding.personId,
    })),
    pageInfo: { hasNextPage: rest.length > first, endCursor: page.length ? encodeCursor(page[page.length - 1].key) : null },
  };
}

const merged = new WeakMap<object, Merged>();
function mergedOnce(report: DiscrepancyReport, identity: RequestIdentity): Merged {
  let result = merged.get(report);
  if (!result) merged.set(report, (result = merge(report, identity)));
  return result;
}

@Resolver(() => DiscrepancyReport)
export class DiscrepancyReportResolver {
  @Query(() => DiscrepancyReport, {
    nullable: true,
    description:
      "Cross-department discrepancies in a region (6/9/12-digit region or 15-digit grid code, within the caller's jurisdiction) on asOf (default today, China); the kinds shown depend on the purpose. Paged: first (default 20, at most 500), after a cursor of the previous page",
  })
  discrepancies(
    @Ctx() { identity }: GridContext,
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('asOf', () => String, { nullable: true, description: 'YYYY-MM-DD; default today in China' }) asOf?: string,
  ): DiscrepancyReport {
    if (regionCode === '' || regionCode === null) throw new HubError(ErrorCode.BAD_USER_INPUT, 'regionCode is required');
    const prefix = scopedPrefix(identity.jurisdiction, regionCode);
    const date = asOf === null || asOf === undefined ? todayInChina() : checkedDate(asOf, 'asOf');
    const cursor = decodeCursor(after) ?? '';
    return { id: encodeDiscrepancyReportId({ prefix, asOf: date, first: pageSize(first), after: cursor }) };
  }

  @FieldResolver(() => String, { nullable: true, description: "Region or grid code the report covers (within the caller's jurisdiction)" })
  regionCode(@Root() report: DiscrepancyReport): string {
    return report.id.split('|')[0];
  }

  @FieldResolver(() => String, { nullable: true, description: 'The date (YYYY-MM-DD, China) the facts were compared on' })
  asOf(@Root() report: DiscrepancyReport): string {
    return report.id.split('|')[1];
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Discrepancies of the kinds the purpose may know' })
  @Directive(REQUIRES_FINDINGS)
  totalCount(@Root() report: DiscrepancyReport, @Ctx() { identity }: GridContext): number {
    return mergedOnce(report, identity).totalCount;
  }

  @FieldResolver(() => [Discrepancy], { nullable: true, description: 'This page, ordered by grid, kind and records' })
  @Directive(REQUIRES_FINDINGS)
  nodes(@Root() report: DiscrepancyReport, @Ctx() { identity }: GridContext): Discrepancy[] {
    return mergedOnce(report, identity).nodes;
  }

  @FieldResolver(() => PageInfo, { nullable: true })
  @Directive(REQUIRES_FINDINGS)
  pageInfo(@Root() report: DiscrepancyReport, @Ctx() { identity }: GridContext): PageInfo {
    return mergedOnce(report, identity).pageInfo;
  }
}
