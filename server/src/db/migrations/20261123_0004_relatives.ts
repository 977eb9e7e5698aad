import type { Knex } from 'knex';

// Immutable once released: a change to the schema is a new migration file.

const ID = 36;

export async function up(knex: Knex): Promise<void> {
  // Family codes (R21-R26): a guardian's resident record binds a relative's. Bindings belong to
  // the guardian's resident, not to a login, so his WeChat and Alipay logins share them.
  await knex.schema.createTable('relative_bindings', (t) => {
    t.string('id', ID).primary();
    t.string('guardian_id', ID).notNullable().references('residents.id');
    t.string('relative_id', ID).notNullable().references('residents.id');
    t.string('relationship', 16); // child | grandchild | parent | grandparent | spouse | sibling | other
    // How the relative's identity was confirmed (R24): face | child-under-7. Never assumed.
    t.string('confirmed_by', 16).notNullable();
    t.string('face_check_provider', 16);
    t.string('face_check_ref', 128);
    t.string('bound_by', ID).notNullable().references('accounts.id');
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.unique(['guardian_id', 'relative_id']);
    t.index(['relative_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('relative_bindings');
}
