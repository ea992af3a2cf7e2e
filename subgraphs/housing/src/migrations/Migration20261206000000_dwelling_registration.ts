import { Migration } from '@mikro-orm/migrations';

/**
 * 实有房屋登记 (issue #14): the ids housing gives the dwellings it registers. The seed numbers its dwellings from
 * D00000001 up; a registered dwelling takes D90000001 onwards, so the two never meet (the seed of the largest
 * district has well under a million dwellings).
 */
export class Migration20261206000000_dwelling_registration extends Migration {
  override async up(): Promise<void> {
    this.addSql('create sequence dwelling_registration_seq start with 90000001 minvalue 90000001 maxvalue 99999999 no cycle;');
  }

  override async down(): Promise<void> {
    this.addSql('drop sequence if exists dwelling_registration_seq;');
  }
}
