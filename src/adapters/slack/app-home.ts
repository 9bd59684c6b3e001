import type { App, BlockAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { isPlanError } from '../../domain/plan-error.js';
import { isCommandButton } from '../../service/commands/button-command.js';
import type { FirstContactLinker } from '../../service/commands/email-link.js';
import { errorReply } from '../../service/messages/error-reply.js';
import { message, type ActionId, type Message } from '../../service/messages/message.js';
import type { PlanService } from '../../service/plan-service.js';
import type { ChatContext } from '../../service/read-model/chat-context.js';
import { toSlackMessage } from './block-kit.js';
import { encodeOrigin, slackContext } from './slack-context.js';
import { linkSlackUser } from './slack-identity.js';
import { standupModal } from './standup-modal.js';
import { blockerModal } from './blocker-modal.js';

/** The event Slack sends when someone opens planbot's App Home (the manifest subscribes to it). */
export const APP_HOME_EVENT = 'app_home_opened';

export interface AppHomeDeps {
  service: PlanService;
  identity: FirstContactLinker;
  logger: Logger;
}

/**
 * planbot's Home tab: opening it shows the member's day in each of their plans here, built afresh
 * each time, so it never needs refreshing in the background. The Messages tab (DMs) fires the
 * same event with `tab: messages` and is left alone.
 */
export function registerAppHome(app: App, deps: AppHomeDeps): void {
  app.event(APP_HOME_EVENT, async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    const ctx = slackContext(context.teamId ?? '', undefined, event.user);
    await linkSlackUser(deps.identity, ctx, client, deps.logger);
    await publishHome(client, deps.service, ctx);
  });
}

/** Renders and publishes the asker's home; `notice` (what their last button did) goes on top. */
export async function publishHome(
  client: WebClient,
  service: PlanService,
  ctx: ChatContext,
  notice?: Message,
): Promise<void> {
  const zone = await profileZone(client, ctx.actor.userId);
  const home = toSlackMessage(await service.home(ctx, notice, zone ? { zone } : {}));
  await client.views.publish({ user_id: ctx.actor.userId, view: { type: 'home', blocks: home.blocks } });
}

/**
 * The viewer's zone from their Slack profile, for times on a plan that gives them none. Best
 * effort: without it the home shows the plan's zone and says so.
 */
async function profileZone(client: WebClient, userId: string): Promise<string | undefined> {
  try {
    return (await client.users.info({ user: userId })).user?.tz ?? undefined;
  } catch {
    return undefined;
  }
}

/** A button pressed on the Home tab: it has no channel and no response_url, so its answer is the home itself. */
export function isHomeAction(body: BlockAction): boolean {
  return body.view?.type === 'home';
}

/**
 * Runs a Home tab button and shows the refreshed home with the outcome on top. "Post update" and
 * "Report a blocker" carry their plan's id, so the form (and the answer) are about that plan even
 * when the member is on several.
 */
export async function runHomeAction(
  service: PlanService,
  ctx: ChatContext,
  action: { id: ActionId; value: string; triggerId: string },
  client: WebClient,
): Promise<void> {
  if (action.id === 'standup_update' || action.id === 'blocker_open') {
    const onPlan: ChatContext = { ...ctx, planId: action.value };
    const origin = encodeOrigin({ planId: action.value, home: true });
    try {
      const view =
        action.id === 'standup_update'
          ? standupModal(await service.standupForm(onPlan), origin)
          : blockerModal(await service.blockerForm(onPlan), origin);
      await client.views.open({ trigger_id: action.triggerId, view });
    } catch (error) {
      if (!isPlanError(error)) throw error;
      await publishHome(client, service, ctx, errorReply({ code: error.code, message: error.message }));
    }
    return;
  }
  const reply = isCommandButton(action.id)
    ? await service.handleButton(ctx, action.id, action.value)
    : message('error', `This button (${action.id}) does nothing on the home; use \`/plan help\`.`);
  await publishHome(client, service, ctx, reply);
}
