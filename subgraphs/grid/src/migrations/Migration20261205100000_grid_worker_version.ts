import { Migration } from '@mikro-orm/migrations';

/** The grid worker's version: a reassignment to another grid checks the version the supervisor saw. */
export class Migration20261205100000_grid_worker_version extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table grid_worker add column version integer not null default 1;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table grid_worker drop column version;');
  }
}
