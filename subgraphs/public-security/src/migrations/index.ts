import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000_initial } from './Migration20261125000000_initial';
import { Migration20261201000000_floating_search } from './Migration20261201000000_floating_search';
import { Migration20261204000000_registration_corrections } from './Migration20261204000000_registration_corrections';
import { Migration20261205000000_investigation_cases } from './Migration20261205000000_investigation_cases';
import { Migration20261205100000_registration_version } from './Migration20261205100000_registration_version';

/** Checked-in migrations, in order. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261125000000_initial', class: Migration20261125000000_initial },
  { name: 'Migration20261201000000_floating_search', class: Migration20261201000000_floating_search },
  { name: 'Migration20261204000000_registration_corrections', class: Migration20261204000000_registration_corrections },
  { name: 'Migration20261205000000_investigation_cases', class: Migration20261205000000_investigation_cases },
  { name: 'Migration20261205100000_registration_version', class: Migration20261205100000_registration_version },
];
