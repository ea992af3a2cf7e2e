import { useSession } from './session';

/** Who may write, as the write rows of the policy say it (ADR 0020): officers and supervisors, unless a row names more. */
export const WRITING_ROLES: readonly string[] = ['OFFICER', 'SUPERVISOR'];

/**
 * True when the session works under `purpose` in one of `roles`: the console offers a write only to whom the API
 * would allow it (a purpose belongs to one department, so the purpose names the department too).
 */
export function useMayWrite(purpose: string, roles: readonly string[] = WRITING_ROLES): boolean {
  const { session, purpose: chosen } = useSession();
  return chosen?.code === purpose && roles.includes(session?.info.user.role ?? '');
}
