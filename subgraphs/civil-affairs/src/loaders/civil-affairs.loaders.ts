import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { auditedFind, auditedRows, countLoader, manyLoader, oneLoader, sqlRows, type AuditRecorder, type AuditedRead } from '@hub/subgraph-kit';
import { AssistanceApplication } from '../entities/assistance-application.entity';
import { AssistanceRecord } from '../entities/assistance-record.entity';
import type { CheckReport } from '../entities/check-report.type';
import { DisabilityCertificate } from '../entities/disability-certificate.entity';
import { IncomeDeclaration } from '../entities/income-declaration.entity';
import { SubsistenceCheckReport } from '../entities/subsistence-check-report.entity';
import { SubsistenceStandard } from '../entities/subsistence-standard.entity';

/** Keeps the first row per key of rows already ordered best-first. */
function firstPerKey<T>(rows: T[], keyOf: (row: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = keyOf(row);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Per-request loaders; each batch is one SQL statement. */
/**
 * What each read answers, for the access events it writes in its own statement (docs/adr/0014): a person's records
 * are read by the person's id (the jurisdiction was checked on the reference, from population's accessScope); an
 * application's subject is its applicant, for the application and the check made of it.
 */
const personRead = (keys: string[], record: string): AuditedRead => ({ type: ['Person', record], keys });
const APPLICATION_READ: AuditedRead = { type: ['SubsistenceCheck', 'AssistanceApplication'], subjectColumn: 'applicantPersonId', alsoFor: ['Query'] };

export function createCivilAffairsLoaders(em: EntityManager, audit: AuditRecorder) {
  return {
    assistanceByPerson: manyLoader(
      (ids: string[]) => auditedFind(em, audit, personRead(ids, 'AssistanceRecord'), AssistanceRecord, { personId: { $in: ids } }, { startOn: 'desc', id: 'desc' }),
      (record) => record.personId,
    ),
    /** A person's newest certificate (a renewal replaces the old one). */
    disabilityByPerson: oneLoader(
      async (ids: string[]) =>
        firstPerKey(await auditedFind(em, audit, personRead(ids, 'DisabilityCertificate'), DisabilityCertificate, { personId: { $in: ids } }, { issuedOn: 'desc', id: 'desc' }), (c) => c.personId),
      (certificate) => certificate.personId,
    ),
    incomeByPerson: manyLoader(
      (ids: string[]) => auditedFind(em, audit, personRead(ids, 'IncomeDeclaration'), IncomeDeclaration, { personId: { $in: ids } }, { monthStart: 'desc', source: 'asc' }),
      (declaration) => declaration.personId,
    ),
    /**
     * Applications are the cases of SUBSISTENCE_REVIEW; the subsistence check and the case check look them up here.
     * Plain rows, not ORM entities: a batch review reads hundreds per request twice, and hydration was most of its cost.
     */
    applicationById: oneLoader(
      (ids: string[]) =>
        auditedRows<AssistanceApplication>(
          em,
          audit,
          APPLICATION_READ,
          `select id, applicant_person_id as "applicantPersonId", household_id as "householdId", kind, status,
                  authorization_on_file as "authorizationOnFile", to_char(applied_on, 'YYYY-MM-DD') as "appliedOn",
                  to_char(verified_on, 'YYYY-MM-DD') as "verifiedOn", to_char(investigated_on, 'YYYY-MM-DD') as "investigatedOn",
                  to_char(publicized_on, 'YYYY-MM-DD') as "publicizedOn", to_char(decided_on, 'YYYY-MM-DD') as "decidedOn",
                  decision_reason as "decisionReason", grid_code as "gridCode",
                  authorization_document_number as "authorizationDocumentNumber", to_char(authorization_signed_on, 'YYYY-MM-DD') as "authorizationSignedOn",
                  authorization_file_sha256 as "authorizationFileSha256"
             from assistance_application where id = any(string_to_array(?, ','))`,
          [ids.join(',')],
        ),
      (application) => application.id,
    ),
    /** A 核对's declared incomes (plain rows, one statement per batch), newest month first. */
    declaredIncomeByPerson: manyLoader(
      (ids: string[]) =>
        sqlRows<{ personId: string; monthStart: string; amount: number }>(
          em,
          `select person_id as "personId", to_char(month, 'YYYY-MM-DD') as "monthStart", amount::float8 as amount
             from income_declaration where person_id = any(string_to_array(?, ',')) order by month desc`,
          [ids.join(',')],
        ),
      (declaration) => declaration.personId,
    ),
    /** The whole (small) table of dated standards, read once per request: key 'all'. */
    subsistenceStandards: new DataLoader<'all', SubsistenceStandard[]>(async (keys) => {
      const all = await em.find(SubsistenceStandard, {}, { orderBy: { regionCode: 'asc', effectiveFrom: 'desc' } });
      return keys.map(() => all);
    }),
    /** Keeps the 核对报告 of one `_entities` batch in one INSERT (the rows travel as one JSON parameter). */
    keepReport: new DataLoader<SubsistenceCheckReport, SubsistenceCheckReport>(
      async (reports) => {
        await sqlRows(
          em,
          `insert into subsistence_check_report (id, application_id, household_id, checked_at, checked_by, request_id, rule_version, eligible, reasons, facts)
           select id, "applicationId", "householdId", "checkedAt", "checkedBy", "requestId", "ruleVersion", eligible, reasons, facts
           from jsonb_to_recordset(?::jsonb) as r(id text, "applicationId" text, "householdId" text, "checkedAt" timestamptz, "checkedBy" text, "requestId" text, "ruleVersion" text, eligible boolean, reasons jsonb, facts jsonb)`,
          [JSON.stringify(reports)],
        );
        return reports;
      },
      { cache: false },
    ),
    /** The newest kept 核对报告 of each application (one statement per batch). */
    latestReportByApplication: oneLoader(
      (ids: string[]) =>
        sqlRows<CheckReport & { applicationId: string }>(
          em,
          `select distinct on (application_id) application_id as "applicationId", id,
                  to_char(checked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "checkedAt", checked_by as "checkedBy",
                  rule_version as "ruleVersion", eligible, reasons
             from subsistence_check_report where application_id = any(string_to_array(?, ','))
            order by application_id, checked_at desc, id desc`,
          [ids.join(',')],
        ),
      (report) => report.applicationId,
    ),
    /** The grid summary: distinct people with an ACTIVE record, per grid, in one statement. */
    receivingAssistanceByGrid: countLoader((codes: string[]) =>
      em.getConnection().execute<Array<{ key: string; count: number }>>(
        `select grid_code as key, count(distinct person_id)::int as count from assistance_record
          where status = 'ACTIVE' and grid_code in (${codes.map(() => '?').join(', ')}) group by grid_code`,
        codes,
      ),
    ),
  };
}

export type CivilAffairsLoaders = ReturnType<typeof createCivilAffairsLoaders>;
