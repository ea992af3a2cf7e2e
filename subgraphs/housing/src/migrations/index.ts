import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000_initial } from './Migration20261125000000_initial';

/** Checked-in migrations, in order. */
export const migrations: MigrationObject[] = [{ name: 'Migration20261125000000_initial', class: Migration20261125000000_initial }];
