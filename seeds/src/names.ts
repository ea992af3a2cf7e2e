/**
 * Plausible, fictional Chinese names: surnames weighted roughly by frequency (with a few two-character
 * ones such as 欧阳), given names drawn from character pools that follow the naming fashion of the
 * person's birth decade, phone numbers, and synthetic community and village names.
 */
import { Random, weightedTable, type WeightedTable } from './random';

const SURNAMES: WeightedTable<string> = weightedTable<string>([
  ['王', 72],
  ['李', 70],
  ['张', 66],
  ['刘', 53],
  ['陈', 45],
  ['杨', 31],
  ['赵', 28],
  ['黄', 24],
  ['周', 22],
  ['吴', 21],
  ['徐', 17],
  ['孙', 17],
  ['胡', 14],
  ['朱', 14],
  ['高', 13],
  ['林', 12],
  ['何', 12],
  ['郭', 12],
  ['马', 12],
  ['罗', 10],
  ['梁', 9],
  ['宋', 9],
  ['郑', 9],
  ['谢', 8],
  ['韩', 8],
  ['唐', 7],
  ['冯', 7],
  ['于', 7],
  ['董', 7],
  ['萧', 6],
  ['程', 6],
  ['曹', 6],
  ['袁', 6],
  ['邓', 6],
  ['许', 6],
  ['傅', 5],
  ['沈', 5],
  ['曾', 5],
  ['彭', 5],
  ['吕', 5],
  ['苏', 5],
  ['卢', 5],
  ['蒋', 5],
  ['蔡', 5],
  ['贾', 4],
  ['丁', 4],
  ['魏', 4],
  ['薛', 4],
  ['叶', 4],
  ['阎', 4],
  ['余', 4],
  ['潘', 4],
  ['杜', 4],
  ['戴', 4],
  ['夏', 4],
  ['钟', 4],
  ['汪', 4],
  ['田', 4],
  ['任', 4],
  ['姜', 4],
  ['范', 3],
  ['方', 3],
  ['石', 3],
  ['姚', 3],
  ['谭', 3],
  ['廖', 3],
  ['邹', 3],
  ['熊', 3],
  ['金', 3],
  ['陆', 3],
  ['郝', 3],
  ['孔', 3],
  ['白', 3],
  ['崔', 3],
  ['康', 3],
  ['毛', 3],
  ['邱', 3],
  ['秦', 3],
  ['江', 3],
  ['史', 3],
  ['顾', 2],
  ['侯', 2],
  ['邵', 2],
  ['孟', 2],
  ['龙', 2],
  ['万', 2],
  ['段', 2],
  ['雷', 2],
  ['钱', 2],
  ['汤', 2],
  ['尹', 2],
  ['黎', 2],
  ['易', 2],
  ['常', 2],
  ['武', 2],
  ['乔', 2],
  ['贺', 2],
  ['赖', 2],
  ['龚', 2],
  ['文', 2],
  ['欧阳', 0.4],
  ['司马', 0.1],
  ['上官', 0.1],
  ['诸葛', 0.08],
  ['东方', 0.06],
  ['皇甫', 0.06],
  ['尉迟', 0.04],
  ['慕容', 0.04],
]);

interface GivenNamePools {
  male: string;
  female: string;
  /** Whole given names typical of the era. */
  maleWhole: readonly string[];
  femaleWhole: readonly string[];
}

const ERAS: ReadonlyArray<{ untilYear: number; pools: GivenNamePools }> = [
  {
    untilYear: 1959,
    pools: {
      male: '建国华明军福德志文海林树忠庆生荣贵春山成宝新金兴立永玉宗仁义富长',
      female: '秀英兰芳桂珍淑凤玉华琴霞云梅素荣娟萍红燕芬彩菊香翠淑琳',
      maleWhole: ['建国', '国强', '志明', '振华', '保国', '庆生', '德福', '树林', '永刚', '长顺', '宝山', '文斌'],
      femaleWhole: ['秀英', '桂兰', '淑珍', '凤英', '玉兰', '秀兰', '桂芳', '淑芬', '素珍', '翠花', '玉梅', '秀珍'],
    },
  },
  {
    untilYear: 1989,
    pools: {
      male: '伟强磊军勇涛斌超明刚杰鹏辉峰健波宇亮飞东海洋俊鑫帅龙平军建志红',
      female: '丽静敏燕艳娟霞玲婷芳红雪梅莉颖琳洁晶慧倩丹萍颖华莹',
      maleWhole: ['伟', '强', '磊', '军', '勇', '涛', '志强', '建军', '海涛', '晓东', '建华', '俊杰'],
      femaleWhole: ['丽', '静', '敏', '燕', '艳', '娟', '丽娜', '晓燕', '海燕', '春梅', '丽华', '雪梅'],
    },
  },
  {
    untilYear: 2009,
    pools: {
      male: '浩宇轩博文睿泽俊辰晨阳铭皓然天航佳明凯锦瑞嘉鹏昊宏磊鑫家',
      female: '欣怡雨涵佳思琪可馨悦诗婉若萱语彤晴妍雅琳紫昕婧蕊璐瑶',
      maleWhole: ['浩然', '宇轩', '博文', '子豪', '俊杰', '天宇', '家豪', '鹏飞', '嘉诚', '明轩'],
      femaleWhole: ['欣怡', '佳怡', '雨萱', '思琪', '诗涵', '梦瑶', '雅琪', '婧怡', '子涵', '晓彤'],
    },
  },
  {
    untilYear: 9999,
    pools: {
      male: '梓宇轩子沐辰浩宸睿泽奕铭一诺航恒嘉瑞皓煜锦承逸',
      female: '梓涵沐若一依诺语汐可欣芮安悦瑶晞苒然钰宁昕彤',
      maleWhole: ['梓轩', '沐辰', '一诺', '宇宸', '子墨', '奕辰', '浩宇', '铭泽', '睿渊', '承泽'],
      femaleWhole: ['梓涵', '一诺', '沐晴', '若汐', '语桐', '安然', '芮溪', '可馨', '依诺', '欣妍'],
    },
  },
];

export function pickSurname(random: Random): string {
  return random.weighted(SURNAMES);
}

/** A given name of one or two characters (so every full name has 2–4 characters), in the fashion of the birth year. */
export function pickGivenName(random: Random, gender: '1' | '2', birthYear: number): string {
  const { pools } = ERAS.find(({ untilYear }) => birthYear <= untilYear)!;
  const male = gender === '1';
  const roll = random.next();
  if (roll < 0.35) return random.pick(male ? pools.maleWhole : pools.femaleWhole);
  const chars = male ? pools.male : pools.female;
  // Single-character given names were common for people born 1960–1989; two characters otherwise.
  const single = birthYear >= 1960 && birthYear < 1990 ? roll < 0.6 : roll < 0.45;
  const first = chars[Math.floor(random.next() * chars.length)];
  if (single) return first;
  let second = chars[Math.floor(random.next() * chars.length)];
  if (second === first) second = chars[(chars.indexOf(first) + 1) % chars.length];
  return first + second;
}

export function fullName(random: Random, gender: '1' | '2', birthYear: number, surname = pickSurname(random)): string {
  return surname + pickGivenName(random, gender, birthYear);
}

/** An 11-digit mobile number starting 13, 15 or 18. */
export function mobilePhone(random: Random): string {
  const second = random.chance(0.5) ? '3' : random.chance(0.5) ? '5' : '8';
  return `1${second}${random.digits(9)}`;
}

/* Synthetic community names (居委会 / 村委会). Real 12-digit community codes were not available (domain.md §3). */

const RESIDENTIAL_FIRST = '金丽翠阳春景泰御福惠润柳桃海新和永嘉雅紫明锦欣怡祥宏银碧兰华康瑞盛鑫馨';
const RESIDENTIAL_SECOND = '桥水湖光晓和康河苑林源城平安泉庭湾府悦馨园荣泰庄岸里华';
const ESTATE_SUFFIXES: WeightedTable<string> = weightedTable<string>([
  ['花园', 4],
  ['家园', 4],
  ['小区', 3],
  ['雅苑', 2],
  ['嘉园', 2],
  ['新村', 2],
  ['里', 2],
  ['名邸', 1],
  ['公寓', 1],
  ['景苑', 1],
]);
const VILLAGE_SURNAMES = '李王张刘陈杨赵孙马朱胡郭何高田董冯于苏邓卢韩曹宋吕葛';
const VILLAGE_ENDINGS = ['家庄', '家台', '家坨', '家房子', '家营', '家圈', '家沟', '家堡', '庄子'];
const VILLAGE_DIRECTIONS = '东西南北前后大小新上下中';
const VILLAGE_PLACES = ['泥沽', '官房', '辛庄', '闸口', '河头', '沽', '营', '台', '滩', '洼', '堤'];

/** A two-character residential name such as 金桥 (community 金桥社区居委会, estate 金桥花园). */
export function residentialBaseName(random: Random): string {
  return RESIDENTIAL_FIRST[random.int(0, RESIDENTIAL_FIRST.length - 1)] + RESIDENTIAL_SECOND[random.int(0, RESIDENTIAL_SECOND.length - 1)];
}

export function estateSuffix(random: Random): string {
  return random.weighted(ESTATE_SUFFIXES);
}

/** A village name such as 李家台 or 东泥沽 (村委会 李家台村村委会 is written 李家台村委会). */
export function villageBaseName(random: Random): string {
  if (random.chance(0.55)) return VILLAGE_SURNAMES[random.int(0, VILLAGE_SURNAMES.length - 1)] + random.pick(VILLAGE_ENDINGS);
  return VILLAGE_DIRECTIONS[random.int(0, VILLAGE_DIRECTIONS.length - 1)] + random.pick(VILLAGE_PLACES);
}
