import type { Knex } from 'knex';
import * as m0001 from './20261122_0001_residents_and_accounts';
import * as m0002 from './20261122_0002_health_records';
import * as m0003 from './20261122_0003_keys_and_audit';
import * as m0004 from './20261123_0004_relatives';
import * as m0005 from './20261123_0005_venues_and_scans';
import * as m0006 from './20261123_0006_venue_categories_seed';
import * as m0007 from './20261123_0007_tracing';
import * as m0008 from './20261123_0008_face_checks';
import * as m0009 from './20261123_0009_appeals';
import * as m0010 from './20261123_0010_staff_invitations';
import * as m0011 from './20261202_0011_scans_covering_indexes';
import * as m0012 from './20261202_0012_dashboard';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Migrations listed in code rather than found on disk, so they run the same under tsx, jest
 * and compiled JavaScript. Append new ones; never edit or reorder released ones.
 */
const migrations: Array<[string, Migration]> = [
  ['20261122_0001_residents_and_accounts', m0001],
  ['20261122_0002_health_records', m0002],
  ['20261122_0003_keys_and_audit', m0003],
  ['20261123_0004_relatives', m0004],
  ['20261123_0005_venues_and_scans', m0005],
  ['20261123_0006_venue_categories_seed', m0006],
  ['20261123_0007_tracing', m0007],
  ['20261123_0008_face_checks', m0008],
  ['20261123_0009_appeals', m0009],
  ['20261123_0010_staff_invitations', m0010],
  ['20261202_0011_scans_covering_indexes', m0011],
  ['20261202_0012_dashboard', m0012],
];

export const migrationSource: Knex.MigrationSource<[string, Migration]> = {
  getMigrations: async () => migrations,
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};
