import ExcelJS from 'exceljs';

/** A column of an exported list: its Chinese header, width and how a row fills it. */
export interface ExportColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null | undefined;
}

/** One sheet of rows under a bold, frozen header row. */
export async function listWorkbook<T>(sheet: string, columns: ReadonlyArray<ExportColumn<T>>, rows: readonly T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r) ?? ''));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Every page of a paged list (200 at a time). */
export async function allPages<T>(fetch: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await fetch(page, 200);
    out.push(...items);
    if (!items.length || out.length >= total) return out;
  }
}
