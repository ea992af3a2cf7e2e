import { Migration } from '@mikro-orm/migrations';

/**
 * 核对报告 are kept (append-only: a re-check is a new report); the income window becomes configuration next
 * to the standard; a refusal records its written reason (社会救助暂行办法 Art. 11: refusals are explained).
 */
export class Migration20261126100000_subsistence_check_report extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table subsistence_check_report (
      id varchar(40) primary key,
      application_id varchar(20) not null references assistance_application (id),
      household_id varchar(16) not null,
      checked_at timestamptz not null,
      checked_by varchar(64) not null,
      request_id varchar(64) not null,
      rule_version varchar(32) not null,
      eligible boolean not null,
      reasons jsonb not null,
      facts jsonb not null
    );`);
    this.addSql('create index subsistence_check_report_application_idx on subsistence_check_report (application_id, checked_at desc);');
    this.addSql('alter table subsistence_standard add column income_months integer not null default 3 check (income_months between 1 and 12);');
    this.addSql('alter table assistance_application add column decision_reason varchar(500);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists subsistence_check_report;');
    this.addSql('alter table subsistence_standard drop column if exists income_months;');
    this.addSql('alter table assistance_application drop column if exists decision_reason;');
  }
}
