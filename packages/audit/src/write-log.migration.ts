import { Migration } from '@mikro-orm/migrations';

/**
 * What every department keeps of its own writes (issue #14): `write_request`, the client request id of each write a
 * user made, so that a retry answers the first write instead of writing twice; `record_change`, each record's before
 * and after, append-only, beside the record.
 */
export class Migration20261205100000_write_log extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table write_request (
        user_sub varchar(128) not null,
        client_request_id varchar(64) not null,
        operation varchar(64) not null,
        input_sha256 char(64) not null,
        result_id varchar(64),
        at timestamptz not null default now(),
        primary key (user_sub, client_request_id)
      );`);
    // No foreign key to the records: the seed and the tests truncate and reload a department's tables, and the history
    // of a record outlives that (as the correction histories of ADR 0013 do).
    this.addSql(`
      create table record_change (
        id bigint generated always as identity primary key,
        record_type varchar(40) not null,
        record_id varchar(64) not null,
        operation varchar(64) not null,
        before jsonb,
        after jsonb not null,
        changed_by varchar(128) not null,
        request_id varchar(64) not null,
        client_request_id varchar(64) not null,
        changed_at timestamptz not null default now()
      );`);
    this.addSql('create index record_change_record_idx on record_change (record_type, record_id, id);');
    this.addSql(`
      create function record_change_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'record_change is append-only';
      end $$;`);
    this.addSql(`
      create trigger record_change_append_only before update or delete on record_change
        for each row execute function record_change_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists record_change;');
    this.addSql('drop function if exists record_change_append_only();');
    this.addSql('drop table if exists write_request;');
  }
}

export const writeLogMigrations = [{ name: 'Migration20261205100000_write_log', class: Migration20261205100000_write_log }];
