import { Migration } from '@mikro-orm/migrations';

/**
 * The dwelling record's version: 产权转移登记 checks the version the officer saw (no silent overwrite of the owners).
 * The seed's COPY names no version, so its dwellings take the default, 1.
 */
export class Migration20261207000000_dwelling_version extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table dwelling add column version integer not null default 1;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table dwelling drop column version;');
  }
}
