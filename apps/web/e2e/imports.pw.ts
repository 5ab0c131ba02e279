/**
 * The coordinator brings a plan's task table in through the wizard: a row naming a unit the directory does not
 * have shows its error on the 牵头单位 cell, is fixed in the row, and every row becomes a project of the plan;
 * the plan's projects then export as a workbook holding those rows.
 */
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import { api, choose, expectAccessible, org, shot, signedIn } from './fixtures';

/** Next year, so that every deadline in the table lies ahead whenever the test runs. */
const year = new Date().getFullYear() + 1;
const ROWS: Array<[number, string, string, string, string, string, string]> = [
  [1, '新建中牟县第三实验小学', `${year}年8月投入使用，新增学位1080个，设置24个班，总投资8000万元`, '中牟县教育局', '', '中牟县责任人', `${year}年8月底`],
  [2, '开展教师全员培训', '开展五级培训9000人次', '中牟县', '', '', '年底前'],
  [3, '推进义务教育教师交流轮岗', '交流轮岗教师比例不低于10%', '金水区教育局', '', '', `${year}年6月30日前`],
  [4, '完善课后服务保障机制', '', '惠济区教育局', '', '', `${year}年第三季度`],
  [5, '开展校园安全专项整治', '', '中牟县教育局', '金水区', '', `${year}年10月底`],
];

async function taskTable(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('分解表');
  ws.addRow([`附件：${year}年教育重点工作任务分解表`]);
  ws.addRow(['序号', '重点任务', '具体目标', '牵头单位', '配合单位', '责任人', '完成时限']);
  for (const r of ROWS) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('the coordinator imports the task table, fixes a row in the preview, and exports the projects as xlsx', async ({ browser }) => {
  const plan = await api('coordinator', 'POST', '/api/plans', { name: `${year}年教育重点工作`, year });
  const o = org();
  await api('admin', 'POST', '/api/users', { username: `deputy-${Date.now()}`, displayName: '市督办办公室副主任', password: o.password, role: 'coordinator', unitId: o.cityId });
  const { page } = await signedIn(browser, 'coordinator');
  await page.goto(`/plans/${plan.id}`);
  // The plan's coordinators by name, and another one chosen from the accounts rather than typed.
  const coordinators = page.getByTestId('plan-coordinators');
  await expect(coordinators).toContainText('市督办办公室（郑州市教育局）');
  await coordinators.getByRole('button', { name: '调整督办专员' }).click();
  await choose(page, '督办专员', '市督办办公室副主任（郑州市教育局）');
  // (The list of a multiple choice stays open: a click on the dialog's title closes it.)
  await page.getByRole('dialog').getByText('调整督办专员').click();
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await expect(coordinators).toContainText('市督办办公室副主任（郑州市教育局）');
  expect((await api('coordinator', 'GET', `/api/plans/${plan.id}`)).coordinatorIds).toHaveLength(2);

  await page.getByRole('link', { name: '导入任务分解表' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('导入任务分解表');
  await expect(page.getByRole('button', { name: '下载导入模板' })).toBeVisible();
  await shot(page, 'import-upload');
  await expectAccessible(page, 'import upload');
  // The template downloads with the caller's token, under its Chinese name.
  const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载导入模板' }).click()]);
  expect(template.suggestedFilename()).toBe('重点任务分解表模板.xlsx');

  // Upload: every row previewed, nothing created yet.
  await page.locator('input[type=file]').setInputFiles({ name: '重点任务分解表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await taskTable() });
  const rows = page.getByTestId('import-row');
  await expect(rows).toHaveCount(5);
  expect((await api('coordinator', 'GET', `/api/projects?planId=${plan.id}`)).total).toBe(0);
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('可导入');
  await expect(summary).toContainText('重点任务分解表.xlsx');
  // The kinds guessed from the text.
  await expect(page.getByRole('combobox', { name: '第1行类型' })).toBeVisible();
  await expect(rows.filter({ hasText: '新建中牟县第三实验小学' })).toContainText('学校建设');
  await expect(rows.filter({ hasText: '开展教师全员培训' })).toContainText('培训任务');

  // Row 4 names a unit the directory does not have: the error is on its 牵头单位 cell, in Chinese.
  const bad = page.locator('[data-testid="import-row"][data-line="4"]');
  await expect(bad).toHaveAttribute('data-errors', '1');
  await expect(bad.locator('[data-issue="error"]')).toHaveCount(1);
  await expect(bad.locator('[data-issue="error"]')).toContainText('惠济区教育局');
  const badIssues = page.locator('[data-testid="row-issues"][data-line="4"]');
  await expect(badIssues).toContainText('“牵头单位”中的“惠济区教育局”不在单位名录中');
  await expect(page.locator('[data-testid="import-row"][data-errors="0"]')).toHaveCount(4);
  await expect(page.getByText('还有 1 行有错误')).toBeVisible();
  await shot(page, 'import-preview');
  await expectAccessible(page, 'import preview');

  // Fixed in the row: the lead unit chosen from the directory.
  await choose(page, '第4行牵头单位', '金水区教育局');
  await expect(bad.locator('[data-issue="fixed"]')).toHaveCount(1);
  await expect(badIssues).toContainText('已修正');
  await page.getByRole('button', { name: '确认导入（5行）' }).click();

  // Progress read from the import until it is done, then the link to the plan's projects.
  await expect(page.getByText('导入完成：新建 5 个项目')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('import-row').getByText('已创建')).toHaveCount(5);
  await shot(page, 'import-done');
  await expectAccessible(page, 'import done');

  await page.getByRole('link', { name: '查看本计划的项目' }).click();
  await expect(page).toHaveURL(new RegExp(`/projects\\?planId=${plan.id}`));
  const listed = page.getByTestId('project-row');
  await expect(listed).toHaveCount(5);
  await expect(listed.filter({ hasText: '完善课后服务保障机制' })).toContainText('金水区教育局');

  // The list exports as a workbook with those rows (the plan's filter applied).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出Excel' }).click()]);
  expect(download.suggestedFilename()).toBe('重点项目.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync((await download.path())!) as never);
  const sheet = wb.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(header).toEqual(expect.arrayContaining(['项目名称', '类型', '牵头单位', '状态']));
  const nameCol = header.indexOf('项目名称') + 1;
  const leadCol = header.indexOf('牵头单位') + 1;
  const exported = new Map<string, string>();
  sheet.eachRow((row, n) => {
    if (n > 1) exported.set(String(row.getCell(nameCol).value), String(row.getCell(leadCol).value));
  });
  expect([...exported.keys()].sort()).toEqual(ROWS.map((r) => r[1]).sort());
  expect(exported.get('完善课后服务保障机制')).toBe('金水区教育局');
  expect(exported.get('开展校园安全专项整治')).toBe('中牟县教育局');

  // The fixed row's project names its owner account (the lead unit's owner), not only a free-text name.
  await listed.filter({ hasText: '完善课后服务保障机制' }).getByRole('link').click();
  await expect(page.getByTestId('project-owner')).toHaveText('金水区责任人（金水区教育局）');
  await shot(page, 'project-detail-imported');

  // The notices' outgoing deliveries (e-mail, robots) are a list of their own, with its export.
  await page.goto('/notifications?view=deliveries');
  await expect(page.getByRole('tab', { name: '外发记录', selected: true })).toBeVisible();
  await expect(page.getByRole('button', { name: '导出Excel' })).toBeVisible();
  await shot(page, 'notification-deliveries');
  await expectAccessible(page, 'notification deliveries');
  await page.context().close();
});
