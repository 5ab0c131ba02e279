/**
 * The seven stages of a school project, in the order they must be accepted.
 * `weight` is the planned share of the work and of the investment that is done once the stage is reached
 * (construction carries most of it); `dueAt` places the stage's default due date as a share of the span
 * from start to opening: with the default 24-month span, approval month 1, design 4, tendering 6,
 * construction start 7, topping-out 15, completion acceptance 22, opening 24.
 */
export const SCHOOL_STAGES = [
  { key: 'approval', name: '立项', nameEn: 'approval', weight: 0.02, dueAt: 1 / 24 },
  { key: 'design', name: '设计', nameEn: 'design', weight: 0.05, dueAt: 4 / 24 },
  { key: 'tendering', name: '招标', nameEn: 'tendering', weight: 0.03, dueAt: 6 / 24 },
  { key: 'construction_start', name: '开工', nameEn: 'construction start', weight: 0.1, dueAt: 7 / 24 },
  { key: 'topping_out', name: '主体封顶', nameEn: 'topping-out', weight: 0.4, dueAt: 15 / 24 },
  { key: 'completion_acceptance', name: '竣工验收', nameEn: 'completion acceptance', weight: 0.3, dueAt: 22 / 24 },
  { key: 'opening', name: '投入使用', nameEn: 'opening', weight: 0.1, dueAt: 1 },
] as const;

export type StageKey = (typeof SCHOOL_STAGES)[number]['key'];
export const STAGE_KEYS: readonly StageKey[] = SCHOOL_STAGES.map((s) => s.key);
/** Months from the default start to opening when no start date is given. */
export const DEFAULT_SCHOOL_SPAN_MONTHS = 24;
