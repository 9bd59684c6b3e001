import type { ChartSize } from '../service/ports/chart-renderer.js';

/** What `planbot chart` writes and Slack gets: large enough to read every day's label. */
export const FULL_CHART_SIZE: ChartSize = { width: 1000, height: 600 };

/**
 * What a Teams memo carries inline (as base64 in the activity): the same picture smaller, so the
 * message stays well inside what the Bot Connector accepts.
 */
export const TEAMS_CHART_SIZE: ChartSize = { width: 600, height: 360 };
