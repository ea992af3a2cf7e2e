import { Migration } from '@mikro-orm/migrations';

/** 案件登记: the police cases CASE_INVESTIGATION requests are verified against (issue #15 part 4), and whom each concerns. */
export class Migration20261205000000_investigation_cases extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table investigation_case (
        case_number varchar(64) primary key,
        summary text not null,
        jurisdiction varchar(15) not null,
        opened_by varchar(64) not null,
        opened_by_name varchar(64) not null,
        opened_on date not null,
        closed_on date,
        closed_by varchar(64),
        closing_reason text,
        constraint investigation_case_closed_together check ((closed_on is null) = (closed_by is null)),
        constraint investigation_case_closed_after_opening check (closed_on is null or closed_on >= opened_on)
      );`);
    this.addSql('create index investigation_case_jurisdiction_idx on investigation_case (jurisdiction text_pattern_ops, case_number);');
    this.addSql(`
      create table investigation_case_subject (
        case_number varchar(64) not null references investigation_case (case_number) on delete cascade,
        person_id varchar(25) not null,
        primary key (case_number, person_id)
      );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists investigation_case_subject;');
    this.addSql('drop table if exists investigation_case;');
  }
}
