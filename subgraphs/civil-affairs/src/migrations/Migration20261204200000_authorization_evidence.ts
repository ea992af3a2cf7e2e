import { Migration } from '@mikro-orm/migrations';

/** 授权书 as evidence (issue #15): its number, signing date and the scan's SHA-256 kept with the application. Older applications have none. */
export class Migration20261204200000_authorization_evidence extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table assistance_application
      add column authorization_document_number varchar(40) null,
      add column authorization_signed_on date null,
      add column authorization_file_sha256 char(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table assistance_application
      drop column if exists authorization_document_number,
      drop column if exists authorization_signed_on,
      drop column if exists authorization_file_sha256;`);
  }
}
