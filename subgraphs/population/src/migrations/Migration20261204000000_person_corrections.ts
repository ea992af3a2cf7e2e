import { Migration } from '@mikro-orm/migrations';

/** 纠错回流: the corrections population makes to its own person records, before and after, append-only. */
export class Migration20261204000000_person_corrections extends Migration {
  override async up(): Promise<void> {
    // No foreign key to the record: the seed and the tests truncate and reload the department's tables, and a
    // correction's history outlives that.
    this.addSql(`
      create table person_correction (
        id bigserial primary key,
        person_id varchar(25) not null,
        correction_request_id varchar(24),
        before jsonb not null,
        after jsonb not null,
        reason text,
        corrected_by varchar(64) not null,
        corrected_at timestamptz not null
      );`);
    this.addSql('create index person_correction_person_idx on person_correction (person_id, id);');
    this.addSql(`
      create function person_correction_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'person_correction is append-only';
      end $$;`);
    this.addSql(`
      create trigger person_correction_append_only before update or delete on person_correction
        for each row execute function person_correction_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists person_correction;');
    this.addSql('drop function if exists person_correction_append_only();');
  }
}
