import { DateTime, Info } from 'luxon';

export interface ZoneAbbreviation {
  zone: string;
  /** Whether the abbreviation names standard time, daylight time, or either ("PT"). */
  season: 'standard' | 'daylight' | 'generic';
}

// IST is India here (the common reading in plan documents), CST is US Central, not China.
const ABBREVIATIONS: Readonly<Record<string, ZoneAbbreviation>> = {
  PT: { zone: 'America/Los_Angeles', season: 'generic' },
  PST: { zone: 'America/Los_Angeles', season: 'standard' },
  PDT: { zone: 'America/Los_Angeles', season: 'daylight' },
  MT: { zone: 'America/Denver', season: 'generic' },
  MST: { zone: 'America/Denver', season: 'standard' },
  MDT: { zone: 'America/Denver', season: 'daylight' },
  CT: { zone: 'America/Chicago', season: 'generic' },
  CST: { zone: 'America/Chicago', season: 'standard' },
  CDT: { zone: 'America/Chicago', season: 'daylight' },
  ET: { zone: 'America/New_York', season: 'generic' },
  EST: { zone: 'America/New_York', season: 'standard' },
  EDT: { zone: 'America/New_York', season: 'daylight' },
  AKT: { zone: 'America/Anchorage', season: 'generic' },
  AKST: { zone: 'America/Anchorage', season: 'standard' },
  AKDT: { zone: 'America/Anchorage', season: 'daylight' },
  HST: { zone: 'Pacific/Honolulu', season: 'generic' },
  UTC: { zone: 'UTC', season: 'generic' },
  GMT: { zone: 'UTC', season: 'generic' },
  Z: { zone: 'UTC', season: 'generic' },
  BST: { zone: 'Europe/London', season: 'daylight' },
  WET: { zone: 'Europe/Lisbon', season: 'standard' },
  WEST: { zone: 'Europe/Lisbon', season: 'daylight' },
  CET: { zone: 'Europe/Berlin', season: 'standard' },
  CEST: { zone: 'Europe/Berlin', season: 'daylight' },
  EET: { zone: 'Europe/Helsinki', season: 'standard' },
  EEST: { zone: 'Europe/Helsinki', season: 'daylight' },
  IST: { zone: 'Asia/Kolkata', season: 'generic' },
  SGT: { zone: 'Asia/Singapore', season: 'generic' },
  HKT: { zone: 'Asia/Hong_Kong', season: 'generic' },
  JST: { zone: 'Asia/Tokyo', season: 'generic' },
  KST: { zone: 'Asia/Seoul', season: 'generic' },
  AEST: { zone: 'Australia/Sydney', season: 'standard' },
  AEDT: { zone: 'Australia/Sydney', season: 'daylight' },
  AET: { zone: 'Australia/Sydney', season: 'generic' },
  NZST: { zone: 'Pacific/Auckland', season: 'standard' },
  NZDT: { zone: 'Pacific/Auckland', season: 'daylight' },
};

const WORDS: Readonly<Record<string, string>> = {
  pacific: 'PT',
  mountain: 'MT',
  central: 'CT',
  eastern: 'ET',
};

/** "PT", "pst", "Pacific", "America/Los_Angeles" → a zone; undefined when not a known zone. */
export function lookupZone(written: string): ZoneAbbreviation | undefined {
  const token = written.trim().replace(/\s+time$/i, '');
  const abbreviation = ABBREVIATIONS[token.toUpperCase()] ?? ABBREVIATIONS[WORDS[token.toLowerCase()] ?? ''];
  if (abbreviation) return abbreviation;
  if (token.includes('/') && Info.isValidIANAZone(token)) return { zone: token, season: 'generic' };
  return undefined;
}

/** Tokens that look like a zone even though we do not know them, so they fail loudly. */
export function looksLikeZone(token: string): boolean {
  return /^[A-Z]{1,4}T$/.test(token) || /^[A-Z][a-z]+\/[A-Za-z_]+/.test(token);
}

/**
 * A standard-time abbreviation (PST) written for dates on daylight time, or the reverse. The
 * ritual keeps its wall-clock time in the IANA zone; the author should know that is the reading.
 */
export function seasonMismatch(
  written: string,
  abbreviation: ZoneAbbreviation,
  startDate: string,
  lengthDays: number,
): string | undefined {
  if (abbreviation.season === 'generic') return undefined;
  const start = DateTime.fromISO(startDate, { zone: abbreviation.zone });
  if (!start.isValid) return undefined;
  const days = Math.min(Math.max(lengthDays, 1), 400);
  for (let offset = 0; offset < days; offset += 1) {
    const day = start.plus({ days: offset }).set({ hour: 12 });
    const wrongSeason = abbreviation.season === 'standard' ? day.isInDST : !day.isInDST;
    if (wrongSeason) {
      const actual = day.toFormat('ZZZZ');
      return `'${written}' is written, but ${abbreviation.zone} is on ${actual} on ${day.toISODate() ?? ''}; using ${abbreviation.zone} wall-clock time`;
    }
  }
  return undefined;
}
