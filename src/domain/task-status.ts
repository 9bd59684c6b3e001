import type { TaskStatus } from './types.js';

/** Done and cancelled tasks can no longer slip, block or be threatened. */
export function isFinished(status: TaskStatus): boolean {
  return status === 'done' || status === 'cancelled';
}
