/** What the access log's codes mean to an auditor, in Chinese. Unknown codes are shown as themselves. */

/** The purposes of ACCESS-POLICY.md (every department's, not only the auditor's own). */
export const PURPOSE_LABELS: Record<string, string> = {
  POPULATION_ADMINISTRATION: '人口信息管理',
  HOUSING_ADMINISTRATION: '房屋信息管理',
  SUBSISTENCE_REVIEW: '低保审核·家庭经济状况核对',
  FLOATING_POPULATION_MANAGEMENT: '流动人口服务管理',
  CASE_INVESTIGATION: '案件侦查',
  GRID_SERVICE: '网格服务管理',
  ACCESS_AUDIT: '访问审计',
};

export function purposeLabel(code: string | null | undefined): string {
  return code ? (PURPOSE_LABELS[code] ?? code) : '—';
}

/** The outcome recorded for the fields of one access. */
export const OUTCOME_LABELS: Record<string, { label: string; color: string }> = {
  CLEAR: { label: '明文提供', color: 'blue' },
  MASKED: { label: '脱敏提供', color: 'cyan' },
  DERIVED: { label: '仅提供结论', color: 'geekblue' },
  DENIED: { label: '拒绝（无权限）', color: 'default' },
  OUT_OF_JURISDICTION: { label: '拒绝（不在辖区）', color: 'orange' },
  CASE_NOT_OPEN: { label: '拒绝（案件未登记、已结案或不在辖区）', color: 'red' },
};

export function outcomeLabel(code: string | null | undefined): string {
  return code ? (OUTCOME_LABELS[code]?.label ?? code) : '—';
}

/** The field classes the departments' policies record (policy.ts `row(fieldClass, …)`), by what they hold. */
export const FIELD_CLASS_LABELS: Record<string, string> = {
  request: '请求（未涉及个人字段）',
  'person.name': '姓名',
  'person.idNumber': '身份证号码',
  'person.identity': '身份信息',
  'person.phone': '联系电话',
  'person.basic': '基本信息（性别、出生日期、人口类型等）',
  'person.household': '户籍与家庭成员',
  'person.householdList': '网格内户籍列表',
  'person.residence': '居住地址',
  'person.search': '人员检索',
  'person.lookup': '按身份证号码查找',
  'person.record': '人员记录',
  'household.record': '户记录',
  'dwelling.record': '房屋记录',
  'population.statistics': '人口统计数',
  'housing.ownership': '名下房产',
  'housing.ownedDwellingCount': '名下房产套数',
  'housing.tenancy': '租赁关系',
  'housing.dwellingLookup': '房屋查找',
  'civil.assistance': '救助记录',
  'civil.receivesAssistance': '是否享受救助',
  'civil.disability': '残疾信息',
  'civil.hasDisability': '是否持残疾证',
  'civil.income': '家庭收入申报',
  'civil.application': '救助申请',
  'civil.application.approve': '救助申请审批',
  'civil.applicantHousehold': '申请人户籍',
  'civil.subsistenceCheck': '低保核对',
  'civil.statistics': '民政统计数',
  'ps.floatingRegistration': '流动人口登记',
  'ps.floatingRegistration.landlord': '出租人信息',
  'ps.keyPerson': '重点人员',
  'ps.needsAttention': '是否需重点关注',
  'ps.vehicles': '机动车',
  'ps.nonExemptVehicleCount': '非豁免机动车数',
  'ps.statistics': '公安统计数',
  'grid.assignment': '所属网格',
  'grid.dwellings': '网格房屋',
  'grid.info': '网格信息',
  'grid.lookup': '网格查找',
  'grid.record': '网格记录',
  'grid.discrepancies': '跨部门数据不一致',
  'grid.discrepancyRecords': '不一致涉及的记录',
  'grid.corrections': '纠错单',
  'grid.corrections.raise': '发起纠错',
  'grid.corrections.answer': '答复纠错',
  'grid.correction.write': '纠错单办理',
  'person.correction': '人口记录更正',
  'housing.tenancy.correction': '租赁记录更正',
  'ps.floatingRegistration.correction': '流动人口登记更正',
  'ps.investigationCase': '案件登记',
  'audit.log': '访问日志',
  'audit.integrity': '日志完整性核验',
};

export function fieldClassLabel(code: string): string {
  return FIELD_CLASS_LABELS[code] ?? code;
}

/** Why a row breaks a department's hash chain (AccessLogChainState.brokenReason). */
export const CHAIN_BREAK_LABELS: Record<string, string> = {
  UNLINKED: '与前一条记录不衔接（有记录被删除或调换顺序）',
  ALTERED: '内容与其哈希值不符（记录被改动）',
};
