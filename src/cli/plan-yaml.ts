import { resolve } from 'node:path';
import { Document, isMap, isSeq } from 'yaml';
import type { Plan } from '../plans/plan-schema.js';

const planSchemaPath = resolve(import.meta.dirname, '../../schemas/plan.schema.json');

/**
 * A plan in canonical YAML, as `planbot import --out` and `planbot export --format yaml` write it.
 * The first line points editors with the YAML language server at the committed schema, so they
 * autocomplete and check the file. `header` lines and per-task `taskNotes` become comments:
 * what a reader should know that the plan format has no field for.
 */
export function planYaml(document: Plan, notes: { header?: string[]; taskNotes?: Map<string, string> } = {}): string {
  const yaml = new Document(document);
  if (notes.header?.length) yaml.commentBefore = notes.header.map((line) => ` ${line}`).join('\n');
  const tasks = yaml.get('tasks');
  if (notes.taskNotes && isSeq(tasks)) {
    for (const item of tasks.items) {
      if (!isMap(item)) continue;
      const key = item.get('key', true);
      const note = notes.taskNotes.get(String(item.get('key')));
      if (key && note) key.comment = ` ${note}`;
    }
  }
  return `# yaml-language-server: $schema=${planSchemaPath}\n${yaml.toString()}`;
}
