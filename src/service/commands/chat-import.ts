import type { IsoDate } from '../../domain/types.js';
import { renderPlanPreview } from '../../plans/plan-preview.js';
import { missingCadenceWarning } from '../../plans/cadence-option.js';
import { findActor, isLead, type ChatContext } from '../read-model/chat-context.js';
import type { Clock } from '../ports/clock.js';
import { keptMovesText } from './kept-moves.js';
import { storeImport, type ImportPlanRequest, type PlanVersionStore } from './import-plan.js';
import { inlinePlanParser, type PlanParser } from '../ports/plan-parser.js';
import { message, type Message } from '../messages/message.js';
import { errorReply } from '../messages/error-reply.js';
import { PlanError, isPlanError } from '../../domain/plan-error.js';
import type { PlanStore } from '../ports/plan-store.js';

/** Where a previewed document waits for its Import button (src/store implements it). */
export interface PendingImportStore {
  /** Keeps it and sweeps expired ones; returns its id for the Import button. */
  save(pending: PendingImport, now: Date): Promise<string>;
  /** Removes and returns it, if it belongs to the workspace and has not expired. */
  take(id: string, workspace: ChatContext['workspace'], now: Date): Promise<PendingImport | null>;
}

export interface PendingImport {
  workspace: ChatContext['workspace'];
  channel?: string;
  requestedBy: string;
  fileName: string;
  text: string;
  startDate?: IsoDate;
  expiresAt: Date;
}

export interface ChatImportDeps {
  plans: PlanStore;
  versions: PlanVersionStore;
  pending: PendingImportStore;
  clock: Clock;
  /** How documents are read; the server reads them off its event loop. Default: inline. */
  parser?: PlanParser;
}

export interface ChatImportRequest {
  ctx: ChatContext;
  text: string;
  fileName: string;
  startDate?: IsoDate;
  /** The platform says the asker administers the workspace (Slack admin/owner). */
  isAdmin: boolean;
}

// Long enough to read the preview and fix a warning, short enough that a stale paste is not imported by accident.
const PENDING_MINUTES = 30;

/**
 * `/plan import` from chat, step one: read the document, show the importer's preview and
 * warnings, and keep the document for the Import button. Nothing is stored as a plan yet.
 */
export async function previewChatImport(deps: ChatImportDeps, request: ChatImportRequest): Promise<Message> {
  try {
    const now = deps.clock.now();
    const importRequest = toImportRequest(request);
    const parsed = await (deps.parser ?? inlinePlanParser).parse(importRequest, now);
    const existing = await requireImporter(deps.plans, request, parsed.result.plan.name);
    const id = await deps.pending.save(
      {
        workspace: request.ctx.workspace,
        ...(request.ctx.channel ? { channel: request.ctx.channel } : {}),
        requestedBy: request.ctx.actor.userId,
        fileName: request.fileName,
        text: request.text,
        ...(request.startDate ? { startDate: request.startDate } : {}),
        expiresAt: new Date(now.getTime() + PENDING_MINUTES * 60_000),
      },
      now,
    );
    const { plan, warnings, unplaced } = parsed.result;
    const preview = renderPlanPreview(plan, warnings, { unplaced });
    return message(
      'reply',
      `Preview of ${plan.name} from ${request.fileName}: ${plan.tasks.length} tasks, ${warnings.length} warnings. Import it?`,
      [
        { type: 'header', text: `Import ${plan.name}?` },
        ...(existing ? [{ type: 'section' as const, text: rebaselineNotice(existing, request.ctx.channel) }] : []),
        { type: 'section', text: '```\n' + preview + '\n```' },
        {
          type: 'context',
          text: `From ${request.fileName}. The preview is kept for ${PENDING_MINUTES} minutes.`,
        },
        {
          type: 'actions',
          actions: [
            { id: 'plan_import_confirm', label: 'Import', value: id, style: 'primary' },
            { id: 'plan_import_cancel', label: 'Cancel', value: id },
          ],
        },
      ],
      { ephemeral: true },
    );
  } catch (error) {
    return asReply(error);
  }
}

/** Step two, the Import button: stores the kept document as a plan (or a new version of it). */
export async function confirmChatImport(
  deps: ChatImportDeps,
  ctx: ChatContext,
  pendingId: string,
  isAdmin: boolean,
): Promise<Message> {
  try {
    const now = deps.clock.now();
    const pending = await deps.pending.take(pendingId, ctx.workspace, now);
    if (!pending)
      throw new PlanError('invalid_state', 'This preview has expired or was already used. Run `/plan import` again.');
    const request: ChatImportRequest = {
      ctx,
      text: pending.text,
      fileName: pending.fileName,
      isAdmin,
      ...(pending.startDate ? { startDate: pending.startDate } : {}),
    };
    const asked = { ...toImportRequest(request), ...(pending.channel ? { channel: pending.channel } : {}) };
    const parsed = await (deps.parser ?? inlinePlanParser).parse(asked, now);
    // Checked again: the button may be pressed by someone else than the one who asked.
    const existing = await requireImporter(deps.plans, request, parsed.result.plan.name);
    // A re-import never moves a plan between channels: it keeps posting where its team reads it.
    const importRequest: ImportPlanRequest = { ...asked };
    if (existing?.channel) delete importRequest.channel;
    const saved = await storeImport(deps.versions, importRequest, parsed, now);
    const { plan } = parsed.result;
    const kept = keptMovesText(saved.kept);
    const silent = missingCadenceWarning(parsed.snapshot.document)
      ? ' It has no stand-up, triage or escalation ladder, so it will never prompt anyone until you add `rituals:` to the document and import it again.'
      : '';
    const changes = saved.variance
      ? ` Re-baselined from version ${saved.version - 1}${kept ? `; ${kept}, the document did not change their dates` : ''}.`
      : '';
    return message(
      'reply',
      `Imported *${plan.name}* (version ${saved.version}): ${plan.tasks.length} tasks, ${plan.members.length} members.${changes} Members can link themselves with \`/plan link "Name as in the plan"\`.${silent}`,
    );
  } catch (error) {
    return asReply(error);
  }
}

function toImportRequest(request: ChatImportRequest): ImportPlanRequest {
  return {
    text: request.text,
    file: request.fileName,
    workspace: request.ctx.workspace,
    importedBy: `${request.ctx.actor.platform}:${request.ctx.actor.userId}`,
    ...(request.ctx.channel ? { channel: request.ctx.channel } : {}),
    ...(request.startDate ? { startDate: request.startDate } : {}),
  };
}

/**
 * Asked before an uploaded file is downloaded or parsed: only a workspace admin or a lead or
 * sponsor of one of its plans can import anything, so nobody else costs a download and a parse.
 */
export async function mayImportHere(deps: ChatImportDeps, ctx: ChatContext, isAdmin: boolean): Promise<boolean> {
  if (isAdmin) return true;
  for (const plan of await deps.plans.listPlans(ctx.workspace)) {
    if (isLead(findActor(await deps.plans.loadPlanState(plan.id), ctx.actor))) return true;
  }
  return false;
}

export const IMPORT_FORBIDDEN = 'Only a lead or sponsor of this plan, or a workspace admin, can import it.';

type ExistingPlan = Awaited<ReturnType<PlanStore['listPlans']>>[number];

/**
 * Who may import what. A document named like a plan that already runs re-baselines that plan
 * (its tasks, roles and ladder), so only that plan's leads and sponsors, or a workspace admin,
 * may: leading some other plan gives no rights over it. A new plan may be started by an admin or
 * by a lead of a plan already in this channel; a workspace's first plan needs an admin, since
 * nobody is linked to any plan yet. Returns the plan the import would replace, if any.
 */
async function requireImporter(
  store: PlanStore,
  request: ChatImportRequest,
  planName: string,
): Promise<ExistingPlan | undefined> {
  const plans = await store.listPlans(request.ctx.workspace);
  const existing = plans.find((p) => p.name === planName);
  const leads = async (plan: ExistingPlan) =>
    isLead(findActor(await store.loadPlanState(plan.id, plan.stamp), request.ctx.actor));
  if (existing) {
    if (request.isAdmin || (await leads(existing))) return existing;
    throw new PlanError(
      'forbidden',
      `A plan named "${planName}" already runs in this workspace, and importing this document would re-baseline it; only its leads and sponsors or a workspace admin can do that. To start a separate plan, give the document another name (its title, or \`name:\`).`,
    );
  }
  if (request.isAdmin) return undefined;
  for (const plan of plans.filter((p) => request.ctx.channel !== undefined && p.channel === request.ctx.channel)) {
    if (await leads(plan)) return undefined;
  }
  throw new PlanError('forbidden', IMPORT_FORBIDDEN);
}

/** The preview says plainly that an existing plan is replaced, and that it stays where it posts. */
function rebaselineNotice(existing: ExistingPlan, channel: string | undefined): string {
  const stays =
    existing.channel && existing.channel !== channel
      ? ' It runs in another channel and stays there: importing from here does not move it.'
      : '';
  return `*${existing.name}* already runs here (version ${existing.stamp.version}). Importing re-baselines it: its tasks, roles and ladder become this document's, and the variance from the current version is reported.${stays}`;
}

function asReply(error: unknown): Message {
  if (!isPlanError(error)) throw error;
  return errorReply({
    code: error.code,
    message: error.message,
    ...(error.details.problems ? { problems: error.details.problems } : {}),
  });
}
