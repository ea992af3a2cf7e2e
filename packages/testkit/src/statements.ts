import { isAccessLogAppend } from '@hub/audit';

/**
 * An `onQuery` sink for statement-count tests: keeps the data statements and leaves out the one audit
 * append every request makes (audit tests count that one separately).
 */
export function recordDataStatements(into: string[]): (line: string) => void {
  return (line) => {
    if (!isAccessLogAppend(line)) into.push(line);
  };
}
