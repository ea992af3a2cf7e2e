import { Migration } from '@mikro-orm/migrations';

/**
 * 网格事件 (the grid's closed loop, issue #10): the dated event-category code table with its SLA hours, the events,
 * their attachments (bytes kept in PostgreSQL), the people involved (person keys only) and the append-only step
 * history. Categories are configuration: a changed SLA is a new row with a later valid_from, never an edit.
 */
export class Migration20261204000000_grid_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table event_category (
        id serial primary key,
        code varchar(8) not null,
        name varchar(64) not null,
        parent_code varchar(8),
        default_department varchar(20),
        sla_hours_normal numeric(8,3) not null check (sla_hours_normal > 0),
        sla_hours_urgent numeric(8,3) not null check (sla_hours_urgent > 0),
        sla_hours_critical numeric(8,3) not null check (sla_hours_critical > 0),
        valid_from date not null,
        valid_to date,
        check (valid_to is null or valid_to > valid_from),
        unique (code, valid_from)
      );`);
    this.addSql(`
      create table grid_event (
        id bigint generated always as identity primary key,
        category_code varchar(8) not null,
        grid_code varchar(15) not null references grid(code),
        address varchar(200) not null,
        dwelling_id varchar(16),
        description varchar(2000) not null,
        person_ids varchar(25)[] not null default '{}',
        priority varchar(10) not null check (priority in ('NORMAL','URGENT','CRITICAL')),
        status varchar(12) not null check (status in ('REPORTED','ACCEPTED','RETURNED','DISPATCHED','IN_PROGRESS','HANDLED','CLOSED','FOLLOWED_UP')),
        reporter_sub varchar(64) not null,
        reporter_name varchar(64) not null,
        reported_at timestamptz not null,
        accepted_at timestamptz,
        return_reason varchar(500),
        assigned_department varchar(20),
        dispatched_at timestamptz,
        sla_hours numeric(8,3),
        deadline timestamptz,
        started_at timestamptz,
        handled_at timestamptz,
        handling_result varchar(2000),
        closed_at timestamptz,
        followed_up_at timestamptz,
        satisfaction smallint check (satisfaction between 1 and 5),
        follow_up_note varchar(500),
        escalation_count int not null default 0,
        escalated_at timestamptz,
        escalation_note varchar(500),
        version int not null default 1,
        updated_at timestamptz not null
      );`);
    // text_pattern_ops: every list narrows by a grid-code prefix (LIKE '120112003%') under a non-C collation.
    this.addSql('create index grid_event_grid_idx on grid_event (grid_code text_pattern_ops, id);');
    this.addSql(`create index grid_event_queue_idx on grid_event (assigned_department, deadline) where status in ('DISPATCHED','IN_PROGRESS','HANDLED');`);
    this.addSql(`create index grid_event_overdue_idx on grid_event (deadline) where status in ('DISPATCHED','IN_PROGRESS');`);
    this.addSql('create index grid_event_reporter_idx on grid_event (reporter_sub);');
    this.addSql(`
      create table grid_event_attachment (
        id bigint generated always as identity primary key,
        event_id bigint not null references grid_event(id),
        file_name varchar(200) not null,
        content_type varchar(40) not null check (content_type in ('image/jpeg','image/png','application/pdf')),
        size_bytes int not null check (size_bytes > 0 and size_bytes <= 524288),
        sha256 char(64) not null,
        content bytea not null,
        uploaded_by varchar(64) not null,
        uploaded_at timestamptz not null
      );`);
    this.addSql('create index grid_event_attachment_event_idx on grid_event_attachment (event_id);');
    this.addSql(`
      create table grid_event_step (
        id bigint generated always as identity primary key,
        event_id bigint not null references grid_event(id),
        action varchar(20) not null,
        from_status varchar(12),
        to_status varchar(12) not null,
        actor_sub varchar(64) not null,
        actor_name varchar(64) not null,
        actor_department varchar(20) not null,
        actor_role varchar(16) not null,
        request_id varchar(64),
        at timestamptz not null,
        note varchar(2000),
        before_state jsonb,
        after_state jsonb not null
      );`);
    this.addSql('create index grid_event_step_event_idx on grid_event_step (event_id, id);');
    // The history is the event's electronic file (条例 Art. 14): rows are append-only. TRUNCATE stays possible: a
    // reseeded district (TRUNCATE grid … CASCADE) replaces its grids and so its events.
    this.addSql(`
      create function grid_event_step_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'grid_event_step is append-only';
      end $$;`);
    this.addSql(`
      create trigger grid_event_step_append_only before update or delete on grid_event_step
        for each row execute function grid_event_step_append_only();`);
    const rows: Array<[code: string, name: string, parent: string | null, department: string | null, normal: number, urgent: number, critical: number]> = [
      // [I] A district's 事项清单 (条例 Art. 10), local configuration: main classes XX00, sub-classes XXYY. Disputes
      // follow GB/T 31000's 矛盾纠纷事件类型 main classes (01 婚恋家庭, 02 邻里, 04 物权, 07 劳动人事争议).
      // SLA hours: 凤县's 快速处置 (2–3 days, 重点难点 7 days), tighter when urgent; multiples of 24 end with the China day.
      ['0100', '矛盾纠纷', null, null, 72, 24, 8],
      ['0101', '婚恋家庭纠纷', '0100', null, 72, 24, 8],
      ['0102', '邻里纠纷', '0100', null, 72, 24, 8],
      ['0104', '物权纠纷', '0100', 'HOUSING', 168, 72, 24],
      ['0107', '劳动人事争议', '0100', null, 168, 72, 24],
      ['0200', '安全隐患', null, null, 48, 24, 4],
      ['0201', '消防安全隐患', '0200', 'PUBLIC_SECURITY', 48, 12, 4],
      ['0202', '燃气安全隐患', '0200', 'HOUSING', 48, 12, 4],
      ['0203', '房屋安全隐患', '0200', 'HOUSING', 72, 24, 8],
      ['0204', '电动自行车违规充电', '0200', 'PUBLIC_SECURITY', 48, 24, 4],
      ['0300', '治安', null, 'PUBLIC_SECURITY', 48, 24, 4],
      ['0301', '治安隐患', '0300', 'PUBLIC_SECURITY', 48, 24, 4],
      ['0302', '可疑人员情况', '0300', 'PUBLIC_SECURITY', 24, 8, 2],
      ['0400', '环境卫生', null, null, 72, 24, 8],
      ['0401', '垃圾堆放', '0400', null, 72, 24, 8],
      ['0402', '违章搭建', '0400', 'HOUSING', 168, 72, 24],
      ['0500', '民生服务', null, null, 72, 48, 24],
      ['0501', '户籍证件代办', '0500', 'POPULATION', 72, 48, 24],
      ['0502', '房屋租赁登记', '0500', 'HOUSING', 72, 48, 24],
      ['0600', '特殊人群帮扶', null, null, 72, 24, 8],
      ['0601', '独居老人关爱', '0600', null, 72, 24, 8],
      ['0602', '流动人口服务', '0600', 'PUBLIC_SECURITY', 72, 24, 8],
      ['0700', '信息纠错', null, null, 168, 72, 24],
      ['0701', '人口信息纠错', '0700', 'POPULATION', 168, 72, 24],
      ['0702', '房屋信息纠错', '0700', 'HOUSING', 168, 72, 24],
      ['0703', '流动人口登记纠错', '0700', 'PUBLIC_SECURITY', 168, 72, 24],
    ];
    const values = rows
      .map(
        ([code, name, parent, department, normal, urgent, critical]) =>
          `('${code}', '${name}', ${parent ? `'${parent}'` : 'null'}, ${department ? `'${department}'` : 'null'}, ${normal}, ${urgent}, ${critical}, date '2026-01-01')`,
      )
      .join(',\n        ');
    this.addSql(`
      insert into event_category (code, name, parent_code, default_department, sla_hours_normal, sla_hours_urgent, sla_hours_critical, valid_from) values
        ${values};`);
  }

  override async down(): Promise<void> {
    for (const table of ['grid_event_step', 'grid_event_attachment', 'grid_event', 'event_category']) this.addSql(`drop table if exists ${table};`);
    this.addSql('drop function if exists grid_event_step_append_only();');
  }
}
