import type { Knex } from 'knex';

const ID = 36;

export async function up(knex: Knex): Promise<void> {
  // Testing institutions and vaccination units, with their API credentials (R28, R29).
  await knex.schema.createTable('institutions', (t) => {
    t.string('id', ID).primary();
    t.string('name', 128).notNullable();
    t.string('kind', 16).notNullable(); // testing | vaccination
    t.string('key_id', 40).notNullable().unique();
    t.string('secret_hash', 64).notNullable();
    t.string('status', 16).notNullable().defaultTo('active'); // active | revoked
    t.string('created_by', ID).notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('revoked_at', { precision: 3 });
  });

  await knex.schema.createTable('test_results', (t) => {
    t.string('id', ID).primary();
    t.string('resident_id', ID).notNullable().references('residents.id');
    t.string('institution_id', ID).notNullable().references('institutions.id');
    t.string('external_id', 64).notNullable();
    t.string('result', 16).notNullable(); // negative | positive
    t.datetime('sampled_at', { precision: 3 }).notNullable();
    t.datetime('reported_at', { precision: 3 }).notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.unique(['institution_id', 'external_id']);
    t.index(['resident_id', 'sampled_at']);
  });

  await knex.schema.createTable('vaccinations', (t) => {
    t.string('id', ID).primary();
    t.string('resident_id', ID).notNullable().references('residents.id');
    t.string('institution_id', ID).notNullable().references('institutions.id');
    t.string('external_id', 64).notNullable();
    t.integer('dose_number').notNullable();
    t.string('vaccine', 64).notNullable();
    t.datetime('vaccinated_at', { precision: 3 }).notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.unique(['institution_id', 'external_id']);
    t.index(['resident_id', 'vaccinated_at']);
  });

  // Health and trip declarations (R36): JSON as text on both databases.
  await knex.schema.createTable('declarations', (t) => {
    t.string('id', ID).primary();
    t.string('resident_id', ID).notNullable().references('residents.id');
    t.string('account_id', ID).notNullable().references('accounts.id');
    t.text('symptoms').notNullable();
    t.decimal('temperature', 4, 1);
    t.text('trips').notNullable();
    t.datetime('declared_at', { precision: 3 }).notNullable();
    t.index(['resident_id', 'declared_at']);
  });

  // Risk areas by division code, with a level and a period (R4, R30, R31).
  await knex.schema.createTable('risk_areas', (t) => {
    t.string('id', ID).primary();
    t.string('region', 6).notNullable();
    t.string('level', 8).notNullable(); // medium | high
    t.datetime('starts_at', { precision: 3 }).notNullable();
    t.datetime('ends_at', { precision: 3 });
    t.string('created_by', ID).notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['region', 'starts_at']);
  });

  // Officials' colour corrections, each with a reason (R4, R31).
  await knex.schema.createTable('colour_overrides', (t) => {
    t.string('id', ID).primary();
    t.string('resident_id', ID).notNullable().references('residents.id');
    t.string('colour', 8).notNullable();
    t.text('reason').notNullable();
    t.string('official_id', ID).notNullable().references('accounts.id');
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('expires_at', { precision: 3 });
    t.datetime('cleared_at', { precision: 3 });
    t.string('cleared_by', ID);
    t.index(['resident_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['colour_overrides', 'risk_areas', 'declarations', 'vaccinations', 'test_results', 'institutions']) {
    await knex.schema.dropTableIfExists(table);
  }
}
