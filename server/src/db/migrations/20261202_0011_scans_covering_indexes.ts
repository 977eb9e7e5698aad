import type { Knex } from 'knex';

// Immutable once released: a change to the schema is a new migration file.

/**
 * Tracing and the colour rules read scans by venue and time (who was there) and by person and
 * time (where he went), and want the person, venue and region of each. With those columns in
 * the two indexes, the reads are answered from the index alone: a first trace of a case whose
 * scans are not in memory no longer pays one random read of the table per scan found
 * (docs/performance.md). The wider indexes replace the narrow ones, whose every use they cover;
 * they are added before the old ones go, so no read is ever left without one.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('scans', (t) => {
    t.index(['venue_id', 'scanned_at', 'resident_id', 'region']);
    t.index(['resident_id', 'scanned_at', 'venue_id', 'region']);
  });
  await knex.schema.alterTable('scans', (t) => {
    t.dropIndex(['venue_id', 'scanned_at']);
    t.dropIndex(['resident_id', 'scanned_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('scans', (t) => {
    t.index(['venue_id', 'scanned_at']);
    t.index(['resident_id', 'scanned_at']);
  });
  await knex.schema.alterTable('scans', (t) => {
    t.dropIndex(['venue_id', 'scanned_at', 'resident_id', 'region']);
    t.dropIndex(['resident_id', 'scanned_at', 'venue_id', 'region']);
  });
}
