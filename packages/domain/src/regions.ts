/** GB/T 2260 and 统计用区划代码 (2023) for 天津市津南区; community codes below streets are synthetic. */
export const DISTRICT = { code: '120112', name: '天津市津南区' } as const;

export const STREETS: ReadonlyArray<{ code: string; name: string }> = [
  { code: '120112001', name: '双新街道' },
  { code: '120112002', name: '双林街道' },
  { code: '120112003', name: '海棠街道' },
  { code: '120112100', name: '咸水沽镇' },
  { code: '120112101', name: '葛沽镇' },
  { code: '120112102', name: '小站镇' },
  { code: '120112103', name: '双港镇' },
  { code: '120112104', name: '辛庄镇' },
  { code: '120112106', name: '双桥河镇' },
  { code: '120112107', name: '八里台镇' },
  { code: '120112108', name: '北闸口镇' },
  { code: '120112403', name: '长青地区' },
  { code: '120112404', name: '津南开发区东区' },
  { code: '120112405', name: '津南开发区西区' },
  { code: '120112501', name: '津南国家农业园区' },
];

/** Counties that floating residents come from (real GB/T 2260 codes). */
export const ORIGIN_COUNTIES: ReadonlyArray<{ code: string; name: string }> = [
  { code: '510304', name: '四川省自贡市大安区' },
  { code: '130102', name: '河北省石家庄市长安区' },
  { code: '370102', name: '山东省济南市历下区' },
  { code: '410105', name: '河南省郑州市金水区' },
  { code: '340104', name: '安徽省合肥市蜀山区' },
  { code: '420106', name: '湖北省武汉市武昌区' },
  { code: '230102', name: '黑龙江省哈尔滨市道里区' },
  { code: '150102', name: '内蒙古自治区呼和浩特市新城区' },
];

/** A jurisdiction is a code prefix: 6-digit district, 9-digit street, 12-digit community or 15-digit grid. */
export const JURISDICTION_PATTERN = /^(\d{6}|\d{9}|\d{12}|\d{15})$/;
export const GRID_CODE_PATTERN = /^\d{15}$/;
export const REGION_CODE_PATTERN = /^(\d{6}|\d{9}|\d{12})$/;
