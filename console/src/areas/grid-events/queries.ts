/** The grid events area's operations (ADR 0012): lists, one event, the category table, the statistics, every transition. */
import { graphql } from '../../gql';

/** One row of a list: what every purpose that sees the event may read. */
export const GridEventRow = graphql(`
  fragment GridEventRow on GridEvent {
    id
    category
    categoryName
    status
    priority
    version
    gridCode
    grid {
      code
      name
    }
    address
    description
    reporterName
    reportedAt
    assignedDepartment
    dispatchedAt
    slaHours
    deadline
    slaLight
    handledAt
    handlingResult
    closedAt
    escalated
    escalationCount
    escalationNote
  }
`);

export const GridEventsQuery = graphql(`
  query GridEvents($filter: GridEventFilter, $first: Int, $after: String) {
    gridEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes {
        ...GridEventRow
        returnReason
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const MyEventQueueQuery = graphql(`
  query MyEventQueue($statuses: [String!], $first: Int, $after: String) {
    myEventQueue(statuses: $statuses, first: $first, after: $after) {
      totalCount
      nodes {
        ...GridEventRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const OverdueGridEventsQuery = graphql(`
  query OverdueGridEvents($regionCode: String, $first: Int, $after: String) {
    overdueGridEvents(regionCode: $regionCode, first: $first, after: $after) {
      totalCount
      nodes {
        ...GridEventRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** An event's page: the row, the dwelling, the people (population's Person policy), attachments and the history. */
export const GridEventQuery = graphql(`
  query GridEventDetail($id: ID!) {
    gridEvent(id: $id) {
      ...GridEventRow
      dwelling {
        id
        address
      }
      people {
        id
        name
        idNumber
        gender
      }
      attachments {
        id
        fileName
        contentType
        sizeBytes
        sha256
      }
      escalatedAt
      history {
        id
        action
        fromStatus
        toStatus
        actorName
        actorDepartment
        actorRole
        at
        note
      }
    }
  }
`);

/** The grid center's own fields (退回 reason, reporter, 回访; other purposes get FORBIDDEN): asked only by the center. */
export const GridEventFollowUpQuery = graphql(`
  query GridEventFollowUp($id: ID!) {
    gridEvent(id: $id) {
      id
      reporterId
      returnReason
      satisfaction
      followUpNote
    }
  }
`);

/** One attachment's bytes, fetched only when the reader opens it (lists carry the metadata alone). */
export const GridEventAttachmentContentQuery = graphql(`
  query GridEventAttachmentContent($id: ID!) {
    gridEvent(id: $id) {
      id
      attachments {
        id
        contentBase64
      }
    }
  }
`);

export const EventCategoriesQuery = graphql(`
  query EventCategories {
    eventCategories {
      code
      name
      parentCode
      defaultDepartment
      slaHoursNormal
      slaHoursUrgent
      slaHoursCritical
    }
  }
`);

/** An ID number to the person key the report takes; the name shows only as the policy lets it. */
export const PersonKeyQuery = graphql(`
  query PersonKey($idNumber: String!) {
    person(idNumber: $idNumber) {
      id
      name
    }
  }
`);

export const GridEventStatisticsQuery = graphql(`
  query GridEventStatisticsPage($groupBy: String!, $regionCode: String, $from: String, $to: String) {
    gridEventStatistics(groupBy: $groupBy, regionCode: $regionCode, from: $from, to: $to) {
      key
      name
      reported
      closed
      onTime
      overdue
      meanHoursToClose
      meanSatisfaction
    }
  }
`);

export const ReportGridEventMutation = graphql(`
  mutation ReportGridEvent($input: ReportGridEventInput!) {
    reportGridEvent(input: $input) {
      id
      status
      version
    }
  }
`);

export const AcceptGridEventMutation = graphql(`
  mutation AcceptGridEvent($id: ID!, $expectedVersion: Int!, $note: String) {
    acceptGridEvent(id: $id, expectedVersion: $expectedVersion, note: $note) {
      id
      status
      version
    }
  }
`);

export const ReturnGridEventMutation = graphql(`
  mutation ReturnGridEvent($id: ID!, $expectedVersion: Int!, $reason: String!) {
    returnGridEvent(id: $id, expectedVersion: $expectedVersion, reason: $reason) {
      id
      status
      version
    }
  }
`);

export const DispatchGridEventMutation = graphql(`
  mutation DispatchGridEvent($id: ID!, $expectedVersion: Int!, $department: String!, $note: String) {
    dispatchGridEvent(id: $id, expectedVersion: $expectedVersion, department: $department, note: $note) {
      id
      status
      version
      deadline
    }
  }
`);

export const StartGridEventMutation = graphql(`
  mutation StartGridEvent($id: ID!, $expectedVersion: Int!) {
    startGridEvent(id: $id, expectedVersion: $expectedVersion) {
      id
      status
      version
    }
  }
`);

export const HandleGridEventMutation = graphql(`
  mutation HandleGridEvent($id: ID!, $expectedVersion: Int!, $result: String!) {
    handleGridEvent(id: $id, expectedVersion: $expectedVersion, result: $result) {
      id
      status
      version
    }
  }
`);

export const CloseGridEventMutation = graphql(`
  mutation CloseGridEvent($id: ID!, $expectedVersion: Int!, $note: String) {
    closeGridEvent(id: $id, expectedVersion: $expectedVersion, note: $note) {
      id
      status
      version
    }
  }
`);

export const RejectGridEventHandlingMutation = graphql(`
  mutation RejectGridEventHandling($id: ID!, $expectedVersion: Int!, $reason: String!) {
    rejectGridEventHandling(id: $id, expectedVersion: $expectedVersion, reason: $reason) {
      id
      status
      version
    }
  }
`);

export const EscalateGridEventMutation = graphql(`
  mutation EscalateGridEvent($id: ID!, $expectedVersion: Int!, $note: String) {
    escalateGridEvent(id: $id, expectedVersion: $expectedVersion, note: $note) {
      id
      status
      version
      priority
    }
  }
`);

export const FollowUpGridEventMutation = graphql(`
  mutation FollowUpGridEvent($id: ID!, $expectedVersion: Int!, $satisfaction: Int!, $note: String) {
    followUpGridEvent(id: $id, expectedVersion: $expectedVersion, satisfaction: $satisfaction, note: $note) {
      id
      status
      version
    }
  }
`);
