/** What every error code of the hub means to a member of staff, in Chinese, naming the department. */
import { departmentOf, isSubgraphName } from '@topology/departments';
import { departmentLabel } from '../format/labels';

export interface HubGraphQLError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; department?: string; serviceName?: string; reason?: string; [key: string]: unknown };
}

/** The department an error is about (a department that did not answer names itself), if any. */
export function errorDepartment(error: HubGraphQLError): string | undefined {
  const ext = error.extensions ?? {};
  return ext.department ?? (ext.serviceName && isSubgraphName(ext.serviceName) ? departmentOf(ext.serviceName) : undefined);
}

/** `FACTS_UNAVAILABLE_HOUSING` → "房屋部门未能提供数据，本次核对不完整" */
export function factsUnavailableText(code: string): string | undefined {
  const m = /^FACTS_UNAVAILABLE_(.+)$/.exec(code);
  return m ? `${departmentLabel(m[1])}部门未能提供数据，结果不完整` : undefined;
}

/** A short label for a field that could not be shown (what a table cell says). */
export function fieldRefusalLabel(error: HubGraphQLError): string {
  switch (error.extensions?.code) {
    case 'FORBIDDEN':
      return '无权限';
    case 'OUT_OF_JURISDICTION':
      return '不在辖区';
    case 'SUBGRAPH_UNAVAILABLE':
      return `${departmentLabel(errorDepartment(error))}暂不可用`;
    case 'CASE_NOT_OPEN':
      return '案件未开启';
    default:
      return '无法显示';
  }
}

/** CASE_NOT_OPEN's reason (set by the department that keeps the case) in the user's words, and what to do. */
const CASE_REFUSAL_TEXT: Record<string, string> = {
  NO_SUCH_CASE: '不能以该案件查询：没有这个案件编号（公安案件须先在「案件登记」中立案；低保核对请从申请列表打开申请）。',
  CASE_CLOSED: '不能以该案件查询：该案件已结案（低保申请已办结），不能再以它查询；请选择在办的案件。',
  CASE_OUTSIDE_JURISDICTION: '不能以该案件查询：该案件不属于您的辖区，应由其所属单位办理。',
  NO_AUTHORIZATION: '不能以该申请核对：申请人的授权书尚未登记。请先在申请中登记授权书。',
  CASE_UNCONFIRMED: '暂时无法确认该案件是否在办（办理该案件的部门系统未应答），请稍后重试。',
};

/** The full sentence for an error: what happened, whose data, what to do. Never a stack trace. */
export function explainError(error: HubGraphQLError): string {
  const code = error.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
  const unavailable = factsUnavailableText(code);
  if (unavailable) return unavailable;
  switch (code) {
    case 'UNAUTHENTICATED':
      return '登录已失效或令牌无效，请重新登录。';
    case 'PURPOSE_REQUIRED':
      return '请先选择本次工作的用途。';
    case 'PURPOSE_NOT_ALLOWED':
      return '您所在的部门不能以该用途查询数据，请重新选择用途。';
    case 'CASE_REQUIRED':
      return '该用途必须关联案件：请在「案件登记」中选择在办案件，或切换用途时填写案件编号（低保核对请从申请列表打开申请）。';
    case 'CASE_NOT_OPEN':
      return CASE_REFUSAL_TEXT[String(error.extensions?.reason)] ?? '不能以该案件查询：公安案件未在案件登记中登记、已结案或不在您的辖区；低保申请已办结、没有授权书或不在您的辖区。';
    case 'FORBIDDEN':
      return '按访问策略，您当前的部门和用途无权查看此项信息（无权限）。';
    case 'OUT_OF_JURISDICTION':
      return '该记录不在您的辖区内，不予显示。';
    case 'SUBGRAPH_UNAVAILABLE': {
      const dept = errorDepartment(error);
      return `${departmentLabel(dept)}部门的系统暂时无法访问，其数据未显示；其他部门的数据照常显示。请稍后重试。`;
    }
    case 'BAD_USER_INPUT':
      return `输入有误：${error.message}`;
    case 'QUERY_TOO_COMPLEX':
      return '查询范围过大，请缩小范围或减少每页条数。';
    case 'RATE_LIMITED':
      return '请求过于频繁，请稍后再试。';
    case 'PERSISTED_QUERY_NOT_ALLOWED':
      return '该查询不在允许的查询清单中。';
    case 'CONFLICT':
      return `操作冲突：${error.message}`;
    default:
      return '系统内部错误，请稍后重试；如反复出现，请联系运维并提供请求编号。';
  }
}
