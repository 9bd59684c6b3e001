/** A member's stand-up answer as stored: what they said, when, and when they last changed it. */
export interface StoredAnswer {
  memberId: string;
  did: string | null;
  doing: string | null;
  blockers: string | null;
  receivedAt: Date;
  /** Null while the answer reads as first given. */
  editedAt: Date | null;
}
