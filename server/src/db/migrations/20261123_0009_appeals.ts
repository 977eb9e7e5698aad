import type { Knex } from 'knex';

const ID = 36;

export async function up(knex: Knex): Promise<void> {
  // Colour appeals (the correction interface of GB/T 38963): one open appeal per person.
  await knex.schema.createTable('appeals', (t) => {
    t.string('id', ID).primary();
    t.string('resident_id', ID).notNullable().references('residents.id');
    // Set while open, NULL once answered: the unique key keeps one open appeal per person
    // even when two arrive at once.
    t.string('open_resident_id', ID).unique();
    t.string('account_id', ID).notNullable();
    t.boolean('by_guardian').notNullable().defaultTo(false);
    t.string('colour_at_filing', 8).notNullable();
    t.text('reason').notNullable();
    t.string('evidence_type', 32);
    // A photo of a test report, base64, at most ~1 MB of image.
    t.text('evidence', 'mediumtext');
    t.string('status', 16).notNullable(); // open | accepted | refused
    t.text('answer');
    t.string('corrected_colour', 8);
    t.string('answered_by', ID);
    t.datetime('answered_at', { precision: 3 });
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['status', 'created_at']);
    t.index(['resident_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('appeals');
}
