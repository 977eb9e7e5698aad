import type { Knex } from 'knex';
import { isMysql } from '../dialect';

export async function up(knex: Knex): Promise<void> {
  // Code-signing keys (Ed25519): active signs; verify-only and retired keys are kept so that
  // their codes can be judged; revoked keys are published as revoked.
  await knex.schema.createTable('signing_keys', (t) => {
    t.string('kid', 40).primary();
    t.string('alg', 16).notNullable();
    t.text('public_jwk').notNullable();
    t.text('private_enc').notNullable();
    t.string('status', 16).notNullable(); // active | verify | retired | revoked
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('retired_at', { precision: 3 });
    t.datetime('revoked_at', { precision: 3 });
  });

  // Append-only (R33): no endpoint edits it, and the database itself refuses updates and deletes.
  await knex.schema.createTable('audit_log', (t) => {
    t.string('id', 36).primary();
    t.datetime('at', { precision: 3 }).notNullable();
    t.string('actor_id', 36);
    t.string('actor_role', 16).notNullable();
    t.string('action', 64).notNullable();
    t.string('target_type', 32);
    t.string('target_id', 64);
    t.text('details').notNullable();
    t.index(['at']);
    t.index(['target_id', 'at']);
    t.index(['actor_id', 'at']);
  });
  if (isMysql(knex)) {
    await knex.raw(
      "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'",
    );
    await knex.raw(
      "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'",
    );
  } else {
    await knex.raw("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END");
    await knex.raw("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END");
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS audit_log_no_update');
  await knex.raw('DROP TRIGGER IF EXISTS audit_log_no_delete');
  await knex.schema.dropTableIfExists('audit_log');
  await knex.schema.dropTableIfExists('signing_keys');
}
