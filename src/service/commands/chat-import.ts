import type { IsoDate } from '../../domain/types.js';
import { renderPlanPreview } from '../../plans/plan-preview.js';
import { findActor, isLead, type ChatContext } from '../read-model/chat-context.js';
import type { Clock } from '../ports/clock.js';
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
    await requireImporter(deps.plans, request, parsed.result.plan.name);
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
        { type: 'section', text: '```\n' + preview + '\n```' },
        {
          type: 'context',
          text: `From ${request.fileName}. The preview is kept for ${PENDING_MINUTES} minutes; importing a plan with the name of an existing one re-baselines it.`,
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
      throw new PlanError('invalid_command', 'This preview has expired or was already used. Run `/plan import` again.');
    const request: ChatImportRequest = {
      ctx,
      text: pending.text,
      fileName: pending.fileName,
      isAdmin,
      ...(pending.startDate ? { startDate: pending.startDate } : {}),
    };
    const importRequest = { ...toImportRequest(request), ...(pending.channel ? { channel: pending.channel } : {}) };
    const parsed = await (deps.parser ?? inlinePlanParser).parse(importRequest, now);
    // Checked again: the button may be pressed by someone else than the one who asked.
    await requireImporter(deps.plans, request, parsed.result.plan.name);
    const saved = await storeImport(deps.versions, importRequest, parsed, now);
    const { plan } = parsed.result;
    const changes = saved.variance ? ` Re-baselined from version ${saved.version - 1}.` : '';
    return message(
      'reply',
      `Imported *${plan.name}* (version ${saved.version}): ${plan.tasks.length} tasks, ${plan.members.length} members.${changes} Members can link themselves with \`/plan link "Name as in the plan"\`.`,
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
 * Who may import: a workspace admin, or a lead/sponsor of the plan being replaced (same name)
 * or of a plan already running in this channel. A new workspace's first plan needs an admin,
 * since nobody is linked to any plan yet.
 */
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

async function requireImporter(store: PlanStore, request: ChatImportRequest, planName: string): Promise<void> {
  if (request.isAdmin) return;
  const plans = await store.listPlans(request.ctx.workspace);
  const relevant = plans.filter(
    (p) => p.name === planName || (request.ctx.channel !== undefined && p.channel === request.ctx.channel),
  );
  for (const plan of relevant) {
    if (isLead(findActor(await store.loadPlanState(plan.id), request.ctx.actor))) return;
  }
  throw new PlanError('forbidden', IMPORT_FORBIDDEN);
}

function asReply(error: unknown): Message {
  if (!isPlanError(error)) throw error;
  return errorReply({
    code: error.code,
    message: error.message,
    ...(error.details.problems ? { problems: error.details.problems } : {}),
  });
}
