import type { FilterQuery } from '@mikro-orm/core';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { CASE_ID_PATTERN, ErrorCode, HubError, checkedIdNumber, checkedPastDate, escapeLike } from '@hub/access';
import { appendWriteAudit } from '@hub/audit';
import { JURISDICTION_PATTERN, chinaClock, personIdFor, personIdSecret } from '@hub/domain';
import { decodeCursor, pageSize, toPage } from '@hub/subgraph-kit';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { InvestigationCase, InvestigationCaseConnection, InvestigationCaseSubject } from '../entities/investigation-case.entity';
import { Person } from '../entities/stubs';
import { INVESTIGATION_CASE_CLASS } from '../policy';
import type { PublicSecurityContext } from './context';

/** Most people one case may name at opening; a larger circle is several cases. */
export const MAX_CASE_SUBJECTS = 50;
const MAX_SUMMARY = 500;
const MAX_CLOSING_REASON = 1000;

@InputType({ description: '立案登记: a case the police opened in their case system, registered so that CASE_INVESTIGATION may name it' })
export class OpenInvestigationCaseInput {
  @Field(() => String, { description: '案件编号 as the case system issued it: 1–64 letters, digits or _ - : . (the X-Case-Id that will name it)' })
  caseNumber: string;

  @Field(() => String, { description: `简要案情, at most ${MAX_SUMMARY} characters` })
  summary: string;

  @Field(() => String, { nullable: true, description: "The region (6, 9 or 12 digits) or grid (15) of the case, within the officer's jurisdiction; the officer's jurisdiction if omitted" })
  jurisdiction?: string;

  @Field(() => [String], { description: `涉案人员: their ID numbers (GB 11643), 1 to ${MAX_CASE_SUBJECTS}; the register keeps only their person keys` })
  subjectIdNumbers: string[];

  @Field(() => String, { nullable: true, description: '立案日期, YYYY-MM-DD, not in the future; today if omitted' })
  openedOn?: string;
}

function checkedCaseNumber(caseNumber: string): string {
  if (!CASE_ID_PATTERN.test(caseNumber)) {
    const shown = String(caseNumber).slice(0, 24);
    throw new HubError(
      ErrorCode.BAD_USER_INPUT,
      `案件编号“${shown}”无效：应为 1–64 位字母、数字或 _ - : . 字符 (the value "${shown}" is not a case number: 1–64 letters, digits or _ - : . characters)`,
    );
  }
  return caseNumber;
}

/** `label` names the field for the officer (简要案情), `what` for scripts (summary). */
function checkedText(value: string, label: string, what: string, max: number): string {
  const text = value.trim();
  if (!text) throw new HubError(ErrorCode.BAD_USER_INPUT, `${label}不能为空 (${what} must not be empty)`);
  if (text.length > max) throw new HubError(ErrorCode.BAD_USER_INPUT, `${label}不能超过 ${max} 个字 (${what} must be at most ${max} characters)`);
  return text;
}

/** The case's region: the officer's own, or one within it; `refused` notes an attempt outside it for the access log. */
function caseJurisdiction(requested: string | undefined, officerJurisdiction: string, refused: () => void): string {
  const jurisdiction = requested ?? officerJurisdiction;
  if (!JURISDICTION_PATTERN.test(jurisdiction))
    throw new HubError(
      ErrorCode.BAD_USER_INPUT,
      `所属区域应为 6、9、12 位区划代码或 15 位网格代码 (jurisdiction must be a 6, 9 or 12 digit region code or a 15 digit grid code; got "${jurisdiction.slice(0, 20)}")`,
    );
  if (!jurisdiction.startsWith(officerJurisdiction)) {
    refused();
    throw new HubError(
      ErrorCode.OUT_OF_JURISDICTION,
      `区域 ${jurisdiction} 不在您的辖区 ${officerJurisdiction} 内，不能为其立案 (A case of ${jurisdiction} is outside your jurisdiction ${officerJurisdiction})`,
    );
  }
  return jurisdiction;
}

/**
 * 案件登记 (issue #15 part 4): the register of police cases. A case is opened for a region within the officer's
 * jurisdiction and names the people it concerns; while it is open, CASE_INVESTIGATION requests may name it in
 * X-Case-Id (the gateway asks `/internal/case`); closing it ends that access with the next request.
 */
@Resolver(() => InvestigationCase)
export class InvestigationCaseResolver {
  @Query(() => InvestigationCaseConnection, {
    description: "The case register within the caller's jurisdiction, by case number; `open` narrows to open (true) or closed (false) cases. No case needed.",
  })
  async investigationCases(
    @Ctx() { em, identity }: PublicSecurityContext,
    @Arg('open', () => Boolean, { nullable: true }) open?: boolean,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<InvestigationCaseConnection> {
    const limit = pageSize(first);
    const conditions: FilterQuery<InvestigationCase>[] = [{ jurisdiction: { $like: `${escapeLike(identity.jurisdiction)}%` } }];
    if (open === true) conditions.push({ closedOn: null });
    if (open === false) conditions.push({ closedOn: { $ne: null } });
    const afterNumber = decodeCursor(after);
    const [rows, totalCount] = await Promise.all([
      em.find(InvestigationCase, { $and: afterNumber ? [...conditions, { caseNumber: { $gt: afterNumber } }] : conditions }, { orderBy: { caseNumber: 'asc' }, limit: limit + 1 }),
      em.count(InvestigationCase, { $and: conditions }),
    ]);
    return { totalCount, ...toPage(rows, limit, (found) => found.caseNumber) };
  }

  @Query(() => InvestigationCase, { nullable: true, description: 'One case of the register by its number; null when there is none, OUT_OF_JURISDICTION when it is another office’s' })
  async investigationCase(@Ctx() { em }: PublicSecurityContext, @Arg('caseNumber', () => ID) caseNumber: string): Promise<InvestigationCase | null> {
    return em.findOne(InvestigationCase, { caseNumber: checkedCaseNumber(caseNumber) });
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Not closed: requests may name it in X-Case-Id' })
  open(@Root() found: InvestigationCase): boolean {
    return found.closedOn === null;
  }

  @FieldResolver(() => [Person], { nullable: true, description: '涉案人员: the people the case names (population resolves who they are, within your jurisdiction)' })
  async subjects(@Root() found: InvestigationCase, @Ctx() { loaders, audit }: PublicSecurityContext): Promise<Person[]> {
    const subjects = await loaders.subjectsByCase.load(found.caseNumber);
    // Being named in a police case is itself about the person: each is in the access log under their own key.
    for (const subject of subjects) audit.note(subject.personId, INVESTIGATION_CASE_CLASS, 'CLEAR');
    return subjects.map((subject) => ({ id: subject.personId }));
  }

  @Mutation(() => InvestigationCase, {
    description:
      '立案登记: registers a case so that CASE_INVESTIGATION may name it. Refused: a malformed or already registered case number, an empty ' +
      'summary, a wrong ID number (BAD_USER_INPUT), a jurisdiction outside yours (OUT_OF_JURISDICTION). No case needed.',
  })
  async openInvestigationCase(@Ctx() { em, identity, audit }: PublicSecurityContext, @Arg('input', () => OpenInvestigationCaseInput) input: OpenInvestigationCaseInput): Promise<InvestigationCase> {
    const caseNumber = checkedCaseNumber(input.caseNumber);
    const summary = checkedText(input.summary, '简要案情', 'summary', MAX_SUMMARY);
    const jurisdiction = caseJurisdiction(input.jurisdiction ?? undefined, identity.jurisdiction, () => audit.note(null, INVESTIGATION_CASE_CLASS, 'OUT_OF_JURISDICTION'));
    const today = chinaClock().date;
    const openedOn = input.openedOn ? checkedPastDate(input.openedOn, 'openedOn', today) : today;
    if (input.subjectIdNumbers.length === 0 || input.subjectIdNumbers.length > MAX_CASE_SUBJECTS) {
      throw new HubError(
        ErrorCode.BAD_USER_INPUT,
        `一个案件须列明 1 至 ${MAX_CASE_SUBJECTS} 名涉案人员，现为 ${input.subjectIdNumbers.length} 名 (A case names 1 to ${MAX_CASE_SUBJECTS} people (subjectIdNumbers); got ${input.subjectIdNumbers.length})`,
      );
    }
    const secret = personIdSecret();
    const personIds = [...new Set(input.subjectIdNumbers.map((idNumber, i) => personIdFor(checkedIdNumber(idNumber, `subjectIdNumbers[${i}]`), secret)))];
    try {
      return await em.transactional(async (tx) => {
        const registered = tx.create(InvestigationCase, {
          caseNumber,
          summary,
          jurisdiction,
          openedBy: identity.sub,
          openedByName: identity.name || identity.sub,
          openedOn,
          closedOn: null,
          closedBy: null,
          closingReason: null,
        });
        await tx.flush();
        await tx.insertMany(
          InvestigationCaseSubject,
          personIds.map((personId) => ({ caseNumber, personId })),
        );
        await appendWriteAudit(tx, identity, personIds, INVESTIGATION_CASE_CLASS);
        return registered;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new HubError(ErrorCode.BAD_USER_INPUT, `案件 ${caseNumber} 已登记，不能重复立案 (Case ${caseNumber} is already registered)`);
      throw error;
    }
  }

  @Mutation(() => InvestigationCase, {
    description:
      '结案: closes an open case; from the next request on, X-Case-Id naming it is CASE_NOT_OPEN. For the officer who opened it or a ' +
      'SUPERVISOR (FORBIDDEN otherwise). Refused: an unknown or closed case, an empty reason (BAD_USER_INPUT), a case outside your jurisdiction (OUT_OF_JURISDICTION).',
  })
  async closeInvestigationCase(
    @Ctx() { em, identity, audit }: PublicSecurityContext,
    @Arg('caseNumber', () => ID) caseNumber: string,
    @Arg('reason', () => String, { description: `结案说明, at most ${MAX_CLOSING_REASON} characters` }) reason: string,
  ): Promise<InvestigationCase> {
    checkedCaseNumber(caseNumber);
    const why = checkedText(reason, '结案说明', 'reason', MAX_CLOSING_REASON);
    return em.transactional(async (tx) => {
      const found = await tx.findOne(InvestigationCase, { caseNumber }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!found) throw new HubError(ErrorCode.BAD_USER_INPUT, `案件登记中没有案件 ${caseNumber} (No case ${caseNumber} in the register)`);
      if (!found.jurisdiction.startsWith(identity.jurisdiction)) {
        audit.note(null, INVESTIGATION_CASE_CLASS, 'OUT_OF_JURISDICTION');
        throw new HubError(ErrorCode.OUT_OF_JURISDICTION, `案件 ${caseNumber} 不在您的辖区 ${identity.jurisdiction} 内 (Case ${caseNumber} is outside your jurisdiction ${identity.jurisdiction})`);
      }
      if (found.closedOn) throw new HubError(ErrorCode.BAD_USER_INPUT, `案件 ${caseNumber} 已于 ${found.closedOn} 结案 (Case ${caseNumber} was closed on ${found.closedOn})`);
      if (found.openedBy !== identity.sub && identity.role !== 'SUPERVISOR') {
        audit.note(null, INVESTIGATION_CASE_CLASS, 'DENIED');
        throw new HubError(
          ErrorCode.FORBIDDEN,
          `案件 ${caseNumber} 由立案人（${found.openedByName}）或审批人（SUPERVISOR）结案 (Case ${caseNumber} is closed by the officer who opened it (${found.openedByName}) or a SUPERVISOR)`,
        );
      }
      found.closedOn = chinaClock().date;
      found.closedBy = identity.sub;
      found.closingReason = why;
      await tx.flush();
      const subjects = await tx.find(InvestigationCaseSubject, { caseNumber });
      await appendWriteAudit(
        tx,
        identity,
        subjects.map((subject) => subject.personId),
        INVESTIGATION_CASE_CLASS,
      );
      return found;
    });
  }
}
