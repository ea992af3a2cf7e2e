import type { AreaRoute } from '../area';

/** 审计: a person's access log across the departments and the state of the hash chains. */
export const AUDIT_ROUTES: AreaRoute[] = [];
