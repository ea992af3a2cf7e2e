/** The grids of the jurisdiction and a grid's dwellings, as the forms that name a dwelling offer them (上报事件, 迁移登记, 走访采集). */
import { graphql } from '../../gql';
import { useHubQuery } from '../../api/use-query';

const GridChoicesQuery = graphql(`
  query GridChoices {
    grids {
      code
      name
    }
  }
`);

/** The API gives at most 500 of a grid's dwellings in one page; a form says when the list is not all of them. */
export const DWELLING_CHOICES = 500;

const GridDwellingChoicesQuery = graphql(`
  query GridDwellingChoices($code: String!) {
    grid(code: $code) {
      code
      dwellingsConnection(first: 500) {
        totalCount
        nodes {
          id
          address
        }
      }
    }
  }
`);

/** The jurisdiction's grids as select options, "name（code）"; `skip` holds the question back (e.g. while a dialog is closed). */
export function useGridChoices({ skip = false }: { skip?: boolean } = {}) {
  const grids = useHubQuery(GridChoicesQuery, {}, { skip });
  const options = (grids.result?.data?.grids ?? []).map((g) => ({ value: g.code, label: `${g.name}（${g.code}）` }));
  return { options, loading: grids.loading };
}

/** The first DWELLING_CHOICES dwellings of a grid as select options by address, and how many the grid has. */
export function useDwellingChoices(gridCode: string | undefined) {
  const dwellings = useHubQuery(GridDwellingChoicesQuery, { code: gridCode ?? '' }, { skip: !gridCode });
  const connection = dwellings.result?.data?.grid?.dwellingsConnection;
  const options = (connection?.nodes ?? []).map((d) => ({ value: d.id, label: d.address ?? d.id }));
  return { options, total: connection?.totalCount, loading: dwellings.loading };
}
