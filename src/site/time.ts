/**
 * Meetings happen at a London wall-clock time. The manifest and the feeds need that time as an instant
 * (with its offset: GMT or BST on that date), whatever time zone the build machine is in.
 */
export const MEETING_TIME_ZONE = "Europe/London";

const LONDON = new Intl.DateTimeFormat("en-GB", {
  timeZone: MEETING_TIME_ZONE, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
});

/** Minutes London is ahead of UTC at an instant (0 in winter, 60 in summer). */
export function londonOffsetMinutes(instant: number): number {
  const parts = Object.fromEntries(LONDON.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((wall - instant) / 60_000);
}

/** The instant of a London date and time ("2024-06-20", "10:00"). */
export function londonInstant(date: string, time: string): Date {
  const wall = Date.parse(`${date}T${time}:00Z`);
  // The offset of the guess, then of the corrected instant: right on both sides of a clock change.
  const guess = wall - londonOffsetMinutes(wall) * 60_000;
  return new Date(wall - londonOffsetMinutes(guess) * 60_000);
}

/** ISO 8601 with London's offset that day: "2024-06-20T10:00:00+01:00". */
export function londonIso(date: string, time: string): string {
  const offset = londonOffsetMinutes(londonInstant(date, time).getTime());
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${date}T${time}:00${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** The iCalendar definition of Europe/London (UK summer time rules since 1996), for clients that need one. */
export const LONDON_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/London",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0000",
  "TZOFFSETTO:+0100",
  "TZNAME:BST",
  "DTSTART:19700329T010000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0000",
  "TZNAME:GMT",
  "DTSTART:19701025T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");
