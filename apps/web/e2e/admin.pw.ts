/** The administrator keeps the unit tree, the users and the working-day calendar. */
import { expect, test } from '@playwright/test';
import { choose, expectAccessible, shot, signedIn } from './fixtures';

test('the admin adds a unit, sees the users and publishes a calendar year', async ({ browser }) => {
  const { page } = await signedIn(browser, 'admin');
  await page.goto('/');
  await expect(page).toHaveURL(/\/admin\/units$/);
  await page.getByLabel('单位名称').fill('中牟县第二初级中学');
  await page.getByLabel('单位代码').fill('zm-school-2');
  await choose(page, '类型', '学校');
  await choose(page, '上级单位', '中牟县教育局');
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page.getByRole('tree').getByText('中牟县第二初级中学（学校）')).toBeVisible();
  await shot(page, 'admin-units');
  await expectAccessible(page, 'admin units');

  await page.goto('/admin/users');
  await expect(page.getByRole('cell', { name: '中牟县责任人' })).toBeVisible();
  await shot(page, 'admin-users');
  await expectAccessible(page, 'admin users');

  await page.goto('/admin/calendar');
  await page.getByLabel('年份').fill('2031');
  await page.getByLabel('放假日期').click();
  const panel = page.locator('.ant-picker-dropdown:visible');
  const nowYear = new Date().getFullYear();
  for (let y = nowYear; y < 2031; y += 1) await panel.locator('.ant-picker-header-super-next-btn').click();
  const month = String(new Date().getMonth() + 1).padStart(2, '0');
  await panel.locator(`td[title="2031-${month}-03"]`).click();
  await panel.locator(`td[title="2031-${month}-04"]`).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '发布' }).click();
  await expect(page.getByTestId('calendar-year-2031')).toContainText('管理员发布');
  await expect(page.getByTestId('calendar-year-2031')).toContainText('2 天');
  await shot(page, 'admin-calendar');
  await expectAccessible(page, 'admin calendar');
  await page.context().close();
});
