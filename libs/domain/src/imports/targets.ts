import type { IndicatorDirection } from '../kinds/kinds';
import type { Unit } from '../targets/units';

/**
 * Targets read from a task's text: "新增学位1080个", "不低于10%", "9000人次", "新建幼儿园20所", "投资1.2亿元".
 * Amounts are in the catalogue's units (亿元/万元 become 元, 平方米 becomes ㎡); shares are ratios (10% is 0.1).
 */
export interface FoundQuantity {
  figure: string;
  name: string;
  unit: Unit;
  target: number;
  /** The words it was read from. */
  text: string;
}
export interface FoundIndicator {
  threshold: number;
  direction: IndicatorDirection;
  text: string;
}
export interface FoundTargets {
  quantities: FoundQuantity[];
  indicator?: FoundIndicator;
  /** Amounts in the text that name no known figure ("完成3个", "建设5处"): shown as warnings. */
  unknown: string[];
}

const NUMBER = String.raw`(\d+(?:[,，]\d{3})*(?:\.\d+)?)`;
const UNIT_WORDS = '亿元|万元|元|平方米|平米|㎡|m²|人次|课时|学时|小时|所|个|名|人|套|条|间|班|台|件|项|册';
const AMOUNT = new RegExp(`${NUMBER}\\s*(万|亿)?\\s*(${UNIT_WORDS})`, 'g');
const PERCENT = new RegExp(`${NUMBER}\\s*[%％]`, 'g');

const toNumber = (s: string) => Number(s.replace(/[,，]/g, ''));

/** The figure an amount counts, from its unit and the words around it. */
function figureOf(unit: string, context: string): { figure: string; name: string; unit: Unit } | undefined {
  const has = (re: RegExp) => re.test(context);
  switch (unit) {
    case '人次':
      return { figure: 'personTimes', name: '培训', unit: '人次' };
    case '亿元':
    case '万元':
    case '元':
      return { figure: 'investment', name: '投资', unit: '元' };
    case '平方米':
    case '平米':
    case 'm²':
    case '㎡':
      return { figure: 'floorArea', name: '建筑面积', unit: '㎡' };
    case '课时':
      return { figure: 'classHours', name: '课时', unit: '课时' };
    case '学时':
      return { figure: 'trainingHours', name: '培训学时', unit: '学时' };
    case '小时':
      return { figure: 'hours', name: '时长', unit: '小时' };
    case '所':
      return has(/幼儿园/) ? { figure: 'kindergartens', name: '幼儿园', unit: '所' } : { figure: 'schools', name: '学校', unit: '所' };
    case '个':
      if (has(/学位/)) return { figure: 'seats', name: '学位', unit: '个' };
      if (has(/班级|教学班|个班/)) return { figure: 'classes', name: '班级', unit: '个' };
      return undefined;
    case '班':
      return { figure: 'classes', name: '班级', unit: '个' };
    case '名':
    case '人':
      if (has(/教师|老师|校长|教练员|保育员/)) return { figure: 'teachers', name: '教师', unit: '名' };
      if (has(/学生|幼儿|儿童|少年|学员/)) return { figure: 'students', name: '学生', unit: '名' };
      return undefined;
    case '套':
      return { figure: 'apartments', name: '教师周转宿舍', unit: '套' };
    case '条':
      return { figure: 'fitnessPaths', name: '健身路径', unit: '条' };
    case '间':
      return { figure: 'classrooms', name: '教室', unit: '间' };
    case '台':
      return { figure: 'equipment', name: '设备', unit: '台' };
    case '册':
      return { figure: 'books', name: '图书', unit: '册' };
    case '项':
    case '件':
      return { figure: 'items', name: '事项', unit: '项' };
    default:
      return undefined;
  }
}

/** The clause around a match: back to the previous punctuation, on to the next. */
function clause(text: string, index: number, length: number): { before: string; after: string } {
  const stops = /[，,。；;、：:\n（）()]/;
  let a = index;
  while (a > 0 && !stops.test(text[a - 1])) a--;
  let b = index + length;
  while (b < text.length && !stops.test(text[b])) b++;
  return { before: text.slice(a, index), after: text.slice(index + length, b) };
}

/** What the words before an amount call it: "新增学位1080个" → 新增学位, "招聘教师47名" → 招聘教师. */
function nameBefore(before: string, after: string, fallback: string): string {
  const words = (before.replace(/^(确保|力争|全年|累计|共|计|总计|完成|实现|达到)/, '').replace(/(不少于|不低于|达到|超过|约|共|计|累计|以上)$/, '') || after.replace(/^(以上|左右)/, '')).trim();
  return words && words.length <= 30 ? words : fallback;
}

export function findTargets(input: unknown): FoundTargets {
  const text = String(input ?? '').replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
  const out: FoundTargets = { quantities: [], unknown: [] };
  for (const m of text.matchAll(PERCENT)) {
    if (out.indicator) break;
    const { before, after } = clause(text, m.index!, m[0].length);
    const near = `${before.slice(-6)}|${after.slice(0, 4)}`;
    const atMost = /(不高于|不超过|低于|以内|以下|控制在|小于|少于)/.test(near) && !/不低于|不少于/.test(near);
    out.indicator = { threshold: Math.round(toNumber(m[1]) * 100) / 10_000, direction: atMost ? '<=' : '>=', text: `${before}${m[0]}${after}` };
  }
  for (const m of text.matchAll(AMOUNT)) {
    const [whole, digits, scale, unit] = m;
    const { before, after } = clause(text, m.index!, whole.length);
    // "2026年" or "第3所" are not amounts; a number glued to a date word is not either.
    if (/第$/.test(before)) continue;
    const found = figureOf(unit, `${before}${whole}${after}`);
    if (!found) {
      out.unknown.push(`${before}${whole}`);
      continue;
    }
    let value = toNumber(digits);
    if (unit === '亿元') value *= 100_000_000;
    else if (unit === '万元') value *= 10_000;
    if (scale === '万') value *= 10_000;
    if (scale === '亿') value *= 100_000_000;
    if (found.unit !== '㎡' && found.unit !== '小时' && found.unit !== '学时' && found.unit !== '课时') value = Math.round(value);
    if (out.quantities.some((q) => q.figure === found.figure)) continue;
    out.quantities.push({ ...found, name: nameBefore(before, after, found.name), target: value, text: `${before}${whole}` });
  }
  return out;
}
