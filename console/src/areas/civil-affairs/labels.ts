/** The 低保 pages' own words: reasons of a 核对, its facts, the 办理环节 and the workflow steps, in Chinese. */
import { explainError, type HubGraphQLError } from '../../api/errors';
import { departmentLabel } from '../../format/labels';

/** SubsistenceCheck.reasons, as a caseworker writes them in a 核对报告. */
const REASONS: Record<string, string> = {
  INCOME_ABOVE_STANDARD: '家庭人均月收入高于当地低保标准',
  EXCESS_DWELLINGS: '家庭成员名下房产超过规定套数',
  NON_EXEMPT_VEHICLE: '家庭成员名下有非豁免机动车（残疾人代步车除外）',
  MEMBER_DECEASED: '户内有已死亡的登记成员，须先更正户籍',
  NO_LIVING_MEMBERS: '户内没有在世且共同生活的成员',
  CASE_NOT_OPEN: '申请不在办理中（已办结、无授权书或不在本辖区），未进行核对',
};

/** `FACTS_UNAVAILABLE_HOUSING` → "房屋部门未能提供数据，核对不完整"; an unknown code is shown as itself. */
export function reasonLabel(code: string): string {
  const unavailable = /^FACTS_UNAVAILABLE_(.+)$/.exec(code);
  if (unavailable) return `${departmentLabel(unavailable[1])}部门未能提供数据，核对不完整，不能据此认定符合`;
  return REASONS[code] ?? code;
}

/** The facts of SubsistenceCheck.provenance. */
const FACTS: Record<string, string> = {
  registeredMembers: '户籍登记成员人数',
  deathDate: '成员死亡日期',
  householdMonthlyIncome: '家庭月收入（申报，月均）',
  ownedDwellings: '家庭成员名下房产',
  nonExemptVehicles: '非豁免机动车数量',
  standardMonthly: '当地低保标准（元/月）',
};

export function factLabel(fact: string): string {
  return FACTS[fact] ?? fact;
}

/** A fact's value as the report prints it ("unavailable" and "none" are the API's words for missing and nothing). */
export function factValue(value: string): string {
  if (value === 'unavailable') return '未能取得';
  if (value === 'none') return '无';
  if (value === 'none declared') return '无申报';
  return value;
}

/** AssistanceApplication.stage (办理环节): what the application waits for. */
export const STAGES: Record<string, string> = {
  VERIFICATION: '待核对',
  INVESTIGATION: '待入户调查',
  PUBLICITY: '公示中',
  DECISION: '公示期满，待审批',
  CLOSED: '已办结',
};

export function stageLabel(code: string | null | undefined): string {
  return code ? (STAGES[code] ?? code) : '—';
}

/** recordApplicationStep's steps, the statuses each may follow and, where the policy limits it, the roles that may record it (as the API allows). */
export const STEPS: Record<string, { label: string; from: readonly string[]; needsReason?: boolean; roles?: readonly string[] }> = {
  VERIFICATION_STARTED: { label: '开始核对', from: ['ACCEPTED'] },
  VERIFIED: { label: '核对完成（须已有核对报告）', from: ['ACCEPTED', 'VERIFYING'] },
  INVESTIGATED: { label: '入户调查完成（开始 7 天公示）', from: ['INVESTIGATING'] },
  APPROVED: { label: '审批通过（公示期满且核对符合）', from: ['PUBLICIZING'], roles: ['SUPERVISOR'] },
  REJECTED: { label: '不予批准', from: ['ACCEPTED', 'VERIFYING', 'INVESTIGATING', 'PUBLICIZING'], needsReason: true },
  WITHDRAWN: { label: '撤回（申请人撤回申请）', from: ['ACCEPTED', 'VERIFYING', 'INVESTIGATING', 'PUBLICIZING'], needsReason: true },
};

export const OPEN_STATUSES = ['ACCEPTED', 'VERIFYING', 'INVESTIGATING', 'PUBLICIZING'] as const;

export function isOpenStatus(status: string | null | undefined): boolean {
  return !!status && (OPEN_STATUSES as readonly string[]).includes(status);
}

/** "120112…" money and counts as a report prints them. */
export function yuan(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
}

/**
 * The API's messages say first in Chinese what to do, then the same in English in brackets (for scripts and logs):
 * a caseworker reads the Chinese part.
 */
export function chinesePart(message: string): string {
  const english = message.search(/\s\([A-Za-z0-9]/);
  return english > 0 && message.endsWith(')') && /[\u4e00-\u9fff]/.test(message.slice(0, english)) ? message.slice(0, english) : message;
}

/**
 * A refusal as a sentence: what the code means (explainError, naming the department) and, where the API said
 * something more in Chinese (e.g. "公示期至 … 届满"), that too.
 */
export function refusalText(error: HubGraphQLError, requestId?: string | null): string {
  const message = chinesePart(error.message ?? '');
  // A department that did not answer an action (受理): the API says what did not happen; the generic sentence is about pages that still show.
  const explained = error.extensions?.code === 'SUBGRAPH_UNAVAILABLE' && /[\u4e00-\u9fff]/.test(message) ? message : explainError({ ...error, message });
  const more = /[\u4e00-\u9fff]/.test(message) && !explained.includes(message) ? ` ${message}` : '';
  return `${explained}${more}${requestId ? `（请求编号 ${requestId}）` : ''}`;
}
