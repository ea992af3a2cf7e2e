import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000_initial } from './Migration20261125000000_initial';
import { Migration20261126000000_application_grid_index } from './Migration20261126000000_application_grid_index';
import { Migration20261126100000_subsistence_check_report } from './Migration20261126100000_subsistence_check_report';
import { Migration20261204200000_authorization_evidence } from './Migration20261204200000_authorization_evidence';
import { Migration20261205000000_assistance_record_version } from './Migration20261205000000_assistance_record_version';

/** Checked-in migrations, in order. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261125000000_initial', class: Migration20261125000000_initial },
  { name: 'Migration20261126000000_application_grid_index', class: Migration20261126000000_application_grid_index },
  { name: 'Migration20261126100000_subsistence_check_report', class: Migration20261126100000_subsistence_check_report },
  { name: 'Migration20261204200000_authorization_evidence', class: Migration20261204200000_authorization_evidence },
  { name: 'Migration20261205000000_assistance_record_version', class: Migration20261205000000_assistance_record_version },
];
