import type { Knex } from 'knex';

const ID = 36;

export async function up(knex: Knex): Promise<void> {
  // Categories officials maintain (R10); a mobile category is for taxis, buses and boats.
  await knex.schema.createTable('venue_categories', (t) => {
    t.string('id', ID).primary();
    t.string('name_zh', 64).notNullable().unique();
    t.string('name_en', 64).notNullable();
    t.boolean('mobile').notNullable().defaultTo(false);
    t.boolean('active').notNullable().defaultTo(true);
    // Display order of the public list (officials' new categories go last).
    t.integer('position').notNullable().defaultTo(0);
    t.datetime('created_at', { precision: 3 }).notNullable();
  });

  // A resident asks officials for a category the list lacks (R10); officials accept or decline.
  await knex.schema.createTable('venue_category_requests', (t) => {
    t.string('id', ID).primary();
    t.string('resident_id', ID).notNullable().references('residents.id');
    t.string('account_id', ID).notNullable().references('accounts.id');
    t.string('name_zh', 64).notNullable();
    t.string('name_en', 64);
    t.boolean('mobile').notNullable().defaultTo(false);
    t.text('note');
    // pending | accepted | declined
    t.string('status', 16).notNullable();
    t.text('reply');
    t.string('category_id', ID).references('venue_categories.id');
    t.string('answered_by', ID);
    t.datetime('answered_at', { precision: 3 });
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['status', 'created_at']);
    t.index(['resident_id', 'created_at']);
  });

  // A venue code application and, once passed, the code (R10, R11, R12).
  await knex.schema.createTable('venues', (t) => {
    t.string('id', ID).primary();
    t.string('owner_resident_id', ID).notNullable().references('residents.id');
    t.string('applicant_account_id', ID).notNullable().references('accounts.id');
    t.string('name', 100).notNullable();
    t.string('category_id', ID).notNullable().references('venue_categories.id');
    t.string('address', 200).notNullable();
    t.string('region', 6).notNullable();
    t.string('uscc', 18).notNullable();
    t.string('unit_name', 100).notNullable();
    t.text('contact_phone_enc').notNullable();
    // Keyed hash of the phone (R34): tells a repeated application from a corrected one.
    t.string('contact_phone_hash', 64);
    t.boolean('mobile').notNullable().defaultTo(false);
    // under_review | passed | failed | revoked | retired
    t.string('status', 16).notNullable();
    t.text('fail_reason');
    t.text('revoke_reason');
    t.string('reviewed_by', ID);
    t.datetime('reviewed_at', { precision: 3 });
    t.string('revoked_by', ID);
    t.datetime('revoked_at', { precision: 3 });
    t.datetime('retired_at', { precision: 3 });
    // The opaque id carried in the poster's signed code, set when the application passes.
    t.string('code_id', 32).unique();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.index(['owner_resident_id', 'status']);
    t.index(['status', 'created_at']);
  });

  // One row per entry (R16, R17): kept RETENTION days (R20), then deleted in batches.
  await knex.schema.createTable('scans', (t) => {
    t.string('id', ID).primary();
    t.string('resident_id', ID).notNullable();
    t.string('venue_id', ID).notNullable();
    // The venue's region, copied at scan time: the travel card and tracing read it without a join.
    t.string('region', 6).notNullable();
    t.datetime('scanned_at', { precision: 3 }).notNullable();
    // Who scanned: the resident himself, or a guardian for a relative (R18).
    t.string('account_id', ID).notNullable();
    t.boolean('by_guardian').notNullable().defaultTo(false);
    // Idempotency (R17): one record per account and client request id.
    t.string('client_request_id', 64).notNullable();
    t.string('request_hash', 64).notNullable();
    t.unique(['account_id', 'client_request_id']);
    // Tracing: who was at this venue in a window; a person's visits; retention by time.
    t.index(['venue_id', 'scanned_at']);
    t.index(['resident_id', 'scanned_at']);
    t.index(['scanned_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('scans');
  await knex.schema.dropTableIfExists('venues');
  await knex.schema.dropTableIfExists('venue_category_requests');
  await knex.schema.dropTableIfExists('venue_categories');
}
