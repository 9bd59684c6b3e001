/**
 * The one coded error of planbot. Adapters map `code` to a user-facing reply; nothing matches on
 * message text, and no HTTP status lives here. Add a code when a caller must react differently.
 */
export type PlanErrorCode =
  | 'config_invalid'
  | 'database_url_invalid'
  | 'database_unreachable'
  | 'data_dir_locked'
  | 'migration_failed'
  | 'import_invalid'
  | 'plan_not_found'
  | 'task_not_found'
  | 'blocker_not_found'
  | 'member_not_found'
  | 'forbidden'
  /** Understood, but the thing is not in a state for it: a blocker already resolved, a used preview. */
  | 'invalid_state'
  | 'invalid_command';

export interface PlanErrorDetails {
  /** Where in an input the problem is, when there is one (file, 1-based line). */
  file?: string;
  line?: number;
  /** Further problems of the same input, so one run reports them all. */
  problems?: readonly string[];
  cause?: unknown;
}

export class PlanError extends Error {
  readonly code: PlanErrorCode;
  readonly details: PlanErrorDetails;

  constructor(code: PlanErrorCode, message: string, details: PlanErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'PlanError';
    this.code = code;
    this.details = details;
  }
}

export function isPlanError(error: unknown, code?: PlanErrorCode): error is PlanError {
  return error instanceof PlanError && (code === undefined || error.code === code);
}
