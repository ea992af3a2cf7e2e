import { Migration } from '@mikro-orm/migrations';

/** The floating registration's version: 签注/换领 and 注销 check the version the officer saw. */
export class Migration20261205100000_registration_version extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table floating_registration add column version integer not null default 1;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table floating_registration drop column version;');
  }
}
