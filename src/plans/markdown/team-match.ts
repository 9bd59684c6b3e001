import type { TeamInfo } from './import-context.js';

const STOP_WORDS = new Set(['team', 'the', 'and', 'of', 'for', 'sub']);

/** Crude stemming so "Frontend Engineering" meets "Frontend Engineers". */
function stem(word: string): string {
  return word.replace(/ing$/, '').replace(/s$/, '').replace(/er$/, '');
}

export function nameTokens(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/\([^)]*\)/g, (inner) => ` ${inner} `)
      .split(/[^a-z0-9]+/)
      .filter((word) => word !== '' && !STOP_WORDS.has(word) && !/^\d+$/.test(word))
      .map(stem),
  );
}

function covers(whole: Set<string>, part: Set<string>): boolean {
  if (part.size === 0) return false;
  for (const word of part) if (!whole.has(word)) return false;
  return true;
}

/**
 * The team a week section's sub-heading ("Frontend Engineering", "QA") belongs to: a team whose
 * name contains all its words wins over one where only a listed role does.
 */
export function matchTeam(
  teams: readonly TeamInfo[],
  heading: string,
): { team: TeamInfo; via: 'name' | 'role' } | undefined {
  const words = nameTokens(heading);
  const byName = teams.find((team) => covers(nameTokens(team.name), words));
  if (byName) return { team: byName, via: 'name' };
  const byRole = teams.find((team) => team.aliases.some((alias) => covers(nameTokens(alias), words)));
  return byRole ? { team: byRole, via: 'role' } : undefined;
}
