import type { AckFn, App, BlockAction, ButtonAction, RespondFn, ViewResponseAction } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import {
  confirmChatImport,
  IMPORT_FORBIDDEN,
  mayImportHere,
  previewChatImport,
  type ChatImportDeps,
} from '../../service/commands/chat-import.js';
import type { ChatContext } from '../../service/read-model/chat-context.js';
import type { FirstContactLinker } from '../../service/commands/email-link.js';
import type { Clock } from '../../service/ports/clock.js';
import { errorReply } from '../../service/messages/error-reply.js';
import { message, settlesMessage, type ActionId, type Message } from '../../service/messages/message.js';
import { parseCommandText, parseStandupText } from '../../service/commands/parse-command.js';
import { isCommandButton } from '../../service/commands/button-command.js';
import { isPlanError } from '../../domain/plan-error.js';
import type { PlanService } from '../../service/plan-service.js';
import type { StandupForm } from '../../service/messages/standup-form.js';
import { settleAction } from './action-update.js';
import { toSlackMessage } from './block-kit.js';
import { readAnswerMessage } from './answer-message.js';
import { importModal, readImportSubmission } from './import-modal.js';
import { isHomeAction, publishHome, runHomeAction } from './app-home.js';
import { readBlockerSubmission } from './blocker-modal.js';
import { decodeOrigin, encodeOrigin, resolveLinkTarget, slackContext, type ModalOrigin } from './slack-context.js';
import { linkSlackMembers } from './slack-directory.js';
import { fetchPlanFile } from './slack-file.js';
import { linkSlackUser } from './slack-identity.js';
import { CALLBACK_IDS, MESSAGE_ACTION_IDS, SLASH_COMMAND } from './slack-ids.js';
import { readStandupSubmission, standupModal } from './standup-modal.js';

export interface SlackHandlerDeps {
  service: PlanService;
  chatImport: ChatImportDeps;
  identity: FirstContactLinker;
  clock: Clock;
  logger: Logger;
  /** Longest we let a command run before acking with "working on it" (Slack gives up after 3 s). */
  ackBudgetMs?: number;
}

const HOME_POINTER =
  "Your home is up to date in planbot's *Home* tab: open planbot under *Apps* in the sidebar and pick *Home*.";

/**
 * Everything a Slack user does, turned into PlanService calls: `/plan …`, the buttons on
 * planbot's posts, the two modals, stand-up answers typed in a prompt's thread, and plan files
 * uploaded with "plan import". No plan logic here: only Slack payloads in, Slack replies out.
 */
export function registerSlackHandlers(app: App, deps: SlackHandlerDeps): SlackRegistrations {
  const budget = deps.ackBudgetMs ?? 2_500;

  app.command(SLASH_COMMAND, async ({ command, ack, client, respond }) => {
    const ctx = slackContext(command.team_id, command.channel_id, command.user_id, command.team_domain);
    if (/^\s*import\b/i.test(command.text)) {
      await ack();
      await client.views.open({
        trigger_id: command.trigger_id,
        view: importModal(encodeOrigin({ channel: command.channel_id })),
      });
      return;
    }
    const work = (async () => {
      await linkSlackUser(deps.identity, ctx, client, deps.logger);
      return runText(deps.service, ctx, command.text, client, () => isWorkspaceAdmin(client, command.user_id));
    })();
    const reply = await Promise.race([work, delay(budget)]);
    if (reply) {
      await ack(commandResponse(reply));
      return;
    }
    await ack({ response_type: 'ephemeral', text: 'Working on it…' });
    await respond(commandResponse(await work));
  });

  app.action(
    { type: 'block_actions', action_id: new RegExp(`^(${MESSAGE_ACTION_IDS.join('|')})$`) },
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const button = action as ButtonAction;
      const actionId = button.action_id as ActionId;
      const ctx = slackContext(
        body.team?.id ?? body.user.team_id ?? '',
        body.channel?.id,
        body.user.id,
        body.team?.domain,
      );
      await linkSlackUser(deps.identity, ctx, client, deps.logger);
      if (isHomeAction(body))
        return runHomeAction(
          deps.service,
          ctx,
          { id: actionId, value: button.value ?? '', triggerId: body.trigger_id },
          client,
        );
      if (actionId === 'standup_update') return openStandupModal(deps.service, ctx, body, client, respond);
      if (actionId === 'plan_import_confirm' || actionId === 'plan_import_cancel')
        return decideImport(deps, ctx, actionId, button.value ?? '', client, respond);
      if (!isCommandButton(actionId)) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: `Use \`/plan help\`: this button (${actionId}) has no action yet.`,
        });
        return;
      }
      const reply = await deps.service.handleButton(ctx, actionId, button.value ?? '');
      if (reply.kind === 'error' || !settlesMessage(actionId)) {
        await respond({ response_type: 'ephemeral', replace_original: false, ...toSlackMessage(reply) });
        return;
      }
      await settleInPlace(body, button.block_id, reply.text, client, respond);
    },
  );

  app.view(CALLBACK_IDS.standup, async ({ ack, body, view, client }) => {
    const submitted = await acceptSubmission(
      readStandupSubmission(view.state.values),
      ack,
      body,
      view.private_metadata,
    );
    if (!submitted) return;
    const { read, origin, ctx } = submitted;
    const reply = await deps.service.handle(ctx, { name: 'standup', args: read.args });
    if (origin.home) return publishHome(client, deps.service, ctx, reply);
    if (!origin.channel) return;
    if (reply.kind === 'error' || !origin.ts) {
      await client.chat.postEphemeral({ channel: origin.channel, user: body.user.id, ...toSlackMessage(reply) });
      return;
    }
    await client.chat.postMessage({
      channel: origin.channel,
      thread_ts: origin.ts,
      ...toSlackMessage(message('reply', `<@${body.user.id}> posted their update.\n${summarise(read.args)}`)),
    });
  });

  // Only the home opens this modal, so the outcome is shown on the refreshed home.
  app.view(CALLBACK_IDS.blocker, async ({ ack, body, view, client }) => {
    const submitted = await acceptSubmission(
      readBlockerSubmission(view.state.values),
      ack,
      body,
      view.private_metadata,
    );
    if (!submitted) return;
    const reply = await deps.service.handle(submitted.ctx, { name: 'block', args: submitted.read.args });
    await publishHome(client, deps.service, submitted.ctx, reply);
  });

  app.view(CALLBACK_IDS.planImport, async ({ ack, body, view, client }) => {
    const submitted = await acceptSubmission(readImportSubmission(view.state.values), ack, body, view.private_metadata);
    if (!submitted) return;
    const { read, origin, ctx } = submitted;
    const preview = await previewChatImport(deps.chatImport, {
      ctx,
      text: read.text,
      fileName: 'pasted plan.md',
      isAdmin: await isWorkspaceAdmin(client, body.user.id),
      ...(read.startDate ? { startDate: read.startDate } : {}),
    });
    if (origin.channel)
      await client.chat.postEphemeral({ channel: origin.channel, user: body.user.id, ...toSlackMessage(preview) });
    else await client.chat.postMessage({ channel: body.user.id, ...toSlackMessage(preview) });
  });

  app.event('message', async ({ event, client, context }) => {
    const answer = readAnswerMessage(event);
    if (!answer) return;
    const teamId = context.teamId ?? ('team' in event ? String(event.team) : '');
    const ctx = slackContext(teamId, answer.channel, answer.user);
    if (answer.subtype === 'file_share' && !answer.edited && /^\s*\/?plan\s+import\b/i.test(answer.text)) {
      await importUploadedFile(deps, ctx, event as { channel: string; files?: unknown[] }, client, context.botToken);
      return;
    }
    // A stand-up answer is a reply in a prompt's thread, or any message in a DM with planbot (plans that prompt by DM).
    if (!answer.inDm && !answer.threadTs) return;
    // Only answers shaped like a stand-up, to one of planbot's prompts, count; people talk in threads too.
    const args = parseStandupText(answer.text);
    if (args === null) return;
    const prompt = await deps.service.answeredPrompt({
      platform: 'slack',
      ...(answer.threadTs ? { threadRef: answer.threadTs } : {}),
      ...(answer.inDm ? { dmUser: answer.user } : {}),
    });
    if (!prompt) return;
    await linkSlackUser(deps.identity, ctx, client, deps.logger);
    const reply = await deps.service.handle(ctx, {
      name: 'standup',
      args: { ...args, occurrenceId: prompt.id, ...(answer.edited ? { edited: true as const } : {}) },
    });
    const where = { channel: answer.channel, ...(answer.threadTs ? { thread_ts: answer.threadTs } : {}) };
    if (reply.kind === 'error') {
      await client.chat.postMessage({ ...where, ...toSlackMessage(reply) });
      return;
    }
    if (answer.edited) {
      // An edit changes what was recorded: the reply says what it reads as now, to its author only.
      await client.chat.postEphemeral({ ...where, user: answer.user, ...toSlackMessage(reply) });
      return;
    }
    await client.reactions.add({ channel: answer.channel, timestamp: answer.ts, name: 'white_check_mark' });
  });

  return {
    commands: [SLASH_COMMAND],
    actionIds: [...MESSAGE_ACTION_IDS],
    callbackIds: Object.values(CALLBACK_IDS),
    events: ['message'],
  };
}

/** What the app listens for; the manifest test holds it against manifests/slack/*.yaml. */
export interface SlackRegistrations {
  commands: string[];
  actionIds: string[];
  callbackIds: string[];
  /** Event types; `message` needs the manifest's message.channels / .groups / .im subscriptions. */
  events: string[];
}

/**
 * A modal submission: field errors go back into the modal (Slack shows them under each input);
 * a valid one is acked and comes back with where the modal was opened and who submitted it.
 */
async function acceptSubmission<T extends { ok: true }>(
  read: T | { ok: false; errors: Record<string, string> },
  ack: AckFn<void> | AckFn<ViewResponseAction>,
  body: { team: { id: string } | null; user: { id: string; team_id?: string } },
  privateMetadata: string,
): Promise<{ read: T; origin: ModalOrigin; ctx: ChatContext } | null> {
  if (!read.ok) {
    // Bolt types a view's ack for view_closed too; a submission's ack takes the errors.
    await (ack as AckFn<ViewResponseAction>)({ response_action: 'errors', errors: read.errors });
    return null;
  }
  await ack();
  const origin = decodeOrigin(privateMetadata);
  const ctx = slackContext(body.team?.id ?? body.user.team_id ?? '', origin.channel, body.user.id);
  return { read, origin, ctx: origin.planId ? { ...ctx, planId: origin.planId } : ctx };
}

async function runText(
  service: PlanService,
  ctx: ChatContext,
  text: string,
  client: WebClient,
  isAdmin: () => Promise<boolean>,
): Promise<Message> {
  const parsed = parseCommandText(text);
  if (!parsed.ok) return errorReply({ code: 'invalid_command', message: parsed.error });
  // Slack has a page for the home: refresh it and point there, rather than a second copy in the channel.
  if (parsed.command.name === 'home') {
    await publishHome(client, service, ctx);
    return message('reply', HOME_POINTER, undefined, { ephemeral: true });
  }
  const command = resolveLinkTarget(parsed.command);
  if ('error' in command) return errorReply({ code: 'invalid_command', message: command.error });
  // Only linking depends on being an admin; asking Slack for every command would cost a call each.
  const asker = command.name === 'link' ? { ...ctx, actor: { ...ctx.actor, workspaceAdmin: await isAdmin() } } : ctx;
  return service.handle(asker, command);
}

function commandResponse(reply: Message) {
  // Only what everyone in the channel should see goes in_channel; errors and personal answers stay private.
  return {
    response_type: reply.ephemeral || reply.kind === 'error' ? ('ephemeral' as const) : ('in_channel' as const),
    ...toSlackMessage(reply),
  };
}

async function openStandupModal(
  service: PlanService,
  ctx: ChatContext,
  body: BlockAction,
  client: WebClient,
  respond: RespondFn,
): Promise<void> {
  let form: StandupForm;
  try {
    form = await service.standupForm(ctx);
  } catch (error) {
    // Not a member (yet), or no plan here: say so privately instead of opening an empty form.
    if (!isPlanError(error)) throw error;
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...toSlackMessage(errorReply({ code: error.code, message: error.message })),
    });
    return;
  }
  await client.views.open({
    trigger_id: body.trigger_id,
    view: standupModal(
      form,
      encodeOrigin({
        ...(ctx.channel ? { channel: ctx.channel } : {}),
        ...(body.message?.ts ? { ts: body.message.ts } : {}),
      }),
    ),
  });
}

async function decideImport(
  deps: SlackHandlerDeps,
  ctx: ChatContext,
  actionId: 'plan_import_confirm' | 'plan_import_cancel',
  id: string,
  client: WebClient,
  respond: RespondFn,
) {
  if (actionId === 'plan_import_cancel') {
    await deps.chatImport.pending.take(id, ctx.workspace, deps.clock.now());
    await respond({ replace_original: true, text: 'Import cancelled; nothing was changed.' });
    return;
  }
  let reply = await confirmChatImport(deps.chatImport, ctx, id, await isWorkspaceAdmin(client, ctx.actor.userId));
  if (reply.kind !== 'error') {
    // Link members by the emails in the plan now, so escalations reach people who never wrote to planbot.
    const linked = await linkSlackMembers(
      { store: deps.chatImport.plans, clock: deps.clock, logger: deps.logger },
      client,
      ctx.workspace,
    );
    if (linked > 0)
      reply = {
        ...reply,
        blocks: [
          ...reply.blocks,
          {
            type: 'context',
            text: `Linked ${linked} member${linked === 1 ? '' : 's'} to their Slack accounts by email.`,
          },
        ],
      };
  }
  await respond({ replace_original: reply.kind !== 'error', response_type: 'ephemeral', ...toSlackMessage(reply) });
}

/** After a button: the message it sat on changes in place (no second post), the clicked buttons become the outcome. */
async function settleInPlace(
  body: BlockAction,
  blockId: string,
  outcome: string,
  client: WebClient,
  respond: RespondFn,
): Promise<void> {
  const original = (body.message?.blocks ?? []) as KnownBlock[];
  const blocks = settleAction(original, blockId, `${outcome} (<@${body.user.id}>)`);
  const text = body.message?.text ?? outcome;
  if (body.container?.is_ephemeral || !body.message || !body.channel) {
    await respond({ replace_original: true, text, blocks });
    return;
  }
  await client.chat.update({ channel: body.channel.id, ts: body.message.ts, text, blocks });
}

async function importUploadedFile(
  deps: SlackHandlerDeps,
  ctx: ChatContext,
  event: { channel: string; user?: string; files?: unknown[] },
  client: WebClient,
  botToken: string | undefined,
) {
  const user = ctx.actor.userId;
  const isAdmin = await isWorkspaceAdmin(client, user);
  // Rights first: a member who cannot import anything costs no download and no parse.
  if (!(await mayImportHere(deps.chatImport, ctx, isAdmin))) {
    await client.chat.postEphemeral({
      channel: event.channel,
      user,
      ...toSlackMessage(errorReply({ code: 'forbidden', message: IMPORT_FORBIDDEN })),
    });
    return;
  }
  const file = await fetchPlanFile(event.files, botToken);
  const preview = file.ok
    ? await previewChatImport(deps.chatImport, { ctx, text: file.text, fileName: file.name, isAdmin })
    : errorReply({ code: 'import_invalid', message: file.error });
  await client.chat.postEphemeral({ channel: event.channel, user, ...toSlackMessage(preview) });
}

async function isWorkspaceAdmin(client: WebClient, userId: string): Promise<boolean> {
  try {
    const info = await client.users.info({ user: userId });
    return Boolean(info.user?.is_admin || info.user?.is_owner);
  } catch {
    return false;
  }
}

function summarise(args: {
  did?: string;
  doing?: string;
  blockers?: string | null;
  statuses?: Record<string, string>;
}): string {
  const lines = [
    args.did ? `*Did:* ${args.did}` : '',
    args.doing ? `*Doing:* ${args.doing}` : '',
    `*Blockers:* ${args.blockers ?? 'none'}`,
    ...Object.entries(args.statuses ?? {}).map(([task, status]) => `• ${task}: ${status.replace('_', ' ')}`),
  ];
  return lines.filter(Boolean).join('\n');
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}
