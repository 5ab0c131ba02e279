import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { TextDecoder } from 'node:util';

/** A table read from a file: its rows of cells (text, numbers, or Date for spreadsheet dates), and where it came from. */
export interface ReadTable {
  format: 'xlsx' | 'csv' | 'docx';
  /** The sheet it came from (workbooks only). */
  sheet?: string;
  rows: unknown[][];
}

/** Why a file cannot be read, said to the caller with the field at fault. */
export class TableFileError extends Error {
  constructor(
    readonly field: string,
    message: string,
    /** The reason as a catalogue code (`field.*`) with params, said in the reader's language. */
    readonly code: string,
    readonly params: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function formatOf(fileName: string, buffer: Buffer): ReadTable['format'] | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const zip = buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (ext === 'xlsx' && zip) return 'xlsx';
  if (ext === 'docx' && zip) return 'docx';
  if (ext === 'csv' || ext === 'txt') return 'csv';
  return undefined;
}

/** Reads the first table of the file: the named sheet (or the first) of a workbook, the first table of a Word document. */
export async function readTable(fileName: string, buffer: Buffer, sheet?: string): Promise<ReadTable> {
  const format = formatOf(fileName, buffer);
  if (!format) throw new TableFileError('file', `"${fileName}" is not an .xlsx workbook, a .csv file or a .docx document`, 'field.file-format', { name: fileName });
  if (format === 'csv') return { format, rows: readCsv(decodeText(buffer)) };
  if (format === 'xlsx') return { format, ...(await readWorkbook(buffer, sheet)) };
  return { format, rows: await readWordTable(buffer) };
}

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('text' in v) return v.text;
    if ('error' in v) return null;
    return null;
  }
  return v;
}

async function readWorkbook(buffer: Buffer, sheetName?: string): Promise<{ sheet: string; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new TableFileError('file', 'The workbook cannot be opened: it is damaged or not an .xlsx file', 'field.file-damaged', { format: 'xlsx' });
  }
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!ws) throw new TableFileError(sheetName ? 'sheet' : 'file', sheetName ? `The workbook has no sheet "${sheetName}" (sheets: ${wb.worksheets.map((w) => w.name).join(', ')})` : 'The workbook has no sheet', sheetName ? 'field.no-such-sheet' : 'field.no-sheet', sheetName ? { sheet: sheetName, sheets: wb.worksheets.map((w) => w.name).join('、') } : {});
  const rows: unknown[][] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: unknown[] = [];
    // A merged cell (a lead unit written once for several rows) counts for every row it covers.
    for (let c = 1; c <= width; c++) cells.push(cellValue(row.getCell(c).value));
    rows[n - 1] = cells;
  });
  return { sheet: ws.name, rows: Array.from(rows, (r) => r ?? []) };
}

/** UTF-8 (with or without BOM); a file that is not valid UTF-8 is read as GB18030, as Excel saves CSV on Chinese Windows. */
export function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

/** RFC 4180 CSV: quoted cells may hold commas, quotes ("") and line breaks. */
export function readCsv(text: string): unknown[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) => s.replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : XML_ENTITIES[e]));

/**
 * The first table of a Word document, from its XML: paragraphs in a cell are lines of its text, a cell spanning
 * columns (gridSpan) fills them all, a vertically merged cell (vMerge) repeats the text of the cell it continues.
 */
export async function readWordTable(buffer: Buffer): Promise<unknown[][]> {
  let xml: string | undefined;
  try {
    xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')?.async('string');
  } catch {
    /* reported below */
  }
  if (!xml) throw new TableFileError('file', 'The document cannot be opened: it is damaged or not a .docx file', 'field.file-damaged', { format: 'docx' });
  const tokens = /<(\/?)w:(tbl|tr|tc|p|t|tab|br|gridSpan|vMerge)\b([^>]*?)(\/?)>|([^<]+)/g;
  let depth = 0;
  let started = false;
  const rows: Array<Array<{ text: string; span: number; merge?: 'restart' | 'continue' }>> = [];
  let row: (typeof rows)[number] | undefined;
  let cell: (typeof rows)[number][number] | undefined;
  let inText = false;
  let paragraph = '';
  const lines: string[] = [];
  for (const m of xml.matchAll(tokens)) {
    const [, close, tag, attrs, selfClose, text] = m;
    if (text !== undefined) {
      if (inText && depth === 1 && cell) paragraph += unescapeXml(text);
      continue;
    }
    if (tag === 'tbl') {
      if (!close) {
        if (started && depth === 0) break;
        depth++;
        started = true;
      } else if (--depth === 0) break;
      continue;
    }
    if (!started) continue;
    if (depth !== 1) {
      // A table inside a cell: its text joins the cell's.
      if (tag === 't') inText = !close && !selfClose;
      continue;
    }
    if (tag === 'tr' && !close) rows.push((row = []));
    else if (tag === 'tc' && !close) {
      cell = { text: '', span: 1 };
      lines.length = 0;
      paragraph = '';
    } else if (tag === 'tc' && close && cell && row) {
      if (paragraph) lines.push(paragraph);
      cell.text = lines.join('\n').trim();
      row.push(cell);
      cell = undefined;
    } else if (tag === 'p' && close) {
      lines.push(paragraph);
      paragraph = '';
    } else if (tag === 't') inText = !close && !selfClose;
    else if ((tag === 'tab' || tag === 'br') && cell) paragraph += tag === 'tab' ? ' ' : '\n';
    else if (tag === 'gridSpan' && cell) cell.span = Number(/w:val="(\d+)"/.exec(attrs)?.[1] ?? 1);
    else if (tag === 'vMerge' && cell) cell.merge = /w:val="restart"/.test(attrs) ? 'restart' : 'continue';
  }
  if (!started) throw new TableFileError('file', 'The document has no table', 'field.no-table');
  const grid: string[][] = [];
  rows.forEach((r, i) => {
    const out: string[] = [];
    for (const c of r) {
      const col = out.length;
      const text = c.merge === 'continue' ? (grid[i - 1]?.[col] ?? '') : c.text;
      for (let k = 0; k < c.span; k++) out.push(text);
    }
    grid.push(out);
  });
  return grid;
}
