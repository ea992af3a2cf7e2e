/** Chinese names for what a discrepancy report says (kinds, record types, machine details); see docs/adr/0007. */
import type { ReactNode } from 'react';
import { formatDate } from '../../format/dates';
import { DwellingLink } from './links';

/** The six kinds (DISCREPANCY_KINDS of @hub/access), named as a grid worker would say them. */
export const DISCREPANCY_KIND_LABELS: Record<string, string> = {
  DECEASED_WITH_ACTIVE_ASSISTANCE: '已死亡仍享受救助',
  FLOATING_REGISTERED_ELSEWHERE: '居住登记地址与实际居住不符',
  ASSISTANCE_HOUSEHOLD_EXCESS_DWELLINGS: '低保家庭房产超标',
  ASSISTANCE_HOUSEHOLD_NON_EXEMPT_VEHICLE: '低保家庭有非豁免车辆',
  PERMIT_LAPSED_STILL_REGISTERED: '居住证失效仍登记在住',
  TENANT_WITHOUT_FLOATING_REGISTRATION: '承租流动人口未办居住登记',
};

export const DISCREPANCY_KIND_COLORS: Record<string, string> = {
  DECEASED_WITH_ACTIVE_ASSISTANCE: 'red',
  FLOATING_REGISTERED_ELSEWHERE: 'orange',
  ASSISTANCE_HOUSEHOLD_EXCESS_DWELLINGS: 'volcano',
  ASSISTANCE_HOUSEHOLD_NON_EXEMPT_VEHICLE: 'magenta',
  PERMIT_LAPSED_STILL_REGISTERED: 'gold',
  TENANT_WITHOUT_FLOATING_REGISTRATION: 'purple',
};

export const kindLabel = (kind: string) => DISCREPANCY_KIND_LABELS[kind] ?? kind;

/** The record types a discrepancy names, each kept by its department. */
export const RECORD_TYPE_LABELS: Record<string, string> = {
  Person: '人员',
  AssistanceRecord: '救助记录',
  FloatingRegistration: '流动人口登记',
  Tenancy: '租赁记录',
  Dwelling: '房屋',
  Vehicle: '机动车',
  Household: '户',
};

/** "低保家庭名下有非豁免机动车 (a 低保 household owns …)" → the Chinese sentence only. */
export function chineseDescription(description: string): string {
  return description.replace(/\s*\([^()]*[A-Za-z][^()]*\)\s*$/, '').trim() || description;
}

/** The machine detail in words: DIED:2026-06-18, OWNS:2;LIMIT:1, REGISTERED_AT:<dwelling id>, PERMIT_EXPIRED, … */
export function DiscrepancyDetail({ detail }: { detail: string | null | undefined }): ReactNode {
  if (!detail) return <span className="no-data">—</span>;
  let m: RegExpExecArray | null;
  if ((m = /^DIED:(\d{4}-\d{2}-\d{2})$/.exec(detail))) return `死亡日期 ${formatDate(m[1])}`;
  if ((m = /^OWNS:(\d+);LIMIT:(\d+)$/.exec(detail))) return `名下房屋 ${m[1]} 套，标准上限 ${m[2]} 套`;
  if ((m = /^NON_EXEMPT_VEHICLES:(\d+)$/.exec(detail))) return `名下非豁免机动车 ${m[1]} 辆`;
  if ((m = /^REGISTERED_AT:(.+)$/.exec(detail)))
    return (
      <>
        登记住所为房屋 <DwellingLink id={m[1]} />
      </>
    );
  if (detail === 'PERMIT_EXPIRED') return '居住证已过期';
  if (detail === 'ENDORSEMENT_MISSED') return '居住证未按年签注';
  return detail;
}

const FACT_LABELS: Record<string, string> = {
  'ACTIVE floating registrations': '有效的流动人口登记',
  'lapsed registrations': '失效的居住登记',
  deaths: '死亡登记',
  'floating tenants': '流动人口承租记录',
  'current tenancies': '在租的租赁记录',
  '低保 households': '低保家庭',
};

/**
 * The API refuses a region too large to compare in one report (BAD_USER_INPUT, e.g. a whole 200,000-resident
 * district): the reason in Chinese, or undefined when the message is about something else.
 */
export function tooLargeRegionText(message: string): string | undefined {
  const m = /the region has (\d+) (.+?), more than (\d+) one discrepancy report can compare/.exec(message);
  if (!m) return undefined;
  return `该区域共有 ${Number(m[1]).toLocaleString('zh-CN')} 条${FACT_LABELS[m[2]] ?? m[2]}，超过一次比对能容纳的 ${Number(m[3]).toLocaleString('zh-CN')} 条。整区比对被拒绝，请选择街道、社区或网格后再查询。`;
}
