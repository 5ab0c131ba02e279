import { utf8Name } from './imports.controller';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType } from 'docx';
import ExcelJS from 'exceljs';
import { decodeText, readCsv, readTable, TableFileError } from './table-files';

describe('reading task tables from files', () => {
  it('reads CSV with quoted commas, quotes and line breaks, in UTF-8 with a BOM or in GB18030', async () => {
    const text = '序号,重点任务,完成时限\r\n1,"新建学校，新增学位1080个","2026年6月底"\r\n2,"说明""双减""\n落实",年底前\r\n';
    expect(readCsv(text)).toEqual([['序号', '重点任务', '完成时限'], ['1', '新建学校，新增学位1080个', '2026年6月底'], ['2', '说明"双减"\n落实', '年底前']]);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('序号', 'utf8')]))).toBe('序号');
    // "序号" in GB18030, as Excel on Chinese Windows saves a CSV.
    expect(decodeText(Buffer.from([0xd0, 0xf2, 0xba, 0xc5]))).toBe('序号');
    expect((await readTable('plan.csv', Buffer.from(text))).rows).toHaveLength(3);
  });

  it('reads the named sheet of a workbook, dates as dates, a merged lead unit on every row it covers', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['填写说明']);
    const ws = wb.addWorksheet('分解表');
    ws.addRow(['序号', '重点任务', '牵头单位', '完成时限']);
    ws.addRow([1, { richText: [{ text: '新建' }, { text: '第一小学' }] }, '中牟县教育局', new Date(Date.UTC(2026, 7, 31))]);
    ws.addRow([2, '改造操场', null, '年底前']);
    ws.mergeCells('C2:C3');
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const { rows, sheet } = await readTable('plan.xlsx', buffer, '分解表');
    expect(sheet).toBe('分解表');
    expect(rows[1]).toEqual([1, '新建第一小学', '中牟县教育局', new Date(Date.UTC(2026, 7, 31))]);
    expect(rows[2]).toEqual([2, '改造操场', '中牟县教育局', '年底前']);
    expect((await readTable('plan.xlsx', buffer)).rows[0]).toEqual(['填写说明']);
    await expect(readTable('plan.xlsx', buffer, '没有')).rejects.toMatchObject({ field: 'sheet' });
  });

  it('reads the first table of a Word document: paragraphs as lines, spans and vertical merges filled', async () => {
    const cell = (text: string, opts: Record<string, unknown> = {}) => new TableCell({ children: text.split('\n').map((t) => new Paragraph(t)), ...opts });
    const table = new Table({
      rows: [
        new TableRow({ children: [cell('序号'), cell('重点任务'), cell('牵头单位'), cell('完成时限')] }),
        new TableRow({ children: [cell('1'), cell('新建学校\n新增学位1080个'), cell('金水区教育局', { verticalMerge: VerticalMergeType.RESTART }), cell('2026年6月底')] }),
        new TableRow({ children: [cell('2'), cell('督导 & 评估 <年度>'), cell('', { verticalMerge: VerticalMergeType.CONTINUE }), cell('年底前')] }),
        new TableRow({ children: [cell('说明：以上任务均须按期完成', { columnSpan: 4 })] }),
      ],
    });
    const other = new Table({ rows: [new TableRow({ children: [cell('第二个表')] })] });
    const buffer = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('附件'), table, new Paragraph(''), other] }] }));
    const { rows } = await readTable('plan.docx', buffer);
    expect(rows).toEqual([
      ['序号', '重点任务', '牵头单位', '完成时限'],
      ['1', '新建学校\n新增学位1080个', '金水区教育局', '2026年6月底'],
      ['2', '督导 & 评估 <年度>', '金水区教育局', '年底前'],
      Array(4).fill('说明：以上任务均须按期完成'),
    ]);
  });

  it('refuses what it cannot read, naming the field', async () => {
    await expect(readTable('plan.pdf', Buffer.from('%PDF'))).rejects.toMatchObject({ field: 'file' });
    await expect(readTable('plan.docx', Buffer.from('PK\u0003\u0004nonsense'))).rejects.toBeInstanceOf(TableFileError);
    const noTable = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('没有表格')] }] }));
    await expect(readTable('plan.docx', noTable)).rejects.toMatchObject({ field: 'file', message: 'The document has no table' });
  });
});

describe('the uploaded file name', () => {
  it('reads a UTF-8 name that multer decoded as latin1, and leaves a plain or already decoded name alone', () => {
    const sent = Buffer.from('重点任务分解表.xlsx', 'utf8').toString('latin1');
    expect(utf8Name(sent)).toBe('重点任务分解表.xlsx');
    expect(utf8Name('plan.xlsx')).toBe('plan.xlsx');
    expect(utf8Name('重点任务.docx')).toBe('重点任务.docx');
    expect(utf8Name('caf\u00e9.csv')).toBe('caf\u00e9.csv');
  });
});
