import { DomainValidationError, shown, decimal } from '../errors';

/**
 * Units a target or figure can be written in, as plans write them. `count` units take whole numbers,
 * `quantity` units decimals, `ratio` (%) a share written 0..1 (85% is 0.85), `money` whole amounts.
 */
export const UNITS = {
  所: 'count',
  个: 'count',
  名: 'count',
  人: 'count',
  人次: 'count',
  课时: 'quantity',
  学时: 'quantity',
  小时: 'quantity',
  天: 'quantity',
  '㎡': 'quantity',
  元: 'money',
  万元: 'quantity',
  套: 'count',
  条: 'count',
  间: 'count',
  班: 'count',
  台: 'count',
  件: 'count',
  项: 'count',
  次: 'count',
  册: 'count',
  '%': 'ratio',
} as const;
export type Unit = keyof typeof UNITS;
export type UnitMeasure = (typeof UNITS)[Unit];

/** Other spellings offices use for the same unit. */
const ALIASES: Record<string, Unit> = { 平方米: '㎡', m2: '㎡', 'm²': '㎡', 平米: '㎡', 位: '个', 学位: '个', 人数: '人', 节: '课时', 'h': '小时' };

export function isUnit(value: unknown): value is Unit {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(UNITS, value);
}

/** The unit as the catalogue writes it (平方米 → ㎡), or a DomainValidationError naming the field. */
export function unitOf(value: unknown, field: string): Unit {
  const trimmed = typeof value === 'string' ? value.trim() : value;
  if (isUnit(trimmed)) return trimmed;
  if (typeof trimmed === 'string' && Object.prototype.hasOwnProperty.call(ALIASES, trimmed)) return ALIASES[trimmed];
  throw new DomainValidationError(field, `is not a known unit, got ${JSON.stringify(value)} (known: ${Object.keys(UNITS).join(' ')})`, { code: 'field.unknown-unit', params: { got: shown(value), known: Object.keys(UNITS).join(' ') } });
}

/** A value in the unit's measure: whole for counts and money, 0..1 for %, non-negative always. */
export function amountIn(unit: Unit, value: unknown, field: string): number {
  const measure = UNITS[unit];
  const whole = measure === 'count' || measure === 'money';
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (whole && !Number.isSafeInteger(value))) {
    throw new DomainValidationError(field, `must be a non-negative ${whole ? 'whole ' : ''}number of ${unit}, got ${JSON.stringify(value)}`, { code: 'field.amount-in-unit', params: { whole, unitName: unit, got: shown(value) } });
  }
  if (measure === 'ratio' && value > 1) {
    throw new DomainValidationError(field, `must be a share between 0 and 1 (write ${value / 100} for ${value}%), got ${value}`, { code: 'field.share-not-percent', params: { percent: value, suggested: decimal(value / 100) } });
  }
  return value;
}

/** How an amount reads in Chinese: "20所", "1502㎡", "45,000个", "85%", "1200元". */
export function formatAmount(value: number, unit: Unit): string {
  if (UNITS[unit] === 'ratio') return `${Number((value * 100).toFixed(2))}%`;
  const rounded = Number(value.toFixed(2));
  const [whole, fraction] = String(rounded).split('.');
  // Four-digit amounts read as written (1080个); from ten thousand on, thousands are grouped (45,000个).
  const grouped = whole.length > 4 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  const n = fraction ? `${grouped}.${fraction}` : grouped;
  return unit === '元' ? `${n}元` : `${n}${unit}`;
}
