/** A stand-up's one reminder goes out this long after the prompt unless the plan says otherwise (`remindAfter`). */
export const DEFAULT_REMIND_AFTER_MINUTES = 60;
