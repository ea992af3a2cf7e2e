import { Migration } from '@mikro-orm/migrations';

/**
 * 网格员采集 (issue #14): a change a grid worker found on a visit goes to the owning department as a correction request
 * of its own kind, with the visit's date and the proposed record (JSON, person keys only) its owner may take over.
 */
export class Migration20261205000000_field_reports extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table correction_request add column visited_on date, add column proposal jsonb;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table correction_request drop column visited_on, drop column proposal;');
  }
}
