/** What a plan says about a person that can tie them to a team or work stream. */
export interface StreamClaim {
  readonly name: string;
  readonly title?: string | undefined;
  /** Streams the plan names for the member; when given, only these count. */
  readonly streams?: readonly string[] | undefined;
}

const NOT_SUBJECT = new Set(['and', 'the', 'of', 'for', 'team', 'teams', 'stream', 'workstream', 'function']);
const HEAD_OF = /\b(?:head|lead|director|manager|vp|owner|chief)\s+(?:of|for)\s+(.+)$/i;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !NOT_SUBJECT.has(w));
}

/**
 * Whether a member answers for a task's stream: a stream listed for them, or, when the plan lists
 * none, a name or title "Head of X" whose X is all in the stream's name ("Head of IT" answers for
 * "IT & Business Systems", "Head of Infrastructure" for "Infrastructure & DevOps").
 */
export function answersForStream(member: StreamClaim, stream: string): boolean {
  const streamWords = words(stream);
  if (streamWords.length === 0) return false;
  if (member.streams !== undefined) {
    const wanted = streamWords.join(' ');
    return member.streams.some((s) => words(s).join(' ') === wanted);
  }
  return [member.title, member.name].some((text) => {
    const subject = text === undefined ? null : HEAD_OF.exec(text);
    if (!subject) return false;
    const needed = words(subject[1]!);
    return needed.length > 0 && needed.every((w) => streamWords.includes(w));
  });
}
