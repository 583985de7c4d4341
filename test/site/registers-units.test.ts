/** The registers' pure parts: a paper's recommendations as text, CSV quoting, and lists made from index entries. */
import { describe, expect, it } from "vitest";
import { recommendationsOf, meetingDate, type MeetingRegister } from "../../src/model/register.ts";
import { toCsv } from "../../src/site/csv.ts";
import { createMarkdown, parsePaperBody, plainEnv } from "../../src/markdown/index.ts";
import { decisionRows, decisionsPages, forwardPlans, meetingListings } from "../../src/site/registers.ts";
import type { MeetingSummary } from "../../src/model/view.ts";

describe("a paper's recommendations", () => {
  const heading = (id: string, text: string) => ({ level: 2, id, number: null, text, appendix: false });

  it("are its cover sheet's, else its Recommendations section's paragraphs and list items, without paragraph numbers", () => {
    expect(recommendationsOf({ recommendations: ["  That the Panel\n notes it. "], headings: [], body: [] })).toEqual(["That the Panel notes it."]);
    const env = { ...plainEnv(), numbering: "paragraphs" as const };
    const tokens = parsePaperBody(createMarkdown(), "## Purpose\n\nNot this.\n\n## Recommendation\n\nThat the Panel agrees *both* of:\n\n1. the plan & its costs;\n2. its timetable.\n\n# Appendix: Terms\n\nNot this either.\n", env);
    const body = [{ type: "markdown" as const, tokens }];
    expect(recommendationsOf({ recommendations: [], headings: [heading("section-1", "Purpose"), heading("section-2", "Recommendation")], body })).toEqual([
      "That the Panel agrees both of:", "the plan & its costs;", "its timetable.",
    ]);
    expect(recommendationsOf({ recommendations: [], headings: [heading("section-1", "Purpose")], body })).toEqual([]);
  });
});

describe("CSV", () => {
  it("quotes what must be quoted, doubles quotes and ends every record in CRLF", () => {
    expect(toCsv(["a", "b"], [["plain", 'say "yes", then\nno'], ["", "x"]])).toBe('a,b\r\nplain,"say ""yes"", then\nno"\r\n,x\r\n');
  });
});

describe("lists made from the index", () => {
  const summary = (date: string, register?: Partial<MeetingRegister>): MeetingSummary => ({
    id: date, date, url: `/meetings/${date}/`, dateText: date, startText: "10:00am", committeeName: "Wessex Test Panel", room: "R", building: "B", place: "R, B", publicItemCount: 1, itemsText: "1 agenda item",
    ...(register ? { register: { committeeId: "wtp", start: "10:00", decisions: [], planned: [], committeeDates: [], ...register } } : {}),
  });

  it("take an index entry without a register (kept by an older build) as a meeting with nothing to add", () => {
    const index = [summary("2024-06-20"), summary("2024-03-14")];
    expect(meetingListings(index)).toEqual(index);
    expect(decisionRows(index)).toEqual([]);
    expect(decisionsPages(index).map((p) => [p.url, p.count])).toEqual([["/decisions/", 0], ["/committees/wessex-test-panel/decisions/", 0]]);
    expect(forwardPlans(index, "2024-06-10T00:00:00Z", "Monday 10 June 2024")[0]!.meetings.map((m) => [m.date, m.statusText])).toEqual([["2024-06-20", "Agenda published"]]);
  });

  it("put a moved meeting's new date in the forward plan, and list no decision of a cancelled meeting", () => {
    const cancelled = summary("2024-07-18", {
      cancelled: { movedTo: meetingDate("2024-07-25", "10:00") },
      decisions: [{ id: "x", label: "1", number: 1, title: "T", exempt: false, text: ["That."], asRecommended: false, by: "Wessex Test Panel" }],
    });
    const plan = forwardPlans([cancelled], "2024-06-10T00:00:00Z", "Monday 10 June 2024")[0]!;
    expect(plan.meetings.map((m) => [m.date, m.statusText, m.cancelled, m.movedFrom?.date])).toEqual([["2024-07-18", "Moved to Thursday 25 July 2024", true, undefined], ["2024-07-25", "Agenda not yet published", false, "2024-07-18"]]);
    expect(decisionRows([cancelled])).toEqual([]);
    expect(meetingListings([cancelled])[0]!.status).toEqual({ cancelled: true, label: "Moved to Thursday 25 July 2024", movedTo: meetingDate("2024-07-25", "10:00") });
  });
});
