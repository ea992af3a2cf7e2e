import { Migration } from '@mikro-orm/migrations';

/** 纠错回流: correction requests the grid center raises to the department owning the wrong record, and their history. */
export class Migration20261204010000_correction_requests extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table correction_request (
        id varchar(24) primary key,
        discrepancy_key text not null,
        kind varchar(48) not null,
        grid_code char(15) not null,
        person_id varchar(25),
        records jsonb not null,
        target_department varchar(16) not null check (target_department in ('POPULATION','HOUSING','CIVIL_AFFAIRS','PUBLIC_SECURITY')),
        record_type varchar(32) not null,
        record_id varchar(32) not null,
        proposed_correction text not null,
        status varchar(10) not null check (status in ('RAISED','ACCEPTED','REJECTED')),
        answer text,
        raised_by varchar(64) not null,
        raised_at timestamptz not null,
        resolved_by varchar(64),
        resolved_at timestamptz,
        version integer not null,
        check ((status = 'RAISED') = (resolved_at is null)),
        check (status <> 'REJECTED' or answer is not null)
      );`);
    // One open request per discrepancy: raising it twice while the department has not answered is refused.
    this.addSql(`create unique index correction_request_open_idx on correction_request (discrepancy_key) where status = 'RAISED';`);
    this.addSql('create index correction_request_key_idx on correction_request (discrepancy_key, raised_at desc);');
    this.addSql('create index correction_request_queue_idx on correction_request (target_department, grid_code, id);');
    this.addSql('create index correction_request_grid_idx on correction_request (grid_code, id);');
    this.addSql(`
      create table correction_request_history (
        id bigserial primary key,
        request_id varchar(24) not null references correction_request(id),
        version integer not null,
        action varchar(10) not null check (action in ('RAISED','ACCEPTED','REJECTED')),
        actor varchar(64) not null,
        actor_department varchar(16) not null,
        at timestamptz not null,
        before jsonb,
        after jsonb not null,
        unique (request_id, version)
      );`);
    // Append-only: the history is the before/after record of every write, so it is never changed afterwards.
    this.addSql(`
      create function correction_request_history_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'correction_request_history is append-only';
      end $$;`);
    this.addSql(`
      create trigger correction_request_history_append_only before update or delete on correction_request_history
        for each row execute function correction_request_history_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists correction_request_history;');
    this.addSql('drop function if exists correction_request_history_append_only();');
    this.addSql('drop table if exists correction_request;');
  }
}
