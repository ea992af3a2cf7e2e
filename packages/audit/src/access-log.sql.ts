/**
 * The access log's SQL for those who look at it from outside this package (tests, the benchmarks, an operator):
 * they name a stored event's columns (StoredAccessEvent's fields), never the table, its triggers or the append
 * function, which stay this package's own. Placeholders are the caller's (`$1` for pg, `?` for knex).
 */
export const accessLogSql = {
  /** `select <columns> from the log [where <where>] [<rest>]`, e.g. rest = `order by id limit 1`. */
  select: (columns: string, where?: string, rest?: string): string => `select ${columns} from access_log${where ? ` where ${where}` : ''}${rest ? ` ${rest}` : ''}`,
  /** An UPDATE the append-only trigger refuses (tamper tests). */
  update: (set: string, where: string): string => `update access_log set ${set} where ${where}`,
  /** A DELETE the append-only trigger refuses (tamper tests). */
  delete: (where: string): string => `delete from access_log where ${where}`,
  /** Appends a JSON array of AccessEvents in one statement, chained under the log's lock. */
  append: (parameter: string): string => `select audit_append(${parameter}::jsonb)`,
  /** What a DBA with the rights would do to change the log: turn the append-only trigger off, and on again. */
  liftAppendOnly: 'alter table access_log disable trigger access_log_append_only',
  restoreAppendOnly: 'alter table access_log enable trigger access_log_append_only',
  /** Makes the log unwritable (fail-closed tests), and writable again: the chaining every append and every audited read goes through. */
  disableAppend: 'alter function audit_chain(jsonb) rename to audit_chain_unavailable',
  restoreAppend: 'alter function audit_chain_unavailable(jsonb) rename to audit_chain',
} as const;

/** Whether a statement is the log's append (statement counters keep it apart from the data statements). */
export function isAccessLogAppend(sql: string): boolean {
  return sql.includes('audit_append(');
}
