import type { HubGraphQLError } from '../api/errors';

export type Path = ReadonlyArray<string | number>;

/**
 * The errors of one answer, found by the path of the field they null. A denied object (e.g. a household)
 * answers for everything below it, so a lookup also tries each ancestor of the path.
 */
export class FieldErrors {
  private readonly byPath = new Map<string, HubGraphQLError>();

  constructor(readonly all: readonly HubGraphQLError[] = []) {
    for (const error of all) if (error.path) this.byPath.set(error.path.join('.'), error);
  }

  at(path: Path): HubGraphQLError | undefined {
    for (let length = path.length; length > 0; length--) {
      const found = this.byPath.get(path.slice(0, length).join('.'));
      if (found) return found;
    }
    return undefined;
  }

  /** Errors not tied to any field shown (whole-answer problems, e.g. a department that did not answer). */
  under(prefix: Path): HubGraphQLError[] {
    const key = prefix.join('.');
    return this.all.filter((e) => (e.path ?? []).join('.').startsWith(key));
  }
}
