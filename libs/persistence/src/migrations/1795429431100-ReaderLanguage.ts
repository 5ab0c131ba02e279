import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Texts as data: a user's language (null: follow the client's Accept-Language, else zh-CN), and the message code
 * with its parameters on notifications and deliveries, rendered in the reader's language when read or sent.
 * Rows written before codes keep their stored title and body.
 */
export class ReaderLanguage1795429431100 implements MigrationInterface {
  name = 'ReaderLanguage1795429431100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN locale text CHECK (locale IN ('zh-CN','en'))`);
    await q.query(`ALTER TABLE notifications ADD COLUMN code text, ADD COLUMN params jsonb`);
    await q.query(`ALTER TABLE notification_deliveries ADD COLUMN code text, ADD COLUMN params jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_deliveries DROP COLUMN params, DROP COLUMN code`);
    await q.query(`ALTER TABLE notifications DROP COLUMN params, DROP COLUMN code`);
    await q.query(`ALTER TABLE users DROP COLUMN locale`);
  }
}
