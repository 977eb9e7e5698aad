import type { Knex } from 'knex';

// Immutable once released: a change to the schema is a new migration file.

const ID = 36; // application-made ids (UUIDv7 text)

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('residents', (t) => {
    t.string('id', ID).primary();
    // The opaque id carried in codes: says nothing about the person and can be rotated.
    t.string('code_id', 32).notNullable().unique();
    t.text('name_enc').notNullable();
    t.text('id_number_enc').notNullable();
    t.string('id_number_hash', 64).notNullable().unique();
    t.text('phone_enc');
    t.string('phone_hash', 64).index();
    t.string('birth_date', 10).notNullable();
    t.string('sex', 6).notNullable();
    t.string('region', 6).notNullable();
    // true: registered by the person; false: known only as someone's relative (R2, R23).
    t.boolean('independent').notNullable().defaultTo(true);
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });

  await knex.schema.createTable('accounts', (t) => {
    t.string('id', ID).primary();
    t.string('platform', 16).notNullable(); // wechat | alipay | dev
    t.string('platform_uid', 128).notNullable();
    t.string('resident_id', ID).references('residents.id');
    t.string('role', 16).notNullable().defaultTo('resident');
    t.string('display_name', 64);
    // Keyed hashes of the real-name record the login platform shared at the last login (R3).
    t.string('platform_name_hash', 64);
    t.string('platform_id_hash', 64);
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('last_login_at', { precision: 3 });
    t.unique(['platform', 'platform_uid']);
    t.index(['resident_id']);
  });

  await knex.schema.createTable('sms_codes', (t) => {
    t.string('id', ID).primary();
    t.string('phone_hash', 64).notNullable();
    t.string('code_hash', 64).notNullable();
    t.integer('tries').notNullable().defaultTo(0);
    t.datetime('expires_at', { precision: 3 }).notNullable();
    t.datetime('consumed_at', { precision: 3 });
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['phone_hash', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sms_codes');
  await knex.schema.dropTableIfExists('accounts');
  await knex.schema.dropTableIfExists('residents');
}
