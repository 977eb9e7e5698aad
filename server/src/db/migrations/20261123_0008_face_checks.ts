import type { Knex } from 'knex';

// Immutable once released: a change to the schema is a new migration file.

const ID = 36;

export async function up(knex: Knex): Promise<void> {
  // Face checks the server starts itself (R24, Alipay's alipay.user.certify.open.*): whom each
  // was started by and for, so that a binding can use only a passed check of its own guardian,
  // for the same relative, before it expires, once. The relative's ID number and name are kept
  // only as keyed hashes (deps.crypto.hash), never in clear or sealed.
  await knex.schema.createTable('face_checks', (t) => {
    t.string('id', ID).primary();
    // The guardian who started it.
    t.string('resident_id', ID).notNullable().references('residents.id');
    t.string('id_number_hash', 64).notNullable();
    t.string('name_hash', 64).notNullable();
    t.string('provider', 16).notNullable(); // alipay
    // The provider's id of the check (Alipay's certify_id).
    t.string('certify_id', 128).notNullable();
    t.string('state', 16).notNullable(); // started | passed | failed | expired
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('expires_at', { precision: 3 }).notNullable();
    // Set in the binding's transaction: a check binds once.
    t.datetime('used_at', { precision: 3 });
    t.unique(['provider', 'certify_id']);
    t.index(['resident_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('face_checks');
}
