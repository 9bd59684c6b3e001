-- CreateEnum
CREATE TYPE "ChatPlatform" AS ENUM ('slack', 'teams', 'console');

-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('member', 'lead', 'sponsor', 'on_call');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('todo', 'in_progress', 'blocked', 'done', 'cancelled');

-- CreateEnum
CREATE TYPE "RitualKind" AS ENUM ('standup', 'weekend_checkin', 'triage', 'sync', 'weekly_memo', 'milestone_checkpoint');

-- CreateEnum
CREATE TYPE "OccurrenceStatus" AS ENUM ('claimed', 'posted', 'skipped');

-- CreateEnum
CREATE TYPE "BlockerStatus" AS ENUM ('open', 'acknowledged', 'resolved');

-- CreateEnum
CREATE TYPE "EscalationStatus" AS ENUM ('due', 'sent', 'cancelled');

-- CreateEnum
CREATE TYPE "ReplanStatus" AS ENUM ('pending', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sending', 'sent', 'parked');

-- CreateTable
CREATE TABLE "workspace" (
    "id" UUID NOT NULL,
    "platform" "ChatPlatform" NOT NULL,
    "external_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "install" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "channel" TEXT,
    "current_version" INTEGER NOT NULL DEFAULT 1,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_version" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "source_name" TEXT,
    "imported_by" TEXT,
    "variance" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "member" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "roles" "MemberRole"[],
    "email" TEXT,
    "timezone" TEXT,
    "time_off" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chat_identity" (
    "id" UUID NOT NULL,
    "member_id" UUID NOT NULL,
    "platform" "ChatPlatform" NOT NULL,
    "external_id" TEXT,
    "handle" TEXT,
    "reference" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chat_identity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "owner_id" UUID,
    "due_date" DATE NOT NULL,
    "planned_date" DATE NOT NULL,
    "plan_day" INTEGER,
    "plan_week" INTEGER,
    "priority" TEXT,
    "effort" TEXT,
    "deliverable" TEXT,
    "stream" TEXT,
    "critical" BOOLEAN NOT NULL DEFAULT false,
    "status" "TaskStatus" NOT NULL DEFAULT 'todo',
    "done_at" TIMESTAMPTZ(3),
    "slip_escalated_at" TIMESTAMPTZ(3),
    "details" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_dependency" (
    "task_id" UUID NOT NULL,
    "depends_on_id" UUID NOT NULL,

    CONSTRAINT "task_dependency_pkey" PRIMARY KEY ("task_id","depends_on_id")
);

-- CreateTable
CREATE TABLE "buffer_day" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "plan_day" INTEGER,
    "swap_rule" TEXT,

    CONSTRAINT "buffer_day_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ritual" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "RitualKind" NOT NULL,
    "local_time" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "days" INTEGER[],
    "on_buffer_days" BOOLEAN NOT NULL DEFAULT false,
    "channel" TEXT,
    "in_thread" BOOLEAN NOT NULL DEFAULT false,
    "config" JSONB,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "next_run_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ritual_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "occurrence" (
    "id" UUID NOT NULL,
    "ritual_id" UUID NOT NULL,
    "scheduled_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "OccurrenceStatus" NOT NULL DEFAULT 'claimed',
    "claimed_by" TEXT,
    "message_ref" TEXT,
    "remind_at" TIMESTAMPTZ(3),
    "reminded_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "occurrence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "standup_reply" (
    "id" UUID NOT NULL,
    "occurrence_id" UUID NOT NULL,
    "member_id" UUID NOT NULL,
    "did" TEXT,
    "doing" TEXT,
    "blockers" TEXT,
    "task_statuses" JSONB,
    "received_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "standup_reply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "blocker" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "task_id" UUID,
    "reporter_id" UUID,
    "summary" TEXT NOT NULL,
    "status" "BlockerStatus" NOT NULL DEFAULT 'open',
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by_id" UUID,
    "resolved_at" TIMESTAMPTZ(3),
    "resolution" TEXT,
    "next_escalation_at" TIMESTAMPTZ(3),
    "message_ref" TEXT,

    CONSTRAINT "blocker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "escalation_step" (
    "id" UUID NOT NULL,
    "blocker_id" UUID NOT NULL,
    "tier" INTEGER NOT NULL,
    "target" TEXT NOT NULL,
    "status" "EscalationStatus" NOT NULL DEFAULT 'due',
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "escalation_step_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "replan_proposal" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "slipped_task_key" TEXT NOT NULL,
    "moves" JSONB NOT NULL,
    "buffer_date" DATE,
    "status" "ReplanStatus" NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by" TEXT,

    CONSTRAINT "replan_proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_message" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "workspace_id" UUID,
    "idempotency_key" TEXT NOT NULL,
    "platform" "ChatPlatform" NOT NULL,
    "target" TEXT NOT NULL,
    "parent_key" TEXT,
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),
    "platform_ref" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" UUID NOT NULL,
    "workspace_id" UUID,
    "plan_id" UUID,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "workspace_platform_external_id_key" ON "workspace"("platform", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "plan_workspace_id_name_key" ON "plan"("workspace_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "plan_version_plan_id_version_key" ON "plan_version"("plan_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "member_plan_id_key_key" ON "member"("plan_id", "key");

-- CreateIndex
CREATE INDEX "chat_identity_platform_external_id_idx" ON "chat_identity"("platform", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "chat_identity_member_id_platform_key" ON "chat_identity"("member_id", "platform");

-- CreateIndex
CREATE INDEX "task_plan_id_status_due_date_idx" ON "task"("plan_id", "status", "due_date");

-- CreateIndex
CREATE INDEX "task_owner_id_due_date_idx" ON "task"("owner_id", "due_date");

-- CreateIndex
CREATE UNIQUE INDEX "task_plan_id_key_key" ON "task"("plan_id", "key");

-- CreateIndex
CREATE INDEX "task_dependency_depends_on_id_idx" ON "task_dependency"("depends_on_id");

-- CreateIndex
CREATE UNIQUE INDEX "buffer_day_plan_id_date_key" ON "buffer_day"("plan_id", "date");

-- CreateIndex
CREATE INDEX "ritual_active_next_run_at_idx" ON "ritual"("active", "next_run_at");

-- CreateIndex
CREATE UNIQUE INDEX "ritual_plan_id_key_key" ON "ritual"("plan_id", "key");

-- CreateIndex
CREATE INDEX "occurrence_remind_at_idx" ON "occurrence"("remind_at");

-- CreateIndex
CREATE UNIQUE INDEX "occurrence_ritual_id_scheduled_at_key" ON "occurrence"("ritual_id", "scheduled_at");

-- CreateIndex
CREATE UNIQUE INDEX "standup_reply_occurrence_id_member_id_key" ON "standup_reply"("occurrence_id", "member_id");

-- CreateIndex
CREATE INDEX "blocker_next_escalation_at_idx" ON "blocker"("next_escalation_at");

-- CreateIndex
CREATE INDEX "blocker_plan_id_status_idx" ON "blocker"("plan_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "blocker_plan_id_number_key" ON "blocker"("plan_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "escalation_step_blocker_id_tier_key" ON "escalation_step"("blocker_id", "tier");

-- CreateIndex
CREATE UNIQUE INDEX "replan_proposal_plan_id_number_key" ON "replan_proposal"("plan_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_message_idempotency_key_key" ON "outbox_message"("idempotency_key");

-- CreateIndex
CREATE INDEX "outbox_message_status_next_attempt_at_idx" ON "outbox_message"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_message_status_locked_until_idx" ON "outbox_message"("status", "locked_until");

-- CreateIndex
CREATE INDEX "outbox_message_target_seq_idx" ON "outbox_message"("target", "seq");

-- CreateIndex
CREATE INDEX "audit_log_plan_id_at_idx" ON "audit_log"("plan_id", "at");

-- AddForeignKey
ALTER TABLE "plan" ADD CONSTRAINT "plan_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member" ADD CONSTRAINT "member_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chat_identity" ADD CONSTRAINT "chat_identity_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_dependency" ADD CONSTRAINT "task_dependency_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_dependency" ADD CONSTRAINT "task_dependency_depends_on_id_fkey" FOREIGN KEY ("depends_on_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "buffer_day" ADD CONSTRAINT "buffer_day_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ritual" ADD CONSTRAINT "ritual_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "occurrence" ADD CONSTRAINT "occurrence_ritual_id_fkey" FOREIGN KEY ("ritual_id") REFERENCES "ritual"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standup_reply" ADD CONSTRAINT "standup_reply_occurrence_id_fkey" FOREIGN KEY ("occurrence_id") REFERENCES "occurrence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standup_reply" ADD CONSTRAINT "standup_reply_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "blocker" ADD CONSTRAINT "blocker_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "blocker" ADD CONSTRAINT "blocker_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "blocker" ADD CONSTRAINT "blocker_reporter_id_fkey" FOREIGN KEY ("reporter_id") REFERENCES "member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "blocker" ADD CONSTRAINT "blocker_acknowledged_by_id_fkey" FOREIGN KEY ("acknowledged_by_id") REFERENCES "member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "escalation_step" ADD CONSTRAINT "escalation_step_blocker_id_fkey" FOREIGN KEY ("blocker_id") REFERENCES "blocker"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "replan_proposal" ADD CONSTRAINT "replan_proposal_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_message" ADD CONSTRAINT "outbox_message_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;
