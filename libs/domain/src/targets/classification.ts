import { DomainValidationError } from '../errors';
import { oneOf } from '../kinds/validation';

/** Facility types (学段/设施类型) a project can be classed under. */
export const FACILITY_CATEGORIES = ['幼儿园', '小学', '初中', '九年一贯制', '十二年一贯制', '高中', '完全中学', '特殊教育学校', '职业学校', '其他'] as const;
export type FacilityCategory = (typeof FACILITY_CATEGORIES)[number];
/** Work types (建设性质). */
export const WORK_TYPES = ['新建', '改扩建', '续建', '提升改造'] as const;
export type WorkType = (typeof WORK_TYPES)[number];

export interface Classification {
  category?: FacilityCategory;
  workType?: WorkType;
  tags: string[];
}

const MAX_TAGS = 20;
const MAX_TAG = 40;

/** Free tags (an area, a programme): trimmed, 1–40 characters, at most 20, duplicates dropped in order. */
export function validateTags(input: unknown, field = 'tags'): string[] {
  if (input === undefined || input === null) return [];
  if (!Array.isArray(input)) throw new DomainValidationError(field, 'must be a list of strings', { code: 'field.list-of-texts' });
  if (input.length > MAX_TAGS) throw new DomainValidationError(field, `at most ${MAX_TAGS} tags`, { code: 'field.max-items', params: { most: MAX_TAGS } });
  const out: string[] = [];
  input.forEach((raw, i) => {
    if (typeof raw !== 'string' || raw.trim() === '' || raw.trim().length > MAX_TAG || /[\u0000-\u001f]/.test(raw)) {
      throw new DomainValidationError(`${field}[${i}]`, `must be 1–${MAX_TAG} printable characters`, { code: 'field.printable-length', params: { from: 1, to: MAX_TAG } });
    }
    if (!out.includes(raw.trim())) out.push(raw.trim());
  });
  return out;
}

export function validateClassification(input: { category?: unknown; workType?: unknown; tags?: unknown }): Classification {
  const out: Classification = { tags: validateTags(input.tags) };
  if (input.category !== undefined && input.category !== null) out.category = oneOf(input.category, 'category', FACILITY_CATEGORIES);
  if (input.workType !== undefined && input.workType !== null) out.workType = oneOf(input.workType, 'workType', WORK_TYPES);
  return out;
}
