import { MAX_BATCH_REVIEW_APPLICATIONS } from '@hub/access';
import { caseNeedOf } from '../src/cases';

describe('which case a SUBSISTENCE_REVIEW request without X-Case-Id works under', () => {
  it("needs none to open an application or list civil affairs' own casework", () => {
    expect(caseNeedOf('SUBSISTENCE_REVIEW', 'mutation { openAssistanceApplication(idNumber: "x", authorizationOnFile: true) { id } }', {})).toEqual({ kind: 'none' });
    expect(caseNeedOf('SUBSISTENCE_REVIEW', '{ assistanceApplications(first: 5) { totalCount } subsistenceStandards { version } }', {})).toEqual({ kind: 'none' });
    expect(caseNeedOf('SUBSISTENCE_REVIEW', 'query($id: ID!) { assistanceApplication(id: $id) { status latestCheck { eligible } } }', { id: 'A1' })).toEqual({ kind: 'none' });
  });

  it("takes a batch review's application ids as its cases, from literals or variables, without duplicates", () => {
    expect(caseNeedOf('SUBSISTENCE_REVIEW', 'query($ids: [ID!]!) { subsistenceChecks(applicationIds: $ids) { eligible } }', { ids: ['A1', 'A2', 'A1'] })).toEqual({
      kind: 'batch',
      applicationIds: ['A1', 'A2'],
    });
    expect(caseNeedOf('SUBSISTENCE_REVIEW', '{ a: subsistenceChecks(applicationIds: ["A1"]) { eligible } b: subsistenceChecks(applicationIds: "A3") { eligible } }', {})).toEqual({
      kind: 'batch',
      applicationIds: ['A1', 'A3'],
    });
  });

  it('needs a named case for anything else, including a batch mixed with other data', () => {
    expect(caseNeedOf('SUBSISTENCE_REVIEW', '{ person(idNumber: "x") { name } }', {})).toEqual({ kind: 'named' });
    expect(caseNeedOf('SUBSISTENCE_REVIEW', 'query($ids: [ID!]!) { subsistenceChecks(applicationIds: $ids) { eligible } person(idNumber: "x") { name } }', { ids: ['A1'] })).toEqual({ kind: 'named' });
    expect(caseNeedOf('SUBSISTENCE_REVIEW', '{ assistanceApplications { totalCount } person(idNumber: "x") { name } }', {})).toEqual({ kind: 'named' });
    expect(caseNeedOf('SUBSISTENCE_REVIEW', 'mutation { recordApplicationStep(applicationId: "A1", step: "VERIFIED") { id } }', {})).toEqual({ kind: 'named' });
    expect(caseNeedOf('SUBSISTENCE_REVIEW', 'not graphql', {})).toEqual({ kind: 'named' });
  });

  it(`refuses more than ${MAX_BATCH_REVIEW_APPLICATIONS} applications in one request`, () => {
    const ids = Array.from({ length: MAX_BATCH_REVIEW_APPLICATIONS + 1 }, (_, i) => `A${i}`);
    expect(() => caseNeedOf('SUBSISTENCE_REVIEW', 'query($ids: [ID!]!) { subsistenceChecks(applicationIds: $ids) { eligible } }', { ids })).toThrow(/at most 250/);
  });
});

describe('which case a CASE_INVESTIGATION request without X-Case-Id works under', () => {
  it('needs none to open, list, look up or close cases in the register', () => {
    const OPEN = 'mutation($input: OpenInvestigationCaseInput!) { openInvestigationCase(input: $input) { caseNumber } }';
    expect(caseNeedOf('CASE_INVESTIGATION', OPEN, {})).toEqual({ kind: 'none' });
    expect(caseNeedOf('CASE_INVESTIGATION', 'mutation { closeInvestigationCase(caseNumber: "XJ-1", reason: "破案") { open } }', {})).toEqual({ kind: 'none' });
    expect(caseNeedOf('CASE_INVESTIGATION', '{ investigationCases(open: true) { totalCount } investigationCase(caseNumber: "XJ-1") { open } }', {})).toEqual({ kind: 'none' });
  });

  it("needs a named case for anyone's records, even beside the register, and has no batch", () => {
    expect(caseNeedOf('CASE_INVESTIGATION', '{ person(idNumber: "x") { name } }', {})).toEqual({ kind: 'named' });
    expect(caseNeedOf('CASE_INVESTIGATION', '{ investigationCases { totalCount } person(idNumber: "x") { name } }', {})).toEqual({ kind: 'named' });
    expect(caseNeedOf('CASE_INVESTIGATION', 'query($ids: [ID!]!) { subsistenceChecks(applicationIds: $ids) { eligible } }', { ids: ['A1'] })).toEqual({ kind: 'named' });
    // 低保's casework is not case investigation's.
    expect(caseNeedOf('CASE_INVESTIGATION', '{ assistanceApplications { totalCount } }', {})).toEqual({ kind: 'named' });
  });

  it('needs the case register of no other purpose', () => {
    expect(caseNeedOf('SUBSISTENCE_REVIEW', '{ investigationCases { totalCount } }', {})).toEqual({ kind: 'named' });
    expect(caseNeedOf('FLOATING_POPULATION_MANAGEMENT', '{ investigationCases { totalCount } }', {})).toEqual({ kind: 'named' });
  });
});
