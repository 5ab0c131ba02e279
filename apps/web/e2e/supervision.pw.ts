/**
 * The main journey across roles: the coordinator creates a plan and a school project from the template;
 * the owner finds it under 我的任务 on a phone-sized screen, has a report refused with the error beside the
 * field, submits one; the coordinator returns it, the owner sees 退回 and resubmits, the coordinator
 * accepts; the dashboard's colour and reason change.
 */
import { expect, test, type Page } from '@playwright/test';
import { api, choose, day, expectAccessible, shot, signedIn } from './fixtures';

async function pickDate(page: Page, label: string, value: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

test('a school project from plan to accepted stage, across coordinator and owner', async ({ browser }) => {
  test.setTimeout(300_000);
  const coord = await signedIn(browser, 'coordinator');
  const c = coord.page;

  // Coordinator: a plan, with the readable deadline-policy editor's defaults.
  await c.goto('/plans/new');
  await c.getByLabel('计划名称').fill('2026年教育重点工程');
  await c.getByRole('button', { name: '创建计划' }).click();
  await expect(c.getByRole('heading', { name: '2026年教育重点工程（2026年）' })).toBeVisible();
  await expect(c.getByText('1级：逾期 1天 后通知单位一把手')).toBeVisible();
  await shot(c, 'plan-detail');

  // ... and a school project from the template: the approval stage already due, so it starts red.
  await c.getByRole('button', { name: '新建项目' }).click();
  await expect(c.getByRole('heading', { name: '新建重点项目' })).toBeVisible();
  // (Enter in a date field submits the form like any field: the dates go first, the form is still incomplete then.)
  await pickDate(c, '开始日期', day(-40));
  await pickDate(c, '开学（投入使用）日期', day(600));
  await pickDate(c, '立项日期', day(-3));
  await c.getByLabel('项目名称').fill('中牟县第一初级中学新建工程');
  await choose(c, '牵头单位', '中牟县教育局');
  // The owner is picked by name from the lead unit's accounts.
  await choose(c, '填报责任人', '中牟县责任人（中牟县教育局）');
  await c.getByLabel('计划学位').fill('1200');
  await c.getByLabel('计划班级').fill('24');
  await c.getByLabel('计划投资').fill('85000000');
  await shot(c, 'project-create');
  await c.getByRole('button', { name: '创建项目' }).click();
  await expect(c.getByRole('heading', { name: '中牟县第一初级中学新建工程' })).toBeVisible({ timeout: 30_000 });
  const projectId = c.url().split('/').pop()!;
  await expect(c.locator('[data-status]').first()).toHaveAttribute('data-status', 'red');
  await expect(c.getByTestId('milestone')).toHaveCount(7);

  // The dashboard lists it among the red projects with its reason.
  await c.goto('/dashboard');
  await expect(c.getByTestId('list-red').getByText('中牟县第一初级中学新建工程')).toBeVisible();
  await expect(c.getByTestId('chart-by-unit')).toHaveAttribute('data-rendered', 'true');
  const redBefore = await c.getByTestId('card-red').locator('.ant-statistic-content-value').innerText();

  // Owner, on a phone: 我的任务 shows it first, with one obvious action.
  const owner = await signedIn(browser, 'owner', { width: 390 });
  const o = owner.page;
  await o.goto('/');
  await expect(o).toHaveURL(/\/my-tasks$/);
  const card = o.getByTestId('task-card').filter({ hasText: '中牟县第一初级中学新建工程' });
  await expect(card).toHaveAttribute('data-status', 'red');
  await shot(o, 'my-tasks-390');
  await card.getByRole('button', { name: '去填报' }).click();
  await o.getByRole('button', { name: '填报进展' }).click();
  const form = o.getByRole('form', { name: '填报进展' });

  // A refused report: the API names the field; the message stands beside it; nothing is created.
  await form.getByLabel('已建成学位').fill('-5');
  await form.getByLabel('进展情况').fill('立项批复已取得。');
  await form.getByRole('button', { name: '提交报告' }).click();
  const seatsItem = form.locator('.ant-form-item').filter({ has: o.getByLabel('已建成学位') });
  await expect(seatsItem.locator('.ant-form-item-explain-error')).toBeVisible();
  await expect(seatsItem.locator('.ant-form-item-explain-error')).toContainText('须为非负整数，实际填写 -5');
  await expect(seatsItem.locator('.ant-form-item-explain-error')).not.toContainText('figures.');
  await expect(form.getByLabel('进展情况')).toHaveValue('立项批复已取得。');
  await shot(o, 'report-refused-390');
  expect(await api('owner', 'GET', `/api/projects/${projectId}/reports`)).toHaveLength(0);

  // A good one, asking to accept the approval stage.
  await form.getByLabel('已建成学位').fill('0');
  await choose(o, '申请验收的节点', '立项');
  await form.getByRole('button', { name: '提交报告' }).click();
  await expect(o.getByTestId('report-row').first()).toContainText('待审核');

  // Coordinator returns it with a comment.
  await c.goto(`/projects/${projectId}`);
  const row = c.getByTestId('report-row').first();
  await row.getByRole('button', { name: '退回' }).click();
  await c.getByLabel('退回意见').fill('请补充立项批复文号');
  await c.getByRole('button', { name: '确定退回' }).click();
  await expect(row).toContainText('退回');

  // The owner sees 退回 with the comment, and submits again.
  await o.reload();
  await expect(o.getByTestId('report-row').first()).toContainText('退回');
  await expect(o.getByTestId('report-row').first()).toContainText('请补充立项批复文号');
  await o.getByRole('button', { name: '填报进展' }).click();
  await choose(o, '申请验收的节点', '立项');
  await form.getByLabel('进展情况').fill('立项批复文号：中发改〔2026〕88号。');
  await form.getByRole('button', { name: '提交报告' }).click();
  await expect(o.getByTestId('report-row').first()).toContainText('待审核');
  await shot(o, 'project-detail-owner-390');
  await expectAccessible(o, 'project detail (owner, 390 px)');

  // The coordinator accepts; the stage is done and the project leaves red.
  await c.reload();
  await c.getByTestId('report-row').first().getByRole('button', { name: '通过' }).click();
  await expect(c.getByTestId('report-row').first()).toContainText('已通过');
  await expect(c.getByTestId('milestone').first()).toHaveAttribute('data-state', 'accepted');
  await expect(c.locator('[data-status]').first()).not.toHaveAttribute('data-status', 'red');
  // The audit trail names who did what, by name, and the automatic steps as the system's.
  const audit = c.getByTestId('audit-trail');
  await expect(audit.getByRole('row').filter({ hasText: '报告退回' })).toContainText('市督办办公室');
  await expect(audit.getByRole('row').filter({ hasText: '提交报告' }).first()).toContainText('中牟县责任人');
  await expect(audit.getByRole('row').filter({ hasText: '状态变化' }).first()).toContainText('系统自动');
  await shot(c, 'project-detail');
  await expectAccessible(c, 'project detail');

  await c.goto('/dashboard');
  await expect(c.getByTestId('dashboard-ready')).toBeVisible();
  await expect(c.getByTestId('list-red').getByText('中牟县第一初级中学新建工程')).toHaveCount(0);
  await expect(c.getByTestId('card-red').locator('.ant-statistic-content-value')).not.toHaveText(redBefore);
  await shot(c, 'dashboard');
  await expectAccessible(c, 'dashboard');
  await coord.context.close();
  await owner.context.close();
});
