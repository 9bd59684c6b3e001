import { Info } from 'luxon';
import { homeView } from '../messages/home-view.js';
import type { Message } from '../messages/message.js';
import type { PlanStore } from '../ports/plan-store.js';
import { findActor, type ChatContext } from './chat-context.js';
import { homePlanOf, type HomePlan } from './home-plan.js';
import { ANSWERED_KINDS } from './occurrence-ref.js';
import { PlanView } from './plan-view.js';

/**
 * The asker's home across every plan of their workspace they are a member of (a home belongs to
 * no channel, so no one plan is picked). Only this workspace's plans are looked at, and a plan
 * the asker is not on shows nothing but its name.
 */
/** What the chat platform says of the viewer, beyond who they are. */
export interface HomeViewer {
  /** Their profile's IANA zone (Slack's `tz`), where the platform gives one. */
  zone?: string;
}

export async function memberHome(
  store: Pick<PlanStore, 'listPlans' | 'loadPlanState' | 'latestOccurrence' | 'repliesFor'>,
  ctx: ChatContext,
  now: Date,
  notice?: Message,
  viewer: HomeViewer = {},
): Promise<Message> {
  // A profile zone Luxon does not know would print "Invalid DateTime"; the plan's zone is better.
  const given = viewer.zone ?? ctx.actor.zone;
  const profileZone = given && Info.isValidIANAZone(given) ? given : undefined;
  const listed = await store.listPlans(ctx.workspace);
  const plans: HomePlan[] = [];
  const otherPlans: string[] = [];
  for (const entry of listed) {
    const state = await store.loadPlanState(entry.id, entry.stamp);
    const member = findActor(state, ctx.actor);
    if (!member) {
      otherPlans.push(entry.name);
      continue;
    }
    const latest = await store.latestOccurrence(entry.id, ANSWERED_KINDS, now);
    const answeredBy = latest ? await store.repliesFor(latest.id) : [];
    const prompt = latest ? { occurrence: latest, answeredBy } : null;
    plans.push(homePlanOf(PlanView.of(state), member, now, prompt, profileZone));
  }
  return homeView({ now, plans, otherPlans, ...(notice ? { notice } : {}) });
}
