import type { PrismaClient } from '../generated/prisma/client.js';
import type { PlanVersionStore } from '../service/commands/import-plan.js';
import { savePlanVersion } from './plan-repository.js';

export function prismaPlanVersionStore(prisma: PrismaClient): PlanVersionStore {
  return { savePlanVersion: (workspace, snapshot, meta) => savePlanVersion(prisma, workspace, snapshot, meta) };
}
