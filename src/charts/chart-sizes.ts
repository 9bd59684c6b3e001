import type { ChartSize } from '../service/ports/chart-renderer.js';

/** What `planbot chart` writes and Slack gets: large enough to read every day's label. */
export const FULL_CHART_SIZE: ChartSize = { width: 1000, height: 600 };

/**
 * What a Teams memo carries inline (base64 in the activity): the same picture a little smaller.
 * Teams does not count base64 images against a bot message's size limit (about 100 KB), and 800
 * pixels across keeps the day labels readable; a full-size chart would add weight for no gain in a
 * card column that is narrower than that.
 */
export const TEAMS_CHART_SIZE: ChartSize = { width: 800, height: 480 };
