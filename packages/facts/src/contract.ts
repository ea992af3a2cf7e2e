import { ErrorCode, HubError } from '@hub/access';
import type { z } from 'zod';

/**
 * One kind of fact a department states for another (a field passed through `@requires`): where it travels and its
 * one declared shape. The type every consumer uses is `z.infer` of the schema, never a re-declared interface.
 */
export interface FactContract<S extends z.ZodType> {
  /** The @inaccessible field that carries it, for the error when a fact does not match (e.g. `DiscrepancyReport.currentTenancies`). */
  field: string;
  schema: S;
}

export function factContract<S extends z.ZodType>(field: string, schema: S): FactContract<S> {
  return { field, schema };
}

/** A fact that does not have its declared shape: a department states something other than its contract. */
export class MalformedFactError extends Error {
  constructor(field: string, detail: string) {
    super(`${field} carries a malformed fact: ${detail}`);
    this.name = 'MalformedFactError';
  }
}

/**
 * Most facts one department states for one report. The gateway carries them to the deciding subgraph in one
 * request, which subgraphs accept up to 1 MB (≈ 90 bytes a fact): a region with more is refused with a message to
 * narrow it (a street of the 200,000-resident district is well below; the whole district is not).
 */
export const MAX_REPORT_FACTS = 8000;

/** The facts as JSON, or BAD_USER_INPUT when the region is too large to compare in one report. */
export function statedFacts<S extends z.ZodType>(_contract: FactContract<S>, rows: Array<z.infer<S>>, what: string): string {
  if (rows.length > MAX_REPORT_FACTS) {
    throw new HubError(
      ErrorCode.BAD_USER_INPUT,
      `the region has ${rows.length} ${what}, more than ${MAX_REPORT_FACTS} one discrepancy report can compare: narrow regionCode to a street, community or grid`,
    );
  }
  return JSON.stringify(rows);
}

/**
 * Facts travel between subgraphs as JSON in @inaccessible String fields; absent facts read as none. Each is checked
 * against its contract: one that does not match fails the field with MalformedFactError, naming the field, the
 * fact's position and what is wrong.
 */
export function readFacts<S extends z.ZodType>(contract: FactContract<S>, value: unknown): Array<z.infer<S>> {
  if (value === null || value === undefined || value === '') return [];
  if (typeof value !== 'string') throw new MalformedFactError(contract.field, 'expected a JSON string');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new MalformedFactError(contract.field, `not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new MalformedFactError(contract.field, 'expected a JSON array');
  return parsed.map((fact, index) => {
    const result = contract.schema.safeParse(fact);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new MalformedFactError(contract.field, `[${index}]${issue.path.map((key) => `.${String(key)}`).join('')}: ${issue.message}`);
    }
    return result.data as z.infer<S>;
  });
}
