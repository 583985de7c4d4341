/** The pure parts of records: the minutes' status line, and attaching minutes to the meeting they record. */
import { describe, expect, it } from "vitest";
import { Problems } from "../../src/content/problems.ts";
import type { MeetingSummary, MeetingView, PaperView } from "../../src/model/view.ts";
import { attachMinutes, minutesStatus, recordLabel, type MinutesFound } from "../../src/pipeline/records.ts";

/** Only what attachMinutes reads of a meeting. */
const meeting = (id: string, committee: string) => ({ id, date: id, url: `/meetings/${id}/`, committee: { id: committee } }) as unknown as MeetingView;
const paper = (meetingId: string, slug: string) => ({ title: `Minutes (${slug})`, url: `/meetings/${meetingId}/${slug}/`, pdf: `/meetings/${meetingId}/${slug}/${slug}.pdf` }) as unknown as PaperView;
const found = (records: string, sitsIn: string, more: Partial<MinutesFound> = {}): MinutesFound => ({
  claim: { meeting: records, file: `/p/data/meetings/${sitsIn}/m.yaml`, at: { line: 1, column: 10 } },
  paper: paper(sitsIn, "m"), committeeId: "nsb", meetingId: sitsIn, ...more,
});

describe("minutes' status", () => {
  it("says draft until approved, then the date of the approving meeting", () => {
    expect(minutesStatus(undefined)).toBe("Minutes — draft");
    expect(minutesStatus("2024-06-20")).toBe("Minutes — approved at the meeting of 20 June 2024");
    expect(recordLabel(undefined)).toBe("Record of the meeting");
  });
});

describe("attachMinutes", () => {
  it("gives the recorded meeting its minutes, with the meeting whose agenda publishes them", () => {
    const may = meeting("2024-05-16", "nsb");
    const june = meeting("2024-06-20", "nsb");
    const problems = new Problems();
    attachMinutes([found("2024-05-16", "2024-06-20", { itemLabel: "2", claim: { meeting: "2024-05-16", approved: "2024-06-20", file: "f", at: { line: 1, column: 1 } } })], [may, june], [], problems);
    expect(problems.list).toEqual([]);
    expect(may.minutes).toEqual({
      title: "Minutes (m)", url: "/meetings/2024-06-20/m/", pdf: "/meetings/2024-06-20/m/m.pdf", status: "Minutes — approved at the meeting of 20 June 2024", approved: "2024-06-20",
      publishedWith: { text: "the meeting of 20 June 2024 (agenda item 2)", url: "/meetings/2024-06-20/", meetingId: "2024-06-20" },
    });
    expect(june.minutes).toBeUndefined();
  });

  it("accepts minutes of a meeting older than every meeting of the committee on the site, and refuses a date between them", () => {
    const meetings = [meeting("2024-05-16", "nsb"), meeting("2024-06-20", "nsb")];
    const problems = new Problems();
    attachMinutes([found("2024-04-18", "2024-05-16"), found("2024-05-17", "2024-06-20")], meetings, [], problems);
    expect(problems.list.map((p) => `${p.rule} ${p.message}`)).toEqual(["minutes/meeting these minutes record a meeting on 17 May 2024, but committee 'nsb' has no meeting on that date"]);
  });

  it("knows the committee of a meeting reused from the cache, and allows one set of minutes per meeting", () => {
    const reused = { id: "2024-05-16", date: "2024-05-16", url: "/meetings/2024-05-16/", register: { committeeId: "nsb" } } as unknown as MeetingSummary;
    const problems = new Problems();
    attachMinutes([found("2024-05-16", "2024-06-20"), found("2024-05-16", "2024-05-16")], [meeting("2024-06-20", "nsb")], [reused], problems);
    expect(problems.list.map((p) => p.rule)).toEqual(["minutes/duplicate"]);
  });
});
