/** Links between the record pages. Household, dwelling and grid ids are not personal identifiers and may go in a URL; an ID number never does. */
import { Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useAreaRoutes } from '../routes';

/** True when the signed-in department has a page at this path (a link to a page it cannot open would only 404). */
export function useCanOpen(): (pattern: string) => boolean {
  const routes = useAreaRoutes();
  return (pattern: string) => routes.some((r) => r.path === pattern);
}

/** A clear ID number (18 characters, nothing hidden): only then can the person page be opened with it. */
export const isClearIdNumber = (idNumber: string | null | undefined): idNumber is string => !!idNumber && /^\d{17}[\dX]$/.test(idNumber);

/** The person's name, opening the person page when the ID number is clear (in router state, not in the address). */
export function PersonLink({ idNumber, children }: { idNumber: string | null | undefined; children: ReactNode }) {
  const canOpen = useCanOpen();
  if (isClearIdNumber(idNumber) && canOpen('/people')) {
    return (
      <Link to="/people" state={{ idNumber }}>
        {children}
      </Link>
    );
  }
  if (idNumber && !isClearIdNumber(idNumber)) {
    return (
      <Tooltip title="身份证号码已脱敏，不能据此打开人员页面">
        <span>{children}</span>
      </Tooltip>
    );
  }
  return <>{children}</>;
}

export function HouseholdLink({ id, children }: { id: string; children?: ReactNode }) {
  const canOpen = useCanOpen();
  if (!canOpen('/households/:id')) return <>{children ?? id}</>;
  return (
    <Link to={`/households/${encodeURIComponent(id)}`} data-household-id={id}>
      {children ?? id}
    </Link>
  );
}

export function DwellingLink({ id, children }: { id: string; children?: ReactNode }) {
  const canOpen = useCanOpen();
  if (!canOpen('/dwellings/:id')) return <>{children ?? id}</>;
  return (
    <Link to={`/dwellings/${encodeURIComponent(id)}`} data-dwelling-id={id}>
      {children ?? id}
    </Link>
  );
}

export function GridLink({ code, children }: { code: string; children?: ReactNode }) {
  const canOpen = useCanOpen();
  if (!canOpen('/grid/:code')) return <>{children ?? code}</>;
  return <Link to={`/grid/${code}`}>{children ?? code}</Link>;
}

export const GRID_WORKER_ROLES: Record<string, string> = { GRID_LEADER: '网格长', GRID_WORKER: '网格员' };
