import { lookupZone, looksLikeZone } from './zone-abbreviations.js';

export interface TimeMention {
  /** "HH:mm", 24-hour. */
  localTime: string;
  /** The zone as written ("PT"), if any. */
  zoneText?: string;
  /** IANA zone, when the written zone is known. */
  zone?: string;
  /** A zone-like token nobody knows ("XST"); the caller rejects the document. */
  unknownZone?: string;
  index: number;
}

const TIME =
  /\b(\d{1,2})(?::([0-5]\d))?\s*(?:(a\.?m\.?|p\.?m\.?)(?![a-z]))?(?![\d%])(?:\s*\(?\s*([A-Z]{1,5}|[A-Z][a-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?|Pacific|Eastern|Central|Mountain)\b)?/gi;

/**
 * Times in one phrase: "9:30 AM PST", "14:00", "2 PM", "09:00 PT". A bare number is not a time;
 * it needs minutes or AM/PM.
 */
export function timesIn(text: string): TimeMention[] {
  const mentions: TimeMention[] = [];
  for (const match of text.matchAll(TIME)) {
    const [, hourText, minuteText, meridiem, zoneText] = match;
    if (minuteText === undefined && meridiem === undefined) continue;
    let hour = Number(hourText);
    if (meridiem !== undefined) {
      if (hour < 1 || hour > 12) continue;
      const pm = /^p/i.test(meridiem);
      hour = (hour % 12) + (pm ? 12 : 0);
    } else if (hour > 23) continue;
    const mention: TimeMention = {
      localTime: `${String(hour).padStart(2, '0')}:${minuteText ?? '00'}`,
      index: match.index,
    };
    // The regex is case-insensitive for "pm"; a zone must still be written in capitals or as Area/City.
    if (zoneText !== undefined && isZoneShaped(zoneText)) {
      const zone = lookupZone(zoneText);
      if (zone) {
        mention.zone = zone.zone;
        mention.zoneText = zoneText;
      } else if (looksLikeZone(zoneText)) mention.unknownZone = zoneText;
    }
    mentions.push(mention);
  }
  return mentions;
}

function isZoneShaped(token: string): boolean {
  return token === token.toUpperCase() || token.includes('/') || /^(Pacific|Eastern|Central|Mountain)$/.test(token);
}
