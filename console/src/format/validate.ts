/** Form checks with the messages a caseworker reads, in Chinese; the API checks everything again. */
import { InvalidIdNumberError, parseIdNumber } from '@domain/id-number';
import { STREETS } from '@domain/regions';
import type { Dayjs } from 'dayjs';
import { formatDate, todayInChina } from './dates';

/** undefined when the ID number is valid (GB 11643), else what is wrong with it. */
export function idNumberProblem(raw: string): string | undefined {
  const value = raw.trim().toUpperCase();
  if (!value) return '请输入身份证号码';
  try {
    parseIdNumber(value);
    return undefined;
  } catch (error) {
    if (!(error instanceof InvalidIdNumberError)) throw error;
    if (error.problem === 'FORMAT') return `身份证号码应为 18 位：前 17 位为数字，最后一位为数字或 X（当前 ${value.length} 位）`;
    if (error.problem === 'BIRTH_DATE') return `身份证号码中的出生日期 ${value.slice(6, 14)} 不存在`;
    return `身份证号码校验位错误：按 GB 11643 最后一位应为 ${expectedCheck(value)}，而不是 ${value[17]}`;
  }
}

function expectedCheck(value: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (value.charCodeAt(i) - 48) * weights[i];
  return '10X98765432'[sum % 11];
}

/** An antd Form rule for an ID number field. */
export const idNumberRule = {
  validator: (_: unknown, value: string | undefined) => {
    const problem = idNumberProblem(value ?? '');
    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
  },
};

/** undefined when a YYYY-MM-DD date is real and not after today (China). */
export function pastDateProblem(value: string, what = '日期'): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return `${what}格式应为 年-月-日`;
  if (value > todayInChina()) return `${what}不能晚于今天（${todayInChina()}）`;
  return undefined;
}

/** An antd Form rule for a date picked for a write: not after today (China) and, when given, not before `earliest`. */
export function pastDayRule(what: string, earliest?: { date: string; what: string }) {
  return {
    validator: (_: unknown, value: Dayjs | null | undefined) => {
      if (!value) return Promise.resolve();
      const day = value.format('YYYY-MM-DD');
      const problem = pastDateProblem(day, what) ?? (earliest && day < earliest.date ? `${what}不能早于${earliest.what}（${formatDate(earliest.date)}）` : undefined);
      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
    },
  };
}

/** 6, 9 or 12 digits (district, street, community) or a 15-digit grid code. */
export function regionCodeProblem(value: string): string | undefined {
  if (!/^(\d{6}|\d{9}|\d{12}|\d{15})$/.test(value.trim())) return '区划代码应为 6 位（区县）、9 位（街道乡镇）、12 位（社区村）或 15 位（网格）数字';
  return undefined;
}

/** A case number as X-Case-Id takes it (and the police's case system issues it): 1–64 letters, digits or _ - : . */
export const CASE_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_\-:.]{0,63}$/;
export const CASE_NUMBER_MESSAGE = '案件编号为 1–64 位字母、数字或 _ - : . 字符';

const STREET_CODES = new Set(STREETS.map((street) => street.code));

/**
 * A community (社区/村) code as housing takes it for a new dwelling: 12 digits under one of the district's streets,
 * numbered 001–399, within the officer's jurisdiction.
 */
export function communityCodeProblem(value: string, jurisdiction: string): string | undefined {
  const code = value.trim();
  if (!/^\d{12}$/.test(code)) return '社区代码应为 12 位数字（可从列表中选择）';
  const number = Number(code.slice(9));
  if (!STREET_CODES.has(code.slice(0, 9)) || number < 1 || number > 399) return `${code} 不是本区的社区（村）代码：前 9 位应为本区街道（镇），后 3 位为 001–399`;
  if (!code.startsWith(jurisdiction)) return `社区 ${code} 不在您的辖区（${jurisdiction}）内`;
  return undefined;
}

/** 标准地址编码: 21 digits, the community's 12-digit code, then building (3), unit (2) and room (4). */
export function addressCodeProblem(value: string, communityCode: string | undefined): string | undefined {
  const code = value.trim();
  if (!/^\d{21}$/.test(code)) return `标准地址编码应为 21 位数字：社区代码 12 位 + 楼栋 3 位 + 单元 2 位 + 房号 4 位（当前 ${code.length} 位）`;
  if (communityCode && /^\d{12}$/.test(communityCode) && !code.startsWith(communityCode)) return `标准地址编码的前 12 位应为所属社区的代码 ${communityCode}`;
  return undefined;
}

/** The largest area housing registers for one dwelling (m²), as the API takes it. */
export const MAX_DWELLING_AREA = 50_000;

/** 建筑面积 in m²: more than 0, at most 50 000, at most two decimals. */
export function dwellingAreaProblem(area: number | null | undefined): string | undefined {
  if (area === null || area === undefined || !Number.isFinite(area)) return '请填写建筑面积';
  if (area <= 0 || area > MAX_DWELLING_AREA) return `建筑面积应大于 0、不超过 ${MAX_DWELLING_AREA.toLocaleString('zh-CN')} 平方米`;
  if (Math.abs(Math.round(area * 100) - area * 100) > 1e-6) return '建筑面积最多保留两位小数';
  return undefined;
}
