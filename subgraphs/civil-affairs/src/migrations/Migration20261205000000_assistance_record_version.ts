import { Migration } from '@mikro-orm/migrations';

/** The assistance record's version: ending a benefit (终止) checks the version the caseworker saw. */
export class Migration20261205000000_assistance_record_version extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table assistance_record add column version integer not null default 1;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table assistance_record drop column version;');
  }
}
