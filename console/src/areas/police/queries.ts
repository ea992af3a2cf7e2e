/**
 * The 公安 area's operations: the floating-population search (with and without the count) and its registrations'
 * 签注/换领 and 注销, the region tree, and the case register (案件登记: list, 立案, 结案), which case investigation uses
 * without a case.
 */
import { graphql } from '../../gql';

/** One row of the floating-population list: the registration (公安), the person (人口), the dwelling (房屋) and its grid (网格中心). */
export const FloatingRow = graphql(`
  fragment FloatingRow on FloatingRegistration {
    id
    version
    status
    gridCode
    inflowReason
    residenceType
    registeredOn
    permitType
    permitNumber
    permitExpiresOn
    lastEndorsedOn
    person {
      id
      name
      idNumber
    }
    landlord {
      id
      name
      idNumber
    }
    dwelling {
      id
      address
      grid {
        code
        name
      }
    }
  }
`);

/**
 * A page of the search without the count: counting the matches scans them all, so a page that does not show the
 * total does not ask for it (the subgraph counts only when the selection has totalCount).
 */
export const FloatingPopulationPageQuery = graphql(`
  query FloatingPopulationPage($filter: FloatingPopulationFilter, $first: Int, $after: String, $orderBy: FloatingPopulationOrder) {
    floatingPopulation(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...FloatingRow
      }
    }
  }
`);

/** The same page with the exact number of matches (统计总数). */
export const FloatingPopulationCountedPageQuery = graphql(`
  query FloatingPopulationCountedPage($filter: FloatingPopulationFilter, $first: Int, $after: String, $orderBy: FloatingPopulationOrder) {
    floatingPopulation(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...FloatingRow
      }
    }
  }
`);

/** One case of the register as its list shows it; population answers who the people it names are, under the policy. */
export const InvestigationCaseRow = graphql(`
  fragment InvestigationCaseRow on InvestigationCase {
    caseNumber
    summary
    jurisdiction
    openedBy
    openedByName
    openedOn
    open
    closedOn
    closingReason
    subjects {
      id
      name
    }
  }
`);

/** A page of the register within the jurisdiction: open (在办), closed (已结) or all cases, by case number. */
export const InvestigationCasesQuery = graphql(`
  query PoliceInvestigationCases($open: Boolean, $first: Int, $after: String) {
    investigationCases(open: $open, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...InvestigationCaseRow
      }
    }
  }
`);

/** 立案登记: registers a case the police opened in their case system, so that requests may name it. */
export const OpenInvestigationCaseMutation = graphql(`
  mutation PoliceOpenInvestigationCase($input: OpenInvestigationCaseInput!) {
    openInvestigationCase(input: $input) {
      caseNumber
    }
  }
`);

/** 结案: from the next request on, a request naming the case is refused (CASE_NOT_OPEN). */
export const CloseInvestigationCaseMutation = graphql(`
  mutation PoliceCloseInvestigationCase($caseNumber: ID!, $reason: String!) {
    closeInvestigationCase(caseNumber: $caseNumber, reason: $reason) {
      caseNumber
      closedOn
    }
  }
`);

/** 居住证签注/换领: the row as it is after the write, so that the list shows it without searching again. */
export const RenewResidencePermitMutation = graphql(`
  mutation PoliceRenewResidencePermit($input: RenewResidencePermitInput!) {
    renewResidencePermit(input: $input) {
      ...FloatingRow
    }
  }
`);

/** 注销登记: the row as it is after the write (CANCELLED), kept on the page it was found on. */
export const CancelFloatingRegistrationMutation = graphql(`
  mutation PoliceCancelFloatingRegistration($input: CancelFloatingRegistrationInput!) {
    cancelFloatingRegistration(input: $input) {
      ...FloatingRow
    }
  }
`);
