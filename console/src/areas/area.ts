import type { ReactNode } from 'react';

/** One page of the console: where it lives, who finds it in the menu, what it shows. */
export interface AreaRoute {
  /** Router path, e.g. "/civil-affairs/applications/:id". */
  path: string;
  element: ReactNode;
  /** Shown in the side menu (pages reached only by links, like a record's page, have none). */
  menu?: { label: string; icon?: ReactNode };
  /** Departments whose staff use the page; the menu shows it only to them. */
  departments: readonly string[];
  /** Roles within those departments whose work the page is (e.g. only a 网格员 reports); every role when absent. */
  roles?: readonly string[];
}
