import type { DateTime } from 'luxon';

/**
 * Luxon reports a bad instant as an invalid DateTime rather than throwing, and every comparison
 * with its NaN millis is false, which would leave a search loop spinning. Fail loudly instead.
 */
export function requireValidInstant(instant: DateTime, name: string): DateTime {
  if (!instant.isValid) {
    throw new RangeError(
      `${name} is not a valid instant: ${instant.invalidExplanation ?? instant.invalidReason ?? 'invalid'}`,
    );
  }
  return instant;
}
