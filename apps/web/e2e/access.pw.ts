/** Each role sees its own menu; an owner cannot open another unit's project by typing its URL; leaders read only. */
import { expect, test } from '@playwright/test';
import { api, day, expectAccessible, org, shot, signedIn } from './fixtures';

test('an owner cannot see another unit’s project by URL, nor the coordinator screens', async ({ browser }) => {
  const o = org();
  const plan = await api('coordinator', 'POST', '/api/plans', { name: '权限检查计划', year: 2026 });
  const other = await api('coordinator', 'POST', '/api/projects', {
    kind: 'generic', planId: plan.id, name: '金水区课后服务全覆盖', leadUnitId: o.otherDistrictId, ownerUserId: o.otherOwnerId,
    startDate: day(-10), dueDate: day(100), milestones: [{ name: '制定方案', dueDate: day(30) }],
  });
  const { page } = await signedIn(browser, 'owner');
  await page.goto(`/projects/${other.id}`);
  await expect(page.getByText('无法查看')).toBeVisible();
  await expect(page.getByText('金水区课后服务全覆盖')).toHaveCount(0);
  await shot(page, 'owner-other-unit-project');
  const menu = page.getByRole('menu', { name: '主菜单' });
  await expect(menu.getByText('我的任务')).toBeVisible();
  await expect(menu.getByText('督办总览')).toHaveCount(0);
  await page.goto('/dashboard');
  await expect(page.getByText('您没有权限访问此页面')).toBeVisible();
  await page.goto('/my-tasks');
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await expectAccessible(page, 'my tasks');
  await page.goto('/notifications');
  await expect(page.getByRole('heading', { name: '消息通知' })).toBeVisible();
  await expectAccessible(page, 'notifications');
  await page.context().close();

  // The other unit's owner does see it.
  const theirs = await signedIn(browser, 'other-owner');
  await theirs.page.goto(`/projects/${other.id}`);
  await expect(theirs.page.getByRole('heading', { name: '金水区课后服务全覆盖' })).toBeVisible();
  await theirs.context.close();
});

test('a leader reads the dashboard and circulars, with no buttons that change anything', async ({ browser }) => {
  const { page } = await signedIn(browser, 'leader');
  await page.goto('/');
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('dashboard-ready')).toBeVisible();
  await page.goto('/projects');
  await expect(page.getByRole('heading', { name: '重点项目' })).toBeVisible();
  await expect(page.getByRole('button', { name: '新建项目' })).toHaveCount(0);
  await expect(page.locator('.ant-table-row').first()).toBeVisible();
  await shot(page, 'projects');
  await expectAccessible(page, 'projects');
  await page.goto('/plans');
  await expect(page.getByRole('button', { name: '新建计划' })).toHaveCount(0);
  await shot(page, 'plans');
  await expectAccessible(page, 'plans');
  await page.goto('/rectifications');
  await expect(page.getByRole('heading', { name: '整改事项' })).toBeVisible();
  await expect(page.getByRole('button', { name: '下发整改' })).toHaveCount(0);
  await shot(page, 'rectifications');
  await page.goto('/admin/users');
  await expect(page.getByText('您没有权限访问此页面')).toBeVisible();
  await page.context().close();
});

test('the login page signs in and returns to where the user was', async ({ browser }) => {
  const o = org();
  const context = await browser.newContext({ baseURL: o.base, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto('/projects?status=red');
  await expect(page).toHaveURL(/\/login\?redirect=/);
  await expectAccessible(page, 'login');
  await shot(page, 'login');
  await page.getByLabel('用户名').fill('coordinator');
  await page.getByLabel('密码').fill('wrong-password-1');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('密码').fill(o.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/projects\?status=red$/);
  await expect(page.getByTestId('current-user')).toContainText('市督办办公室');
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await context.close();
});
