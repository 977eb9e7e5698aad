import type { Knex } from 'knex';

const ID = 36;

export async function up(knex: Knex): Promise<void> {
  // An official invites a colleague to a staff role: a one-time code, redeemed by the
  // colleague's own login, so no role is ever given to an account by guessing its id.
  await knex.schema.createTable('staff_invitations', (t) => {
    t.string('id', ID).primary();
    t.string('code_hash', 64).notNullable().unique();
    t.string('role', 16).notNullable();
    t.string('display_name', 64).notNullable();
    t.string('created_by', ID).notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('expires_at', { precision: 3 }).notNullable();
    t.string('redeemed_by', ID);
    t.datetime('redeemed_at', { precision: 3 });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('staff_invitations');
}
