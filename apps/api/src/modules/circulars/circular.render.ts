import ExcelJS from 'exceljs';
import type { CircularContent } from '../../../../../activities/circulars/circular.content';

type Row = Record<string, unknown>;
interface Table {
  key: 'redYellow' | 'ranking' | 'missingReports' | 'rectifications';
  title: string;
  columns: Array<{ field: string; header: string; width: number; percent?: boolean }>;
}

/** The circular's tables, in the order and with the columns of the spreadsheet and the printed page. */
export const CIRCULAR_TABLES: Table[] = [
  {
    key: 'redYellow', title: '红黄灯项目',
    columns: [{ field: 'projectName', header: '项目', width: 36 }, { field: 'unitName', header: '牵头单位', width: 24 }, { field: 'status', header: '灯色', width: 8 }, { field: 'reasons', header: '原因', width: 60 }],
  },
  {
    key: 'ranking', title: '单位排名',
    columns: [
      { field: 'rank', header: '排名', width: 6 }, { field: 'unitName', header: '单位', width: 24 }, { field: 'projects', header: '项目数', width: 8 },
      { field: 'onTimeRate', header: '按时完成率', width: 12, percent: true }, { field: 'overdueCount', header: '逾期数', width: 8 }, { field: 'missingReports', header: '未报送数', width: 10 },
    ],
  },
  {
    key: 'missingReports', title: '未报送',
    columns: [{ field: 'projectName', header: '项目', width: 36 }, { field: 'unitName', header: '牵头单位', width: 24 }, { field: 'ownerName', header: '责任人', width: 16 }],
  },
  {
    key: 'rectifications', title: '整改事项',
    columns: [
      { field: 'title', header: '事项', width: 40 }, { field: 'unitName', header: '整改单位', width: 24 }, { field: 'dueAt', header: '整改期限', width: 26 },
      { field: 'state', header: '状态', width: 12 }, { field: 'overdue', header: '逾期', width: 8 },
    ],
  },
];

const rowsOf = (c: CircularContent, t: Table) => c[t.key] as unknown as Row[];

/** A real .xlsx: a summary sheet, then one sheet per table with a header row and one row per JSON row. */
export async function circularXlsx(c: CircularContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Key-project supervision';
  wb.created = new Date(c.issuedAt);
  const summary = wb.addWorksheet('通报');
  summary.columns = [{ width: 16 }, { width: 60 }];
  summary.addRow([c.title]).font = { bold: true, size: 14 };
  summary.addRow(['计划', c.plan.name]);
  summary.addRow(['期号', `${c.year}年第${c.number}期`]);
  summary.addRow(['印发时间', c.issuedAt]);
  if (c.round) summary.addRow(['本轮调度', `${c.round.openedAt} — ${c.round.closedAt ?? c.round.closesAt}：应报 ${c.round.projects}，已报 ${c.round.reported}，未报 ${c.round.missing}`]);
  for (const t of CIRCULAR_TABLES) {
    const sheet = wb.addWorksheet(t.title);
    sheet.columns = t.columns.map((col) => ({ header: col.header, key: col.field, width: col.width, style: col.percent ? { numFmt: '0.0%' } : {} }));
    sheet.getRow(1).font = { bold: true };
    for (const row of rowsOf(c, t)) sheet.addRow(Object.fromEntries(t.columns.map((col) => [col.field, row[col.field]])));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const escape = (v: unknown) =>
  String(v ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
const cell = (v: unknown, percent?: boolean) =>
  typeof v === 'boolean' ? (v ? '是' : '否') : percent && typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : escape(v);

/** A printable page (A4, tables that do not split rows across pages). */
export function circularHtml(c: CircularContent): string {
  const tables = CIRCULAR_TABLES.map((t) => {
    const rows = rowsOf(c, t);
    const body = rows.length
      ? rows.map((r) => `<tr>${t.columns.map((col) => `<td>${cell(r[col.field], col.percent)}</td>`).join('')}</tr>`).join('\n')
      : `<tr><td colspan="${t.columns.length}" class="none">无</td></tr>`;
    return `<h2>${escape(t.title)}</h2>\n<table><thead><tr>${t.columns.map((col) => `<th>${escape(col.header)}</th>`).join('')}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
  }).join('\n');
  const round = c.round
    ? `<p>本轮调度：${escape(c.round.openedAt)} 至 ${escape(c.round.closedAt ?? c.round.closesAt)}，应报 ${c.round.projects} 项，已报 ${c.round.reported} 项，未报 ${c.round.missing} 项。</p>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(c.title)}</title>
<style>
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "FangSong", "STFangsong", "SimSun", serif; font-size: 12pt; color: #000; margin: 0 auto; max-width: 190mm; }
h1 { text-align: center; font-size: 20pt; color: #c00; border-bottom: 2px solid #c00; padding-bottom: 6pt; }
h2 { font-size: 14pt; margin-top: 14pt; }
.meta { text-align: center; }
table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #eee; }
td.none { text-align: center; color: #555; }
@media print { a { color: inherit; text-decoration: none; } }
</style></head>
<body>
<h1>${escape(c.title)}</h1>
<p class="meta">${escape(c.plan.name)} · ${c.year}年第${c.number}期 · ${escape(c.issuedAt)}</p>
${round}
${tables}
</body></html>
`;
}
