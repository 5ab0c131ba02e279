import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import ExcelJS from 'exceljs';
import { formatNumber, formatRatio } from '../../../../../libs/i18n/src';
import type { CellValue, CircularDocument, DocumentColumn, DocumentTable } from './circular.document';

/** Text a spreadsheet could take for a formula (=, +, -, @, or a tab/CR before them): stored as text, never run. */
const FORMULA_LIKE = /^[=+\-@\t\r]/;

/** Display width of a text in spreadsheet columns: CJK characters take two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

const shown = (v: CellValue, col: DocumentColumn, locale: CircularDocument['locale']) =>
  v === null ? '' : typeof v === 'number' ? (col.kind === 'percent' ? formatRatio(v, locale) : formatNumber(v, locale)) : v;

/**
 * A real .xlsx: a cover sheet, then one sheet per section with a frozen header row, numbers as numbers (rates as
 * numbers formatted 0.0%), columns as wide as their content, and any text a spreadsheet could read as a formula
 * stored as text.
 */
export async function circularXlsx(doc: CircularDocument, created: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = doc.issuer;
  wb.created = created;
  const cover = wb.addWorksheet(doc.docTitle);
  const coverRows = [doc.docTitle, doc.numberLine, doc.dateLine, doc.subject, ...doc.sections[0].paragraphs];
  coverRows.forEach((text, i) => {
    const cell = cover.getCell(i + 1, 1);
    setText(cell, text);
    if (i === 0) cell.font = { bold: true, size: 16, color: { argb: 'FFC00000' } };
  });
  cover.getColumn(1).width = Math.min(100, Math.max(...coverRows.map(displayWidth)) + 2);

  for (const section of doc.sections) {
    const sheet = wb.addWorksheet(section.sheet.slice(0, 31));
    writeTable(sheet, section.table, doc.locale);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function setText(cell: ExcelJS.Cell, text: string) {
  cell.value = text;
  // A text that looks like a formula is marked as text (format @ and the quote prefix), so no spreadsheet runs it.
  if (FORMULA_LIKE.test(text)) cell.style = { ...cell.style, numFmt: '@', quotePrefix: true } as Partial<ExcelJS.Style>;
}

function writeTable(sheet: ExcelJS.Worksheet, table: DocumentTable, locale: CircularDocument['locale']) {
  const header = sheet.getRow(1);
  table.columns.forEach((col, i) => setText(header.getCell(i + 1), col.header));
  header.font = { bold: true };
  table.rows.forEach((row, r) => {
    const line = sheet.getRow(r + 2);
    row.forEach((v, c) => {
      const cell = line.getCell(c + 1);
      if (typeof v === 'number') {
        cell.value = v;
        if (table.columns[c].kind === 'percent') cell.numFmt = '0.0%';
      } else if (v !== null) setText(cell, v);
    });
  });
  table.columns.forEach((col, i) => {
    const widest = Math.max(displayWidth(col.header), ...table.rows.map((row) => displayWidth(shown(row[i], col, locale))));
    sheet.getColumn(i + 1).width = Math.min(80, Math.max(6, widest + 2));
    if (col.kind === 'text' && table.rows.some((row) => displayWidth(String(row[i] ?? '')) > 80)) sheet.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' };
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

const BODY_FONT = 'FangSong';
const TITLE_FONT = 'SimHei';
const pt = (n: number) => n * 2; // docx sizes are half-points

/** A Word document in the usual official layout: red title, number line, issuer and date over a red rule, numbered sections, tables. */
export async function circularDocx(doc: CircularDocument): Promise<Buffer> {
  const text = (t: string, opts: { bold?: boolean; size?: number; color?: string; font?: string } = {}) =>
    new TextRun({ text: t, bold: opts.bold, size: pt(opts.size ?? 16), color: opts.color, font: opts.font ?? BODY_FONT });
  const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const table = (t: DocumentTable) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: t.columns.map((c) => new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(c.header, { bold: true, size: 12 })] })] })),
        }),
        ...(t.rows.length
          ? t.rows.map(
              (row) =>
                new TableRow({
                  children: row.map(
                    (v, i) =>
                      new TableCell({
                        children: [new Paragraph({ alignment: t.columns[i].kind === 'text' ? AlignmentType.LEFT : AlignmentType.CENTER, children: [text(shown(v, t.columns[i], doc.locale), { size: 12 })] })],
                      }),
                  ),
                }),
            )
          : [new TableRow({ children: [new TableCell({ columnSpan: t.columns.length, children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(doc.none, { size: 12 })] })] })] })]),
      ],
      borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder, insideHorizontal: cellBorder, insideVertical: cellBorder },
    });

  const body = doc.sections.flatMap((s) => [
    new Paragraph({ spacing: { before: 240, after: 120 }, children: [text(s.heading, { bold: true, font: TITLE_FONT })] }),
    ...s.paragraphs.map((p) => new Paragraph({ indent: { firstLine: convertMillimetersToTwip(11) }, spacing: { line: 560 }, children: [text(p)] })),
    ...(s.key === 'overall' ? [] : [table(s.table)]),
  ]);
  const document = new Document({
    creator: doc.issuer,
    title: doc.title,
    styles: { default: { document: { run: { font: BODY_FONT, size: pt(16) } } } },
    sections: [
      {
        properties: { page: { size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) }, margin: { top: convertMillimetersToTwip(37), bottom: convertMillimetersToTwip(35), left: convertMillimetersToTwip(28), right: convertMillimetersToTwip(26) } } },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text(doc.docTitle, { size: 36, color: 'C00000', font: TITLE_FONT, bold: true })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [text(doc.numberLine)] }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: 'C00000', space: 6 } },
            spacing: { after: 360 },
            children: [text(doc.dateLine)],
          }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text(doc.subject, { size: 22, font: TITLE_FONT })] }),
          ...body,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

const escape = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** A printable page (A4, official layout, tables that do not split rows across pages). */
export function circularHtml(doc: CircularDocument): string {
  const table = (t: DocumentTable) => {
    const rows = t.rows.length
      ? t.rows.map((r) => `<tr>${r.map((v, i) => `<td class="${t.columns[i].kind}">${escape(shown(v, t.columns[i], doc.locale))}</td>`).join('')}</tr>`).join('\n')
      : `<tr><td colspan="${t.columns.length}" class="none">${escape(doc.none)}</td></tr>`;
    return `<table><thead><tr>${t.columns.map((c) => `<th>${escape(c.header)}</th>`).join('')}</tr></thead>\n<tbody>\n${rows}\n</tbody></table>`;
  };
  const sections = doc.sections
    .map((s) => `<section data-section="${s.key}"><h2>${escape(s.heading)}</h2>\n${s.paragraphs.map((p) => `<p class="body">${escape(p)}</p>`).join('\n')}\n${s.key === 'overall' ? '' : table(s.table)}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="${doc.locale}"><head><meta charset="utf-8"><title>${escape(doc.title)}</title>
<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "FangSong", "FangSong_GB2312", "STFangsong", "SimSun", serif; font-size: 16pt; line-height: 1.6; color: #000; margin: 0 auto; max-width: 156mm; }
.doc-title { text-align: center; font-family: "SimHei", "STHeiti", sans-serif; font-size: 26pt; color: #c00; letter-spacing: 0.2em; margin: 0 0 6pt; }
.number-line { text-align: center; margin: 0; }
.date-line { text-align: center; margin: 0 0 18pt; padding-bottom: 6pt; border-bottom: 2.25pt solid #c00; }
.subject { text-align: center; font-family: "SimHei", "STHeiti", sans-serif; font-size: 18pt; }
h2 { font-family: "SimHei", "STHeiti", sans-serif; font-size: 16pt; font-weight: normal; margin: 14pt 0 6pt; }
p.body { text-indent: 2em; margin: 0 0 6pt; }
table { width: 100%; border-collapse: collapse; font-size: 11pt; page-break-inside: auto; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; }
th { font-weight: bold; text-align: center; }
td.number, td.percent { text-align: center; }
td.none { text-align: center; }
@media print { body { max-width: none; } }
</style></head>
<body>
<h1 class="doc-title">${escape(doc.docTitle)}</h1>
<p class="number-line">${escape(doc.numberLine)}</p>
<p class="date-line">${escape(doc.dateLine)}</p>
<p class="subject">${escape(doc.subject)}</p>
${sections}
</body></html>
`;
}
