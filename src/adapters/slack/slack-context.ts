import type { ChatContext } from '../../service/read-model/chat-context.js';
import type { Command } from '../../service/commands/command.js';

/** Who is asking, from the fields of a request Bolt has already verified. */
export function slackContext(
  teamId: string,
  channel: string | undefined,
  userId: string,
  teamName?: string,
): ChatContext {
  return {
    workspace: { platform: 'slack', externalId: teamId, name: teamName ?? teamId },
    ...(channel ? { channel } : {}),
    actor: { platform: 'slack', userId },
  };
}

/**
 * `link <@U123|sam> "Name"`: Slack escapes a mention to the user's id (the manifest sets
 * `should_escape`), which is what we link. A bare "@sam" cannot be resolved reliably (display
 * names are not unique), so it is refused with how to do it instead.
 */
export function resolveLinkTarget(command: Command): Command | { error: string } {
  if (command.name === 'away' || command.name === 'back') return resolveTimeOffTarget(command);
  if (command.name !== 'link' || command.args.platformUser === undefined) return command;
  const match = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(command.args.platformUser);
  if (!match)
    return {
      error: `Mention the person so Slack fills in their account, e.g. \`/plan link @sam "Sam Jackson"\` (pick them from the @ list).`,
    };
  return { ...command, args: { ...command.args, platformUser: match[1]! } };
}

/**
 * `away <@U123|sam> dec 10`: the mention becomes the user's id, as for `link`. A bare "@sam" is
 * left for the service, which reads it as a member key or name of the plan.
 */
function resolveTimeOffTarget<C extends Extract<Command, { name: 'away' | 'back' }>>(command: C): C {
  const match = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(command.args.platformUser ?? '');
  return match ? { ...command, args: { ...command.args, platformUser: match[1]! } } : command;
}

/** What a modal carries from where it was opened, so its submission can answer in the same place. */
export interface ModalOrigin {
  channel?: string;
  /** The message the modal was opened from (the stand-up prompt): the confirmation threads under it. */
  ts?: string;
  /** The plan the modal is about, when it was opened where no channel says (the Home tab). */
  planId?: string;
  /** Opened from the Home tab: the submission answers by refreshing the home. */
  home?: boolean;
}

export function encodeOrigin(origin: ModalOrigin): string {
  return JSON.stringify(origin);
}

export function decodeOrigin(privateMetadata: string | undefined): ModalOrigin {
  try {
    const parsed = JSON.parse(privateMetadata ?? '{}') as Record<string, unknown>;
    return {
      ...(typeof parsed.channel === 'string' ? { channel: parsed.channel } : {}),
      ...(typeof parsed.ts === 'string' ? { ts: parsed.ts } : {}),
      ...(typeof parsed.planId === 'string' ? { planId: parsed.planId } : {}),
      ...(parsed.home === true ? { home: true } : {}),
    };
  } catch {
    return {};
  }
}
