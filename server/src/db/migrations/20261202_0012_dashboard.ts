import type { Knex } from 'knex';

// Immutable once released: a change to the schema is a new migration file.

/**
 * The officials' dashboard (issue 6): what its charts read that the other tables cannot answer
 * from an index alone.
 */
export async function up(knex: Knex): Promise<void> {
  // Colours are computed, never stored (R4): a job counts everyone's colour and keeps one row per
  // local day (China Standard Time, YYYY-MM-DD) and colour, so the 14-day trend is a key range.
  await knex.schema.createTable('colour_snapshots', (t) => {
    t.string('day', 10).notNullable();
    t.string('colour', 8).notNullable();
    t.integer('count').notNullable();
    t.datetime('computed_at', { precision: 3 }).notNullable();
    t.primary(['day', 'colour']);
  });

  // Scans per hour, for hours that can no longer change (older than the 24 h an offline scan may
  // be late, R17): counted once from the (scanned_at) index, then read back by key.
  await knex.schema.createTable('scan_hour_counts', (t) => {
    t.datetime('hour_start', { precision: 3 }).notNullable().primary();
    t.integer('count').notNullable();
    t.datetime('computed_at', { precision: 3 }).notNullable();
  });

  // Recent cases newest first (contacts found per case) without reading every case.
  await knex.schema.alterTable('confirmed_cases', (t) => {
    t.index(['confirmed_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('confirmed_cases', (t) => {
    t.dropIndex(['confirmed_at']);
  });
  await knex.schema.dropTableIfExists('scan_hour_counts');
  await knex.schema.dropTableIfExists('colour_snapshots');
}
