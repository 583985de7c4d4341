/**
 * What `check` says when a body's files disagree with how the body works: each case is one edit of the
 * board fixture, and must be reported at its file and line with the named rule (never a crash, never a
 * silent default).
 */
import { describe, expect, it } from "vitest";
import { check } from "../../src/pipeline/index.ts";
import { edit, fixtureProject } from "../helpers.ts";

const STRATEGIC = "content/meetings/2024-05-16/meeting.yaml";
const SCRUTINY = "content/meetings/2024-07-11/meeting.yaml";
const NSB = "data/committees/nsb.yaml";
const PRSB = "data/committees/prsb.yaml";
const ACTIONS = "data/actions/nsb.yaml";

interface Case {
  name: string;
  edits: Array<[file: string, from: string, to: string]>;
  rule: string;
  file: string;
  line: number;
  message: RegExp;
}

const CASES: Case[] = [
  {
    name: "a meeting that names no venue, of a committee with two",
    edits: [[SCRUTINY, "venue: boardroom\n", ""]],
    rule: "schema/missing", file: SCRUTINY, line: 2, message: /no venue, and committee 'prsb' has 2: boardroom, online-meeting/,
  },
  {
    name: "a venue that is nowhere",
    edits: [[PRSB, "  online-meeting:\n    online: {platform: Microsoft Teams}\n", "  online-meeting: {}\n"]],
    rule: "schema/missing", file: PRSB, line: 17, message: /venue 'online-meeting' has neither a place .* nor 'online'/,
  },
  {
    name: "an exempt item of a body with no exempt_notice (moved to the end, so numbered 23)",
    edits: [[SCRUTINY, "    paper: 22-finance\n", "    paper: 22-finance\n    exempt: {paragraphs: [3]}\n"]],
    rule: "schema/missing", file: SCRUTINY, line: 13, message: /agenda item 23 is not for publication, but committee 'prsb' has no exempt_notice/,
  },
  {
    name: "a report reference on a body that uses none",
    edits: [[STRATEGIC, "    paper: 05-delivery\n", "    paper: 05-delivery\n    ref: NSB/01/24\n"]],
    rule: "schema/invalid", file: STRATEGIC, line: 28, message: /agenda item 5 has a report reference, but committee 'nsb' does not use them/,
  },
  {
    name: "a paper without a reference where they are required",
    edits: [[NSB, "references: none\n", "short: NSB\n"]],
    rule: "agenda/missing-ref", file: STRATEGIC, line: 8, message: /agenda item 2 is a paper but has no report reference/,
  },
  {
    name: "references required but no short name to start them",
    edits: [[NSB, "references: none\n", ""]],
    rule: "schema/missing", file: NSB, line: 5, message: /no 'short' name/,
  },
  {
    name: "an item number that goes down",
    edits: [[SCRUTINY, "  - title: Quarter 1 finance report\n", "  - number: 20\n    title: Quarter 1 finance report\n"]],
    rule: "schema/invalid", file: SCRUTINY, line: 9, message: /numbered 20, but the item before it is number 21/,
  },
  {
    name: "an exempt paper with neither Schedule 12A paragraphs nor a marking",
    edits: [[NSB, "  marking: Official Sensitive\n", ""]],
    rule: "exempt/paragraph", file: STRATEGIC, line: 24, message: /names no paragraph of Schedule 12A/,
  },
  {
    name: "a quorum quoted by a body that has none",
    edits: [["content/meetings/2024-05-16/papers/05-delivery.md", "## Progress by priority\n", "## Progress by priority\n\nThe quorum is [@committee:quorum].\n"]],
    rule: "ref/unresolved", file: "content/meetings/2024-05-16/papers/05-delivery.md", line: 10, message: /committee:quorum/,
  },
  {
    name: "an action id used twice in the committee's action log",
    edits: [[ACTIONS, "  - id: SB-043\n", "  - id: SB-041\n"]],
    rule: "action/duplicate-id", file: ACTIONS, line: 17, message: /action 'SB-041' is in the log twice/,
  },
  {
    name: "an action update dated before the action was raised",
    edits: [[ACTIONS, "      - {meeting: 2024-05-16, status: done", "      - {meeting: 2024-04-11, status: done"]],
    rule: "action/order", file: ACTIONS, line: 9, message: /SB-041.*11 April 2024 comes before the meeting that raised it/,
  },
  {
    name: "an action status the log does not know",
    edits: [[ACTIONS, "status: in-progress", "status: started"]],
    rule: "schema/not-allowed", file: ACTIONS, line: 16, message: /status is "started"/,
  },
  {
    name: "minutes that record a meeting after the one they are a paper of",
    edits: [["data/meetings/2024-06-20/02-minutes.yaml", "records: 2024-05-16", "records: 2024-07-16"]],
    rule: "minutes/dates", file: "data/meetings/2024-06-20/02-minutes.yaml", line: 1, message: /record a meeting on 16 July 2024, after this meeting/,
  },
  {
    name: "minutes that record a date on which the committee did not meet",
    edits: [["data/meetings/2024-06-20/02-minutes.yaml", "records: 2024-05-16", "records: 2024-05-17"]],
    rule: "minutes/meeting", file: "data/meetings/2024-06-20/02-minutes.yaml", line: 1, message: /record a meeting on 17 May 2024, but committee 'nsb' has no meeting on that date/,
  },
  {
    name: "minutes that record a meeting of another committee, older than every meeting of their own",
    edits: [["content/meetings/2024-06-20/meeting.yaml", "committee: nsb\n", "committee: prsb\nvenue: boardroom\n"]],
    rule: "minutes/meeting", file: "data/meetings/2024-06-20/02-minutes.yaml", line: 1, message: /no meeting on that date \(the meeting on that date is committee 'nsb''s\)/,
  },
  {
    name: "minutes marked as a record of a meeting they do not record",
    edits: [["content/meetings/2024-06-20/papers/minutes.md", "kind: minutes\n", "kind: minutes\nrecord: true\n"], ["data/meetings/2024-06-20/minutes.yaml", "records: 2024-06-20", "records: 2024-05-16"]],
    rule: "minutes/dates", file: "data/meetings/2024-06-20/minutes.yaml", line: 2, message: /a record of the meeting of 20 June 2024 \(the folder they are in\), but record the meeting of 16 May 2024/,
  },
  {
    name: "two sets of minutes of one meeting",
    edits: [["data/meetings/2024-05-16/02-minutes.yaml", "records: 2024-04-18", "records: 2024-05-16"], ["data/meetings/2024-05-16/02-minutes.yaml", "approved: 2024-05-16\n", ""]],
    rule: "minutes/duplicate", file: "data/meetings/2024-06-20/02-minutes.yaml", line: 1, message: /the meeting of 16 May 2024 already has minutes \(\/meetings\/2024-05-16\/02-minutes\/\)/,
  },
  {
    name: "a paper on the agenda that says it is a record",
    edits: [["content/meetings/2024-05-16/papers/03-revenue.md", "for: noting\n", "for: noting\nrecord: true\n"]],
    rule: "paper/record", file: "content/meetings/2024-05-16/papers/03-revenue.md", line: 1, message: /says 'record: true', but agenda item 3.i uses it/,
  },
];

describe("checking a body against its own rules", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const project = fixtureProject("board");
      for (const [file, from, to] of c.edits) edit(project, file, from, to);
      const { problems } = await check(project);
      const found = problems.list.filter((p) => p.rule === c.rule && p.file.endsWith(c.file));
      expect(found.map((p) => `${p.line} ${p.message}`), problems.format(project)).toContainEqual(expect.stringMatching(new RegExp(`^${c.line} .*${c.message.source}`)));
      expect(problems.errorCount).toBeGreaterThan(0);
    });
  }
});
