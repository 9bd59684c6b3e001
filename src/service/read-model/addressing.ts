import type { MessageMention } from '../messages/message.js';
import type { ChatPlatform } from './platform.js';
import type { MemberState, PlanState } from './plan-state.js';

export interface Address {
  platform: ChatPlatform;
  target: string;
}

/** The plan's channel on its workspace's platform (the console prints it under `#channel`). */
export function channelAddress(state: PlanState, channel?: string | null): Address {
  const name = channel ?? state.plan.channel ?? 'plan';
  return {
    platform: state.plan.workspace.platform,
    target: state.plan.workspace.platform === 'console' ? `#${name.replace(/^#/, '')}` : name,
  };
}

/**
 * Where a direct message to a member goes. Their identity on the plan's own platform first;
 * otherwise any platform they are linked on, so one ladder can climb from Slack to Teams; the
 * console (by member key) when they are linked nowhere.
 */
export function memberAddress(state: PlanState, member: MemberState): Address {
  const home = state.plan.workspace.platform;
  const linked = member.identities.filter((i) => i.externalId);
  const identity = linked.find((i) => i.platform === home) ?? linked.find((i) => i.platform !== 'console');
  if (identity?.externalId) return { platform: identity.platform, target: identity.externalId };
  return { platform: 'console', target: `@${member.key}` };
}

/** How to name a member in a post on the plan's platform: a real mention when linked. */
export function mention(state: PlanState, member: MemberState): string {
  const home = state.plan.workspace.platform;
  const id = member.identities.find((i) => i.platform === home && i.externalId)?.externalId;
  if (home === 'slack' && id) return `<@${id}>`;
  return `@${member.displayName}`;
}

/**
 * The member as a mention a renderer can turn into a notifying one: how `mention()` names them in
 * the text, and their ids on each chat platform they are linked on. Attach these to the message
 * (`withMentions`) wherever the text uses `mention()`.
 */
export function memberMention(state: PlanState, member: MemberState): MessageMention {
  const id = (platform: ChatPlatform) =>
    member.identities.find((i) => i.platform === platform && i.externalId)?.externalId ?? undefined;
  const slack = id('slack');
  const teams = id('teams');
  return {
    text: mention(state, member),
    name: member.displayName,
    ...(slack ? { slack } : {}),
    ...(teams ? { teams } : {}),
  };
}
