import { parsePlanData } from '../../src/plans/plan-data.js';
import { storeImport, type PlanVersionStore } from '../../src/service/commands/import-plan.js';
import { buildPlanSnapshot } from '../../src/service/read-model/plan-snapshot.js';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';

/** Imports a YAML plan through any PlanVersionStore, by the path production takes (snapshot, then storeImport). */
export async function importPlanYaml(
  versions: PlanVersionStore,
  workspace: WorkspaceRef,
  yaml: string,
  options: { now: Date; channel?: string; importedBy?: string },
) {
  const { plan, warnings, unplaced } = parsePlanData(yaml, 'yaml', 'plan.yaml');
  const snapshot = buildPlanSnapshot(plan, options.now);
  const request = {
    text: yaml,
    file: 'plan.yaml',
    workspace,
    importedBy: options.importedBy ?? 'test',
    ...(options.channel ? { channel: options.channel } : {}),
  };
  return storeImport(versions, request, { result: { plan, warnings, unplaced }, snapshot }, options.now);
}
