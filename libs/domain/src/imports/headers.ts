/**
 * The columns of a task breakdown table (重点任务分解表) and the headers offices give them.
 * A header is recognised when, cleaned of spaces and bracketed notes, it is one of the variants or contains one
 * (the longest variant wins: "重点任务/项目" is the task column, "责任单位" is the lead unit, not the owner).
 */
export const IMPORT_COLUMNS = ['seq', 'task', 'target', 'lead', 'co', 'owner', 'due'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** The column's name as the template and the row errors write it. */
export const COLUMN_TITLES: Record<ImportColumn, string> = {
  seq: '序号',
  task: '重点任务',
  target: '具体目标',
  lead: '牵头单位',
  co: '配合单位',
  owner: '责任人',
  due: '完成时限',
};

export const HEADER_VARIANTS: Record<ImportColumn, readonly string[]> = {
  seq: ['序号', '编号', '序', '顺序号', 'no', 'no.'],
  task: ['重点任务', '任务', '项目', '工作任务', '重点工作', '重点项目', '项目名称', '任务名称', '工作内容', '主要任务', '重点任务/项目', '任务事项'],
  target: ['具体目标', '目标', '工作目标', '目标任务', '目标要求', '建设内容', '主要目标', '任务目标'],
  lead: ['牵头单位', '责任单位', '牵头部门', '责任部门', '主责单位', '承办单位'],
  co: ['配合单位', '协办单位', '配合部门', '协同单位', '参与单位', '协作单位'],
  owner: ['责任人', '责任领导', '分管领导', '牵头领导', '联系人'],
  due: ['完成时限', '时间节点', '完成时间', '时限', '完成期限', '时间要求', '截止时间', '时限要求'],
};

/** Columns a row cannot do without. */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['task', 'lead', 'due'];

export function cleanHeader(text: unknown): string {
  return String(text ?? '')
    .replace(/[（(【\[][^）)】\]]*[）)】\]]/g, '')
    .replace(/\s+/g, '')
    .replace(/[：:*＊]/g, '')
    .toLowerCase();
}

/** The column a header names, or undefined. */
export function columnOfHeader(text: unknown): ImportColumn | undefined {
  const h = cleanHeader(text);
  if (!h) return undefined;
  let best: { column: ImportColumn; length: number; exact: boolean } | undefined;
  for (const column of IMPORT_COLUMNS) {
    for (const v of HEADER_VARIANTS[column]) {
      const exact = h === v;
      if (!exact && (v.length < 2 || !h.includes(v))) continue;
      if (!best || (exact && !best.exact) || (exact === best.exact && v.length > best.length)) best = { column, length: v.length, exact };
    }
  }
  return best?.column;
}

/** A caller's mapping: for a column, the header text it has in this file, or its 1-based position. */
export type HeaderOverride = Partial<Record<ImportColumn, string | number>>;

export interface HeaderMatch {
  /** The 0-based position of each recognised column. */
  columns: Partial<Record<ImportColumn, number>>;
  /** The header text of each recognised column, as written. */
  headers: Partial<Record<ImportColumn, string>>;
  missing: ImportColumn[];
  /** Problems with the override: a column it names that the file does not have. */
  overrideErrors: Array<{ column: ImportColumn; value: string | number }>;
}

/** Recognises the columns of one header row, the caller's override first. */
export function matchHeaders(row: readonly unknown[], override: HeaderOverride = {}): HeaderMatch {
  const columns: Partial<Record<ImportColumn, number>> = {};
  const overrideErrors: HeaderMatch['overrideErrors'] = [];
  const taken = new Set<number>();
  for (const column of IMPORT_COLUMNS) {
    const value = override[column];
    if (value === undefined || value === '') continue;
    const index = typeof value === 'number' || /^\d+$/.test(String(value)) ? Number(value) - 1 : row.findIndex((h) => cleanHeader(h) === cleanHeader(value));
    if (index < 0 || index >= Math.max(row.length, 1) || !Number.isInteger(index)) overrideErrors.push({ column, value });
    else {
      columns[column] = index;
      taken.add(index);
    }
  }
  row.forEach((h, i) => {
    if (taken.has(i)) return;
    const column = columnOfHeader(h);
    if (column && columns[column] === undefined && override[column] === undefined) {
      columns[column] = i;
      taken.add(i);
    }
  });
  const headers = Object.fromEntries(Object.entries(columns).map(([c, i]) => [c, String(row[i as number] ?? '').trim() || COLUMN_TITLES[c as ImportColumn]]));
  return { columns, headers, missing: REQUIRED_COLUMNS.filter((c) => columns[c] === undefined), overrideErrors };
}

/** The header row among a table's first rows: the first that names at least three columns, the task among them. */
export function findHeaderRow(rows: readonly (readonly unknown[])[], override: HeaderOverride = {}, scan = 10): number {
  for (let i = 0; i < Math.min(rows.length, scan); i++) {
    const m = matchHeaders(rows[i], override);
    if (Object.keys(m.columns).length >= 3 && m.columns.task !== undefined) return i;
  }
  return -1;
}
