/** What `panelpress new paper <meeting> minutes` writes: minutes that check clean as they are. */
import type { KindScaffold } from "../kind.ts";

export const minutesScaffold: KindScaffold = {
  slug: "minutes",
  body: (dataFile) => `
## Attendance

::: block attendance

## Minutes

Write each minute as a section (\`##\`): what was discussed and what was resolved, with figures as they
were said. The attendance and the meeting's date are in ${dataFile}.

## Action log

Actions are kept in the committee's action log (data/actions/<committee>.yaml): raised once, updated at
each later meeting. At this meeting, [@value:actions-open] remained open.

::: block action-log
`,
  data: (meetingDate) => `records: ${meetingDate}        # the date of the meeting these minutes record
# approved: ${meetingDate}     # the date of the meeting that approved them; leave out while they are a draft
attendance:
  present:                    # required: a name, or {name, role, initials}
    - {name: A. Member, role: Chair}
  apologies: []
  in_attendance: []
`,
};
