import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000_initial } from './Migration20261125000000_initial';
import { Migration20261204000000_grid_events } from './Migration20261204000000_grid_events';
import { Migration20261204010000_correction_requests } from './Migration20261204010000_correction_requests';
import { Migration20261205000000_field_reports } from './Migration20261205000000_field_reports';
import { Migration20261205100000_grid_worker_version } from './Migration20261205100000_grid_worker_version';

/** Checked-in migrations, in order. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261125000000_initial', class: Migration20261125000000_initial },
  { name: 'Migration20261204000000_grid_events', class: Migration20261204000000_grid_events },
  { name: 'Migration20261204010000_correction_requests', class: Migration20261204010000_correction_requests },
  { name: 'Migration20261205000000_field_reports', class: Migration20261205000000_field_reports },
  { name: 'Migration20261205100000_grid_worker_version', class: Migration20261205100000_grid_worker_version },
];
