import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000_initial } from './Migration20261125000000_initial';
import { Migration20261204000000_tenancy_corrections } from './Migration20261204000000_tenancy_corrections';
import { Migration20261206000000_dwelling_registration } from './Migration20261206000000_dwelling_registration';
import { Migration20261207000000_dwelling_version } from './Migration20261207000000_dwelling_version';

/** Checked-in migrations, in order. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261125000000_initial', class: Migration20261125000000_initial },
  { name: 'Migration20261204000000_tenancy_corrections', class: Migration20261204000000_tenancy_corrections },
  { name: 'Migration20261206000000_dwelling_registration', class: Migration20261206000000_dwelling_registration },
  { name: 'Migration20261207000000_dwelling_version', class: Migration20261207000000_dwelling_version },
];
