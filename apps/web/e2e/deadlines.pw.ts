/** A second-scale deadline passes: the reminder reaches the owner's inbox and the escalation the coordinator's, without a page reload. */
import { expect, test } from '@playwright/test';
import { api, org, secondScalePlan, shot, signedIn } from './fixtures';

test('reminder and escalation appear in the open inboxes by themselves', async ({ browser }) => {
  const o = org();
  const plan = await secondScalePlan('秒级督办演练计划');
  const owner = await signedIn(browser, 'owner');
  const coord = await signedIn(browser, 'coordinator');
  await owner.page.goto('/notifications');
  await coord.page.goto('/notifications');
  await expect(owner.page.getByRole('heading', { name: '消息通知' })).toBeVisible();

  const dueAt = new Date(Date.now() + 12_000).toISOString();
  const project = await api('coordinator', 'POST', '/api/projects', {
    kind: 'generic', planId: plan.id, name: '出台集团化办学实施意见', leadUnitId: o.districtId, ownerUserId: o.ownerId,
    startDate: '2026-01-01', dueDate: '2026-12-31', milestones: [{ id: 'opinions', name: '出台实施意见', dueAt }],
  });

  const ownerNotice = owner.page.getByTestId('notice').filter({ hasText: '出台集团化办学实施意见' });
  await expect(ownerNotice.and(owner.page.locator('[data-kind="reminder"]')).first()).toBeVisible({ timeout: 60_000 });
  await expect(owner.page.getByTestId('unread-badge').locator('.ant-badge-count')).toBeVisible();
  await expect(ownerNotice.and(owner.page.locator('[data-kind="overdue"]')).first()).toBeVisible({ timeout: 60_000 });
  await shot(owner.page, 'notifications-owner');

  const escalation = coord.page.getByTestId('notice').and(coord.page.locator('[data-kind="escalation"]'));
  await expect(escalation.first()).toBeVisible({ timeout: 60_000 });
  await shot(coord.page, 'notifications-coordinator');

  // The notice links to its project, whose timeline shows the escalation level.
  await escalation.first().getByRole('link', { name: '查看项目' }).click();
  await expect(coord.page).toHaveURL(new RegExp(`/projects/${project.id}$`));
  await expect(coord.page.getByTestId('milestone').first()).toContainText('级督办');
  await owner.context.close();
  await coord.context.close();
});
