import type { Knex } from 'knex';

// Immutable once released: a change to the schema is a new migration file.

const ID = 36;

export async function up(knex: Knex): Promise<void> {
  // Confirmed cases recorded by officials (R31): red until closed (R4).
  await knex.schema.createTable('confirmed_cases', (t) => {
    t.string('id', ID).primary();
    t.string('resident_id', ID).notNullable().references('residents.id');
    // Equal to resident_id while the case is open, NULL once closed: the unique key makes "one
    // open case per person" hold under concurrent requests too (NULLs never collide).
    t.string('open_resident_id', ID).unique();
    // Local calendar day (China Standard Time) the symptoms began, YYYY-MM-DD.
    t.string('onset_date', 10).notNullable();
    t.text('note');
    t.datetime('confirmed_at', { precision: 3 }).notNullable();
    t.string('recorded_by', ID).notNullable().references('accounts.id');
    // The last tracing run: the period of the case's visits it read and the window it used.
    t.datetime('traced_at', { precision: 3 });
    t.datetime('trace_from', { precision: 3 });
    t.datetime('trace_to', { precision: 3 });
    t.integer('window_before_minutes');
    t.integer('window_after_minutes');
    t.datetime('closed_at', { precision: 3 });
    t.string('closed_by', ID).references('accounts.id');
    t.text('close_reason');
    t.index(['resident_id', 'confirmed_at']);
  });

  // The case's venue visits that tracing read, copied from scans: the report outlives the scans'
  // retention (R20) and says the same thing each time it is read.
  await knex.schema.createTable('case_visits', (t) => {
    t.string('id', ID).primary();
    t.string('case_id', ID).notNullable().references('confirmed_cases.id');
    t.string('scan_id', ID).notNullable();
    t.string('venue_id', ID).notNullable().references('venues.id');
    t.string('region', 6).notNullable();
    t.datetime('at', { precision: 3 }).notNullable();
    t.unique(['case_id', 'scan_id']);
    t.index(['case_id', 'at']);
  });

  // Contact flags (R32): one per (case, person, venue, time of the person's scan), so tracing the
  // same case again adds nothing twice. `at` is when the contact happened, `flagged_at` when
  // tracing found it (what an official's override yields to, docs/colour-rules.md).
  await knex.schema.createTable('contacts', (t) => {
    t.string('id', ID).primary();
    t.string('case_id', ID).notNullable().references('confirmed_cases.id');
    t.string('resident_id', ID).notNullable().references('residents.id');
    t.string('venue_id', ID).notNullable().references('venues.id');
    t.datetime('at', { precision: 3 }).notNullable();
    // The case's visit the scan overlapped (the earliest, when windows of two visits overlap).
    t.datetime('case_visit_at', { precision: 3 }).notNullable();
    t.datetime('flagged_at', { precision: 3 }).notNullable();
    t.unique(['case_id', 'resident_id', 'venue_id', 'at']);
    // The colour rules read a person's flags of the last 14 days.
    t.index(['resident_id', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('contacts');
  await knex.schema.dropTableIfExists('case_visits');
  await knex.schema.dropTableIfExists('confirmed_cases');
}
