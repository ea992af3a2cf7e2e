/** The 公安 area's operations: the floating-population search (with and without the count) and the region tree. */
import { graphql } from '../../gql';

/** One row of the floating-population list: the registration (公安), the person (人口), the dwelling (房屋) and its grid (网格中心). */
export const FloatingRow = graphql(`
  fragment FloatingRow on FloatingRegistration {
    id
    gridCode
    inflowReason
    residenceType
    registeredOn
    permitNumber
    permitExpiresOn
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

/**
 * The caller's part of the region tree: the districts, streets and communities (limited by the grid center to the
 * jurisdiction and the regions above it) and every grid within the jurisdiction.
 */
export const PoliceRegionTreeQuery = graphql(`
  query PoliceRegionTree {
    regions {
      code
      name
      level
      children {
        code
        name
        level
        children {
          code
          name
          level
        }
      }
    }
    grids {
      code
      name
      regionCode
    }
  }
`);
