/** Code tables from GB/T 31000-2015, GB/T 2261.1, GB/T 4761, GA 24.7 (see shared/reference/domain.md). */
export type CodeTable = Readonly<Record<string, string>>;

export const GENDER: CodeTable = { '0': '未知', '1': '男', '2': '女', '9': '未说明' };

/** GB/T 3304 (the ones the synthetic district uses). */
export const ETHNICITY: CodeTable = { '01': '汉族', '02': '蒙古族', '03': '回族', '04': '藏族', '05': '维吾尔族', '08': '壮族', '11': '满族' };

/** GB/T 4761 家庭关系 (with the common 01 本人 / 02 户主 extension). */
export const FAMILY_RELATION: CodeTable = {
  '02': '户主',
  '10': '配偶',
  '20': '子',
  '30': '女',
  '40': '孙辈',
  '51': '父亲',
  '52': '母亲',
  '61': '祖父',
  '62': '祖母',
  '71': '兄',
  '73': '弟',
  '75': '姐',
  '77': '妹',
  '99': '其他',
};

export const POPULATION_TYPE = { REGISTERED: '户籍人口', FLOATING: '流动人口', FOREIGN: '境外人员' } as const;
export type PopulationType = keyof typeof POPULATION_TYPE;

/** GB/T 31000 流入原因 */
export const INFLOW_REASON: CodeTable = {
  '01': '务工',
  '02': '务农',
  '03': '经商',
  '04': '学习培训',
  '05': '婚嫁',
  '06': '随迁',
  '07': '治病疗养',
  '08': '投亲靠友',
  '09': '工作调动',
  '99': '其他',
};
/** GB/T 31000 办证类型 */
export const PERMIT_TYPE: CodeTable = { '01': '居住证', '02': '暂住证', '99': '其他' };
/** GB/T 31000 住所类型 */
export const RESIDENCE_TYPE: CodeTable = {
  '01': '自购房屋',
  '02': '租赁房屋',
  '03': '寄宿',
  '04': '借住',
  '05': '单位宿舍',
  '06': '临时性宿舍',
  '07': '农民工公寓',
  '99': '其他',
};
/** GB/T 31000 建筑用途 */
export const BUILDING_USE: CodeTable = { '01': '住宅', '02': '商业', '03': '办公', '04': '工业', '05': '仓储', '06': '商住混用', '99': '其他' };
/** Why a floating-population registration is cancelled (注销登记), as public security records it. */
export const FLOATING_CANCELLATION_REASON: CodeTable = { MOVED_AWAY: '迁离本地', LEFT_DWELLING: '离开登记住所', DECEASED: '死亡', OTHER: '其他' };
/** GB/T 31000 出租用途 */
export const RENTAL_USE: CodeTable = { '01': '宿舍', '02': '住房', '03': '商铺', '04': '办公', '05': '仓库', '06': '厂房', '99': '其他' };
/** GB/T 31000 关注程度 */
export const ATTENTION_LEVEL: CodeTable = { '01': '高', '02': '中', '03': '低' };
/** GB/T 31000 特殊人群 and 重点青少年 classes, as key-person categories. */
export const KEY_PERSON_CATEGORY: CodeTable = {
  RELEASED_PRISONER: '刑满释放人员',
  COMMUNITY_CORRECTION: '社区矫正人员',
  SEVERE_MENTAL_DISORDER: '肇事肇祸等严重精神障碍患者',
  DRUG_USER: '吸毒人员',
  AIDS_RISK: '艾滋病危险人员',
  KEY_YOUTH: '重点青少年',
};
/** GA 24.7 号牌种类 (subset) */
export const PLATE_TYPE: CodeTable = { '01': '大型汽车', '02': '小型汽车', '07': '普通摩托车', '51': '大型新能源汽车', '52': '小型新能源汽车' };
/** GA 24.4 车辆类型 (subset) */
export const VEHICLE_TYPE: CodeTable = { K33: '小型轿车', K31: '小型普通客车', H31: '轻型普通货车', M21: '普通二轮摩托车', X99: '残疾人专用车' };

export const ASSISTANCE_KIND: CodeTable = {
  DIBAO: '最低生活保障',
  TEKUN: '特困人员供养',
  LINSHI: '临时救助',
  CANJI_SHENGHUO: '困难残疾人生活补贴',
  CANJI_HULI: '重度残疾人护理补贴',
};
export const ASSISTANCE_STATUS: CodeTable = { ACTIVE: '在保', SUSPENDED: '暂停', ENDED: '终止' };
/** Why a benefit ends (终止救助), as civil affairs records it. */
export const ASSISTANCE_END_REASON: CodeTable = { DECEASED: '死亡', INCOME_ABOVE_STANDARD: '家庭收入超过低保标准', MOVED_AWAY: '迁出本辖区', OTHER: '其他' };
/** 残疾类别 (GB/T 26341) */
export const DISABILITY_CATEGORY: CodeTable = { '1': '视力残疾', '2': '听力残疾', '3': '言语残疾', '4': '肢体残疾', '5': '智力残疾', '6': '精神残疾', '7': '多重残疾' };
/** 低保 application workflow: 受理 → 核对 → 入户调查 → 公示 → 审批 / 不予批准 */
export const APPLICATION_STATUS: CodeTable = {
  ACCEPTED: '受理',
  VERIFYING: '核对',
  INVESTIGATING: '入户调查',
  PUBLICIZING: '公示',
  APPROVED: '审批通过',
  REJECTED: '不予批准',
  WITHDRAWN: '撤回',
};
export const OPEN_APPLICATION_STATUSES = ['ACCEPTED', 'VERIFYING', 'INVESTIGATING', 'PUBLICIZING'] as const;

export function isCode(table: CodeTable, value: string): boolean {
  return Object.prototype.hasOwnProperty.call(table, value);
}

/**
 * How long before 受理 the applicant's 授权书 (家庭经济状况核对授权书) may have been signed and still open the 核对:
 * civil affairs refuses an older one, and the console's 受理 form says so before sending.
 */
export const AUTHORIZATION_VALID_DAYS = 180;
