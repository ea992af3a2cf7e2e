import { Migration } from '@mikro-orm/migrations';

/** assistanceApplications lists a jurisdiction's applications by grid_code prefix in id order. */
export class Migration20261126000000_application_grid_index extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index assistance_application_grid_idx on assistance_application (grid_code text_pattern_ops, id);');
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists assistance_application_grid_idx;');
  }
}
