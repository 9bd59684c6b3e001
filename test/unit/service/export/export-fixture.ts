/**
 * A short plan over the end of US daylight saving time (Sun 1 Nov 2026): a holiday on day 3, a
 * buffer Saturday with a check-in, a milestone, and titles a CSV must quote or defuse.
 */
export const cutoverPlanYaml = `
name: Autumn cutover
timezone: America/Los_Angeles
startDate: 2026-10-26
lengthDays: 10
holidays: [2026-10-28]
members:
  - { key: sam, name: Sam Jackson, roles: [lead], email: sam@example.com, slackId: U0SAM }
  - { key: priya, name: "Mehta, Priya", roles: [member], slackId: U0PRIYA }
buffer: { days: [6], swapRule: Pull work forward if the week closed cleanly. }
rituals:
  - { kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5] }
  - { kind: weekend_checkin, localTime: "11:00", days: [6, 7] }
  - { kind: triage, localTime: "14:00", days: [1, 2, 3, 4, 5] }
milestones:
  - { key: m1, name: Cutover ready, dueDay: 5, gateCriteria: [Runbook signed off] }
tasks:
  - { key: t1, title: 'Draft "Go, no-go" memo', owner: sam, day: 1, deliverable: Memo for the board, priority: P0, stream: Ops }
  - { key: t2, title: Rehearse cutover, owner: priya, day: 2, dependsOn: [t1] }
  - { key: t3, title: '=HYPERLINK("http://evil.example")', owner: priya, day: 5, dependsOn: [t2] }
  - { key: t4, title: Cut over, owner: sam, day: 8, dependsOn: [t3], critical: true }
`;

/** RFC 5545 TEXT values escape backslash, comma, semicolon and newline. */
const unescapeText = (value: string) =>
  value.replace(/\\([\\,;nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/** The VEVENTs of an iCalendar text, lines unfolded and text unescaped, each as its properties. */
export function icsEvents(ics: string): Map<string, string>[] {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const events: Map<string, string>[] = [];
  let current: Map<string, string> | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = new Map();
    else if (line === 'END:VEVENT' && current) {
      events.push(current);
      current = undefined;
    } else if (current) {
      const colon = line.indexOf(':');
      current.set(line.slice(0, colon), unescapeText(line.slice(colon + 1)));
    }
  }
  return events;
}
