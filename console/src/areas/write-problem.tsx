import { Alert } from 'antd';
import type { WriteProblem } from './use-write';

/** Why a write did not happen, in Chinese: a stale record as a warning (the page has reloaded it), anything else as an error. */
export function WriteProblemAlert({ problem, onClose }: { problem: WriteProblem | undefined; onClose?: () => void }) {
  if (!problem) return null;
  return (
    <Alert
      type={problem.conflict ? 'warning' : 'error'}
      showIcon
      role="alert"
      data-testid={problem.conflict ? 'write-conflict' : 'write-refusal'}
      title={problem.text}
      closable={onClose ? { onClose } : undefined}
      style={{ marginTop: 8, marginBottom: 8, maxWidth: 560 }}
    />
  );
}
