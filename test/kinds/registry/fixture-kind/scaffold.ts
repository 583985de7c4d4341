/** What `panelpress new paper <meeting> status-update` writes: it checks clean as it is. */
import type { KindScaffold } from "../../../../src/kinds/kind.ts";

export const statusUpdateScaffold: KindScaffold = {
  body: (dataFile) => `
## Purpose of Report

To update the Panel on the programme.

## Progress

The programme is [@value:status]: [@value:milestones-done] milestones are done (from ${dataFile}).

::: block milestones
`,
  data: (meetingDate) => {
    const year = meetingDate.slice(0, 4);
    return `# A programme's status and its milestones. Replace the example values.
status: on-track             # on-track | at-risk | off-track
milestones:                  # in order; 'done: true' once delivered
  - {milestone: design, title: Design agreed, due: "${year}-01-31", done: true}
  - {milestone: rebuild, title: Depot rebuilt, due: "${year}-12-31"}
`;
  },
};
