import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { Clock } from '../../service/ports/clock.js';
import type { PlanService } from '../../service/plan-service.js';
import type { PlanStore } from '../../service/ports/plan-store.js';
import { PlanbotTeamsBot, type TeamsBotDeps } from './teams-bot.js';
import { createCloudAdapter, type PlanbotCloudAdapter, type TeamsAuthSettings } from './teams-cloud-adapter.js';
import { BodyError, DEFAULT_BODY_LIMIT_BYTES, parseJsonObject, readBody } from './teams-request-body.js';

export interface TeamsRouteDeps extends TeamsAuthSettings {
  service: PlanService;
  store: PlanStore;
  conversations: TeamsBotDeps['conversations'];
  delivered: TeamsBotDeps['delivered'];
  clock: Clock;
  logger: Logger;
  bodyLimitBytes?: number;
}

export interface TeamsRoute {
  /** The Bot Framework messaging endpoint (`/api/messages`). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** For proactive messages (the Teams sender) with the same credentials. */
  adapter: PlanbotCloudAdapter;
}

// jsonwebtoken's own errors: a token with a bad signature or not yet valid is as unauthorised as a missing one.
const JWT_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * The messaging endpoint: reads and bounds the body, lets botbuilder verify the Bot Framework
 * token (issuer, audience = app id, signing key endorsed for the channel, service URL claim,
 * expiry), then runs the bot. A request that fails authentication never reaches the bot, so it
 * can write nothing.
 */
export function createTeamsRoute(deps: TeamsRouteDeps): TeamsRoute {
  const adapter = createCloudAdapter(deps);
  const log = deps.logger.child({ adapter: 'teams' });
  const bot = new PlanbotTeamsBot({
    service: deps.service,
    store: deps.store,
    conversations: deps.conversations,
    delivered: deps.delivered,
    clock: deps.clock,
    logger: log,
    ...(deps.tenantId && deps.appType === 'SingleTenant' ? { onlyTenant: deps.tenantId } : {}),
  });
  adapter.onTurnError = async (context, error) => {
    log.error({ err: error, activityType: context.activity.type }, 'Teams turn failed');
    // An invoke must still get an answer, or Teams shows a generic error on the card.
    if (context.activity.type !== 'invoke')
      await context
        .sendActivity('Something went wrong on my side; please try again in a minute.')
        .catch(() => undefined);
  };
  const limit = deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return send(res, 405, { error: 'The Bot Framework endpoint takes POST requests only.' });
    }
    let activity: Activity;
    try {
      activity = toActivity(parseJsonObject(await readBody(req, limit)));
    } catch (error) {
      if (!(error instanceof BodyError)) {
        // The client went away mid-body: nobody is left to answer.
        log.debug({ err: error }, 'Teams request body could not be read');
        res.destroy();
        return;
      }
      // Stop reading an oversized body: close instead of draining it for keep-alive.
      if (error.status === 413) res.setHeader('connection', 'close');
      return send(res, error.status, { error: error.message });
    }
    const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    try {
      const invoke = await adapter.processParsed(authHeader, activity, (context) => bot.run(context));
      return send(res, invoke?.status ?? 200, invoke?.body);
    } catch (error) {
      if (isAuthError(error)) {
        // The reason (expired, wrong audience…) helps the operator; the token itself is never logged.
        log.warn(
          { reason: (error as Error).message, activityType: activity.type },
          'Teams request refused: not authenticated',
        );
        return send(res, 401, { error: 'Unauthorized: the request does not carry a valid Bot Framework token.' });
      }
      log.error({ err: error, activityType: activity.type }, 'Teams request failed');
      return send(res, 500, { error: 'Internal error.' });
    }
  }

  return { handle, adapter };
}

function isAuthError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // botframework-connector's AuthenticationError (not exported by botbuilder) carries statusCode 401.
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  return statusCode === 401 || JWT_ERRORS.has(error.name);
}

const TEAMS_CHANNEL = 'msteams';

/** What CloudAdapter.process does to a parsed body: timestamps become Dates, raw strings kept. */
function toActivity(body: Record<string, unknown>): Activity {
  const activity = body as Partial<Activity> & Record<string, unknown>;
  // botbuilder skips the endorsement check for an activity without a channel and the service URL
  // check for one without a service URL: neither may be left out.
  if (activity.channelId !== TEAMS_CHANNEL)
    throw new BodyError(400, `This endpoint serves Microsoft Teams only (channelId "${TEAMS_CHANNEL}").`);
  if (typeof activity.serviceUrl !== 'string' || !/^https:\/\//.test(activity.serviceUrl)) {
    throw new BodyError(400, 'The activity has no https serviceUrl; Teams always sends one.');
  }
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as Activity;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    res.statusCode = status;
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
