import { Migration } from '@mikro-orm/migrations';

/** The person record's version: population's registration writes (迁移, 死亡) check the version the officer saw. */
export class Migration20261205000000_person_version extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table person add column version integer not null default 1;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table person drop column version;');
  }
}
