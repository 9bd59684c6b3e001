import pino, { type Logger } from 'pino';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/slack-app.js';
import type { SlackConfig } from '../../src/config.js';
import type { App } from '../../src/main.js';
import type { Clock } from '../../src/service/ports/clock.js';
import { SystemClock } from '../../src/service/clocks/system-clock.js';
import type { Database } from '../../src/store/database.js';

/**
 * The real Slack adapter over an app's service and store, as `planbot start` builds it: plan time
 * from the test's clock, signature windows on real time (Slack and Bolt sign and check with it).
 * Started: initialised over HTTP, connected in Socket Mode.
 */
export async function testSlackAdapter(
  app: App,
  db: Database,
  clock: Clock,
  config: Partial<SlackConfig> & { signingSecret: string },
  offline = true,
  logger: Logger = pino({ level: 'silent' }),
): Promise<SlackAdapter> {
  const adapter = createSlackAdapter({
    config: { apiUrl: 'https://slack.com/api/', ...config },
    service: app.service,
    store: app.store,
    ...app.slackStores,
    clock,
    requestClock: new SystemClock(),
    logger,
    chatImport: app.chatImport,
    ...(offline ? { offline: { botId: 'B0PLANBOT', botUserId: 'U0PLANBOT' } } : {}),
  });
  await adapter.start();
  return adapter;
}
