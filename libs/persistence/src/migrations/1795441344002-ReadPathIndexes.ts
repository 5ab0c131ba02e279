import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes shaped like the reads users wait on (measured by `npm run bench` at 10,000 projects / 100,000 milestones /
 * 1,000,000 notifications):
 * - an inbox page is `recipient, inbox channel, ORDER BY created_at, id`: read in index order with no sort, and its
 *   total/unread counts from the index alone (read_at carried in it);
 * - the unread filter gets its own small index (most notices are read);
 * - the dashboard's overdue list is the open overdue milestones by due date: a partial index of just those.
 * The old (recipient, created_at) index is superseded by the first.
 */
export class ReadPathIndexes1795441344002 implements MigrationInterface {
  name = 'ReadPathIndexes1795441344002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_notifications_inbox_page ON notifications (recipient_user_id, created_at, id) INCLUDE (read_at) WHERE channel = 'inbox'`);
    await q.query(`CREATE INDEX ix_notifications_unread ON notifications (recipient_user_id, created_at, id) WHERE channel = 'inbox' AND read_at IS NULL`);
    await q.query(`DROP INDEX ix_notifications_inbox`);
    await q.query(`CREATE INDEX ix_milestones_open_overdue ON milestones (due_at) WHERE overdue AND state <> 'accepted'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_milestones_open_overdue`);
    await q.query(`CREATE INDEX ix_notifications_inbox ON notifications (recipient_user_id, created_at)`);
    await q.query(`DROP INDEX ix_notifications_unread`);
    await q.query(`DROP INDEX ix_notifications_inbox_page`);
  }
}
