import { DomainValidationError, shown } from '../errors';
import { Fields, keysOf } from '../kinds/fields';
import { Unit, unitOf, UNITS } from './units';

/**
 * Named figures that projects of any kind can carry as quantity targets (planned) and report as running
 * totals (delivered), and that portfolio targets sum. Plans may add their own (see `figureCatalogue`).
 */
export interface FigureDef {
  key: string;
  name: string;
  unit: Unit;
}

export const FIGURES: readonly FigureDef[] = [
  { key: 'seats', name: '学位', unit: '个' },
  { key: 'classes', name: '班级', unit: '个' },
  { key: 'schools', name: '学校', unit: '所' },
  { key: 'kindergartens', name: '幼儿园', unit: '所' },
  { key: 'teachers', name: '教师', unit: '名' },
  { key: 'students', name: '学生', unit: '名' },
  { key: 'apartments', name: '教师周转宿舍', unit: '套' },
  { key: 'floorArea', name: '建筑面积', unit: '㎡' },
  { key: 'fitnessPaths', name: '健身路径', unit: '条' },
  { key: 'classrooms', name: '教室', unit: '间' },
  { key: 'equipment', name: '设备', unit: '台' },
  { key: 'books', name: '图书', unit: '册' },
  { key: 'personTimes', name: '培训', unit: '人次' },
  { key: 'classHours', name: '课时', unit: '课时' },
  { key: 'trainingHours', name: '培训学时', unit: '学时' },
  { key: 'hours', name: '时长', unit: '小时' },
  { key: 'investment', name: '投资', unit: '元' },
  { key: 'items', name: '事项', unit: '项' },
  { key: 'rate', name: '比例', unit: '%' },
];

/**
 * Figures the kinds already report under their own names, and the catalogue figure and side they stand for:
 * a school's `seatsPlanned` target is the `seats` figure planned, its `seatsDelivered` report the delivered side.
 */
export const KIND_FIGURE_NAMES: Record<string, { figure: string; basis: 'planned' | 'delivered' }> = {
  seatsPlanned: { figure: 'seats', basis: 'planned' },
  seatsDelivered: { figure: 'seats', basis: 'delivered' },
  classesPlanned: { figure: 'classes', basis: 'planned' },
  classesDelivered: { figure: 'classes', basis: 'delivered' },
  investmentPlanned: { figure: 'investment', basis: 'planned' },
  investmentSpent: { figure: 'investment', basis: 'delivered' },
  totalPersonTimes: { figure: 'personTimes', basis: 'planned' },
};

const FIGURE_KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;

/** The fields of a plan's own figure, as `validatePlanFigures` reads them and the API documents them. */
export const PLAN_FIGURE_FIELDS: Fields = {
  key: { is: 'text', pattern: FIGURE_KEY, description: 'Not a built-in figure name' },
  name: { is: 'text', minLength: 1, maxLength: 40 },
  unit: { is: 'oneOf', values: Object.keys(UNITS) },
};

/** The built-in figures plus a plan's own; a plan's figure may not redefine a built-in one. */
export function figureCatalogue(planFigures: readonly FigureDef[] = []): Map<string, FigureDef> {
  const map = new Map(FIGURES.map((f) => [f.key, f]));
  for (const f of planFigures) if (!map.has(f.key)) map.set(f.key, f);
  return map;
}

/** A plan's own figure definitions, checked: keys are identifiers, unique, and not a built-in name. */
export function validatePlanFigures(input: unknown, field = 'figures'): FigureDef[] {
  if (!Array.isArray(input)) throw new DomainValidationError(field, 'must be a list of {key, name, unit}', { code: 'field.list-of', params: { shape: '{key, name, unit}' } });
  const seen = new Set<string>();
  return input.map((raw, i) => {
    const f = `${field}[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new DomainValidationError(f, 'must be an object {key, name, unit}', { code: 'field.object-shape', params: { shape: '{key, name, unit}' } });
    const o = raw as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!keysOf(PLAN_FIGURE_FIELDS).includes(k)) throw new DomainValidationError(`${f}.${k}`, 'is not a known field (expected one of: key, name, unit)', { code: 'field.unknown-field', params: { allowed: 'key, name, unit' } });
    if (typeof o.key !== 'string' || !FIGURE_KEY.test(o.key)) throw new DomainValidationError(`${f}.key`, 'must be a letter followed by up to 39 letters, digits or _', { code: 'field.figure-key' });
    if (FIGURES.some((b) => b.key === o.key) || o.key in KIND_FIGURE_NAMES) throw new DomainValidationError(`${f}.key`, `"${o.key}" is a built-in figure`, { code: 'field.builtin-figure', params: { key: o.key } });
    if (seen.has(o.key)) throw new DomainValidationError(`${f}.key`, `"${o.key}" is defined twice`, { code: 'field.duplicate', params: { key: o.key } });
    seen.add(o.key);
    if (typeof o.name !== 'string' || o.name.trim() === '' || o.name.length > 40) throw new DomainValidationError(`${f}.name`, 'must be 1–40 characters', { code: 'field.length', params: { from: 1, to: 40 } });
    return { key: o.key, name: o.name.trim(), unit: unitOf(o.unit, `${f}.unit`) };
  });
}

/** The catalogue figure a name refers to, or a DomainValidationError naming the misspelt field. */
export function resolveFigureName(name: unknown, field: string, catalogue: Map<string, FigureDef> = figureCatalogue()): { figure: FigureDef; basis?: 'planned' | 'delivered' } {
  if (typeof name === 'string') {
    const known = catalogue.get(name);
    if (known) return { figure: known };
    const alias = KIND_FIGURE_NAMES[name];
    if (alias) return { figure: catalogue.get(alias.figure)!, basis: alias.basis };
  }
  const names = [...catalogue.keys(), ...Object.keys(KIND_FIGURE_NAMES)];
  const suggestion = typeof name === 'string' ? closest(name, names) : undefined;
  throw new DomainValidationError(field, `unknown figure ${JSON.stringify(name)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known figures: ${names.join(', ')}`, { code: 'field.unknown-figure', params: { got: shown(name), suggestion, known: names.join(', ') } });
}

/** The known name nearest to a misspelling (edit distance ≤ 3), to suggest it. */
function closest(name: string, names: string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const candidate of names) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d <= 3 && (!best || d < best.d)) best = { name: candidate, d };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
