/**
 * Unit names as tables write them, matched against the unit tree: the exact name first, then a common
 * abbreviation ("金水区" for "金水区教育局", "中牟县教体局" for "中牟县教育体育局"). No match, or more than one,
 * is the caller's to settle: the answer lists the nearest names.
 */
export interface UnitRef {
  id: string;
  name: string;
}

export type UnitMatch<U extends UnitRef> =
  | { ok: true; unit: U; by: 'exact' | 'abbreviation' }
  | { ok: false; reason: 'unknown' | 'ambiguous'; candidates: string[] };

/** Endings offices leave out when they name a bureau. */
const SUFFIXES = ['教育和体育局', '教育体育局', '教育局', '教体局', '人民政府', '政府', '管理委员会', '管委会', '局'];

export function cleanUnitName(s: string): string {
  return s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

/** The name with its bureau ending taken off: 金水区教育局 → 金水区. */
export function stem(name: string): string {
  const n = cleanUnitName(name);
  for (const s of SUFFIXES) if (n.endsWith(s) && n.length > s.length + 1) return n.slice(0, -s.length);
  return n;
}

function overlap(a: string, b: string): number {
  const chars = new Set(a);
  return [...new Set(b)].filter((c) => chars.has(c)).length;
}

export function matchUnit<U extends UnitRef>(text: string, units: readonly U[]): UnitMatch<U> {
  const t = cleanUnitName(text);
  const exact = units.filter((u) => cleanUnitName(u.name) === t);
  if (exact.length === 1) return { ok: true, unit: exact[0], by: 'exact' };
  if (exact.length > 1) return { ok: false, reason: 'ambiguous', candidates: exact.map((u) => u.name) };
  const s = stem(t);
  const abbreviated = t.length >= 2 ? units.filter((u) => stem(u.name) === s || (cleanUnitName(u.name).startsWith(t) && SUFFIXES.some((x) => cleanUnitName(u.name) === t + x))) : [];
  if (abbreviated.length === 1) return { ok: true, unit: abbreviated[0], by: 'abbreviation' };
  if (abbreviated.length > 1) return { ok: false, reason: 'ambiguous', candidates: abbreviated.map((u) => u.name) };
  const containing = t.length >= 2 ? units.filter((u) => cleanUnitName(u.name).startsWith(s)) : [];
  if (containing.length === 1) return { ok: true, unit: containing[0], by: 'abbreviation' };
  if (containing.length > 1) return { ok: false, reason: 'ambiguous', candidates: containing.slice(0, 5).map((u) => u.name) };
  const near = units
    .map((u) => ({ u, score: overlap(stem(u.name), s) }))
    .filter((x) => x.score >= 2)
    .sort((a, b) => b.score - a.score || a.u.name.localeCompare(b.u.name))
    .slice(0, 3)
    .map((x) => x.u.name);
  return { ok: false, reason: 'unknown', candidates: near };
}

/** The unit names in a cell: "市教育局、各县（市、区）教育局" keeps the bracket together. */
export function splitUnitNames(cell: unknown): string[] {
  const text = String(cell ?? '').trim();
  if (!text) return [];
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '(' || c === '（') depth++;
    if (c === ')' || c === '）') depth = Math.max(0, depth - 1);
    if (depth === 0 && /[、，,;；/\n]/.test(c)) {
      if (current.trim()) out.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim()) out.push(current.trim());
  return [...new Set(out)];
}
