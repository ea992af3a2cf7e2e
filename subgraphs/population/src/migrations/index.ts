import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000_initial } from './Migration20261125000000_initial';
import { Migration20261204000000_person_corrections } from './Migration20261204000000_person_corrections';
import { Migration20261205000000_person_version } from './Migration20261205000000_person_version';

/** Checked-in migrations, in order. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261125000000_initial', class: Migration20261125000000_initial },
  { name: 'Migration20261204000000_person_corrections', class: Migration20261204000000_person_corrections },
  { name: 'Migration20261205000000_person_version', class: Migration20261205000000_person_version },
];
