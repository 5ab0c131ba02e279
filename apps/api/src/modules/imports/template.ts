import ExcelJS from 'exceljs';
import { COLUMN_TITLES, IMPORT_COLUMNS } from '../../../../../libs/domain/src/imports';

/** The task breakdown table as the import reads it: the seven columns and two example rows. */
export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('重点任务分解表');
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: COLUMN_TITLES[c], key: c, width: { seq: 6, task: 36, target: 36, lead: 18, co: 24, owner: 10, due: 16 }[c] }));
  ws.addRow({ seq: 1, task: '新建城东新区第一小学', target: '2026年9月投入使用，新增学位1080个，设置24个班，总投资8000万元', lead: '金水区教育局', co: '市教育局发展规划处', owner: '张伟', due: '2026年8月底' });
  ws.addRow({ seq: 2, task: '推进义务教育教师交流轮岗', target: '交流轮岗教师比例不低于10%', lead: '中牟县教育局', co: '', owner: '李娜', due: '2026年第三季度' });
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { vertical: 'middle', horizontal: 'center' };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const note = wb.addWorksheet('填写说明');
  for (const line of [
    '每行一项任务；列标题可用常见写法（如“编号”“责任单位”“时间节点”），也可在导入时指定对应列。',
    '牵头单位写单位全称或常用简称（如“金水区”），多个单位时第一个为牵头单位，其余作为配合单位。',
    '完成时限可写“2026年6月底”“6月30日前”“年底前”“2026年第三季度”“每月25日前”“长期坚持”等。',
    '具体目标中的数量（如“新增学位1080个”“不低于10%”“9000人次”）会识别为量化目标。',
  ]) note.addRow([line]);
  note.getColumn(1).width = 100;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
