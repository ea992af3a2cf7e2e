import { errorDepartment, type HubGraphQLError } from '../api/errors';
import { FieldErrors, type Path } from './field-errors';

/** FieldErrors that, for a field nulled without an error at its path, fall back to "this department did not answer". */
class SectionErrors extends FieldErrors {
  constructor(
    all: readonly HubGraphQLError[],
    private readonly fallback: HubGraphQLError | undefined,
  ) {
    super(all);
  }

  override at(path: Path): HubGraphQLError | undefined {
    return super.at(path) ?? this.fallback;
  }
}

/**
 * The errors for the fields one department answers. When the department's system did not answer, the gateway
 * reports it once (not always at each field's path): every null field of that department then reads
 * "<部门>暂不可用", not "—", which would look like "no such record".
 */
export function departmentErrors(all: readonly HubGraphQLError[] = [], department: string): FieldErrors {
  const down = all.find((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE' && errorDepartment(e) === department);
  return new SectionErrors(all, down);
}
