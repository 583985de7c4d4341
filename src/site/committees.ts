/**
 * What the site-wide pages show, from the index of every meeting (built or reused): a page per committee
 * with its meetings by year, and the choices of the search page's filters. Pure functions of the index.
 */
import type { MeetingSummary } from "../model/view.ts";
import { committeeCalendar, committeeDecisions, committeeFeed, committeeFolder, committeeForwardPlan } from "./paths.ts";
import { statusNote, type MeetingListing } from "./registers.ts";

export interface CommitteeYear {
  year: string;
  /** `upcoming`: to come and not cancelled; a cancelled meeting has its `status` instead. */
  meetings: Array<MeetingListing & { upcoming: boolean }>;
}

export interface CommitteePage {
  name: string;
  /** Site paths, with a leading slash (as templates' relativeTo expects). */
  url: string;
  calendar: string;
  feed: string;
  /** Its forward plan and its decisions (src/site/registers.ts). */
  forwardPlan: string;
  decisions: string;
  meetingCount: number;
  /** Newest year first; within a year, newest meeting first (as the home page lists them). */
  years: CommitteeYear[];
  /** The next meeting on or after the build date that is not cancelled, if one is published. */
  next?: MeetingSummary;
}

/** A meeting is upcoming on its own day and after (at build time: the site is static). */
function isUpcoming(meeting: MeetingSummary, builtAt: string): boolean {
  return meeting.date >= builtAt.slice(0, 10);
}

/** One page per committee, by name. */
export function committeePages(index: MeetingSummary[], builtAt: string): CommitteePage[] {
  const byName = new Map<string, MeetingSummary[]>();
  for (const meeting of index) byName.set(meeting.committeeName, [...(byName.get(meeting.committeeName) ?? []), meeting]);
  return [...byName.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, meetings]) => {
      const newestFirst = [...meetings].sort((a, b) => b.date.localeCompare(a.date));
      const years = [...new Set(newestFirst.map((m) => m.date.slice(0, 4)))];
      const upcoming = newestFirst.filter((m) => isUpcoming(m, builtAt) && !m.register?.cancelled);
      const listed = (m: MeetingSummary) => {
        const status = statusNote(m, index);
        return { ...m, ...(status ? { status } : {}), upcoming: isUpcoming(m, builtAt) && !status };
      };
      return {
        name,
        url: `/${committeeFolder(name)}`,
        calendar: `/${committeeCalendar(name)}`,
        feed: `/${committeeFeed(name)}`,
        forwardPlan: `/${committeeForwardPlan(name)}`,
        decisions: `/${committeeDecisions(name)}`,
        meetingCount: meetings.length,
        years: years.map((year) => ({ year, meetings: newestFirst.filter((m) => m.date.startsWith(year)).map(listed) })),
        ...(upcoming.length ? { next: upcoming[upcoming.length - 1] } : {}),
      };
    });
}

/** The search page's filter choices: the committees and years that have meetings. */
export function searchFilters(index: MeetingSummary[]): { committees: string[]; years: string[] } {
  return {
    committees: [...new Set(index.map((m) => m.committeeName))].sort((a, b) => a.localeCompare(b)),
    years: [...new Set(index.map((m) => m.date.slice(0, 4)))].sort().reverse(),
  };
}
