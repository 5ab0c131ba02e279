/** A dispatch round lists the unit that has not reported; a circular downloads as a real xlsx workbook. */
import { expect, test } from '@playwright/test';
import * as fs from 'node:fs';
import { api, day, expectAccessible, org, shot, signedIn } from './fixtures';

test('a dispatch round shows who is missing, and the circular downloads as xlsx', async ({ browser }) => {
  const o = org();
  const plan = await api('coordinator', 'POST', '/api/plans', { name: '2026年调度计划', year: 2026 });
  const school = (name: string, leadUnitId: string, ownerUserId: string) =>
    api('coordinator', 'POST', '/api/projects', {
      kind: 'school_construction', planId: plan.id, name, leadUnitId, ownerUserId, startDate: day(-30), dueDate: day(500),
      targets: { seatsPlanned: 900, classesPlanned: 18, investmentPlanned: 50_000_000 },
    });
  await school('中牟县实验小学扩建', o.districtId, o.ownerId);
  await school('金水区文化路小学新建', o.otherDistrictId, o.otherOwnerId);

  const { page } = await signedIn(browser, 'coordinator');
  await page.goto(`/plans/${plan.id}`);
  await page.getByRole('button', { name: '立即发起一轮调度' }).click();
  await expect(page.getByTestId('round-row')).toHaveCount(1, { timeout: 30_000 });
  // One unit reports inside the window; the other stays missing.
  const [mine] = (await api('owner', 'GET', `/api/projects?planId=${plan.id}`)).items;
  await api('owner', 'POST', `/api/projects/${mine.id}/reports`, { narrative: '基础施工中。', figures: { seatsDelivered: 0 } });
  await page.getByTestId('round-row').first().click();
  await expect(page.getByTestId('missing-row').filter({ hasText: '金水区教育局' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('reported-row').filter({ hasText: '中牟县教育局' })).toBeVisible({ timeout: 30_000 });
  await shot(page, 'dispatch-round');
  await expectAccessible(page, 'plan detail');

  await api('coordinator', 'POST', '/api/circulars', { planId: plan.id });
  await page.goto(`/circulars?planId=${plan.id}`);
  // (The menu's 督办通报 is a link too: the circular's own link is the one in the table, named by its issue.)
  const circularLink = page.getByRole('table').getByRole('link', { name: /第1期/ });
  await expect(circularLink).toBeVisible();
  await shot(page, 'circulars');
  await expectAccessible(page, 'circulars');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载表格' }).first().click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(bytes.includes(Buffer.from('xl/workbook.xml'))).toBe(true);

  await circularLink.click();
  await expect(page.frameLocator('iframe[title="通报正文"]').locator('body')).toContainText('金水区');
  await shot(page, 'circular-view');
  await expectAccessible(page, 'circular view');
  await page.context().close();
});
