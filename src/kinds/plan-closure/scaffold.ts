/** What `panelpress new paper <meeting> plan-closure` writes: a body and a data file that check clean as they are. */
import type { KindScaffold } from "../kind.ts";

export const planClosureScaffold: KindScaffold = {
  body: (dataFile) => `
## Purpose of Report

The closure report that follows looks back at what was delivered against the priorities of the plan.

## Recommendations

That the Panel notes the closure report.

::: block closure-report

## Introduction

The closure report's chapters follow this line; the plans, priorities, figures and the appendix of
commitments are in the data file (${dataFile}).

::: table priority-mapping

# Appendix: Commitments

::: table app-example-priority--original

::: table app-example-priority--extension
`,
  data: (meetingDate) => {
    const year = Number(meetingDate.slice(0, 4));
    return `# A plan closure report: the plans, their priorities, the measure series behind the figures, and the
# appendix of commitments. Replace the example values.
report_title: Police and Crime Plan Closure Report   # the title printed above the closure report
rounding: {table_percent_decimals: 1, prose_percent_decimals: 0}
plans:                       # original and extension (the closed plans), successor (the new plan)
  - {id: original, title: Police and Crime Plan ${year - 6} to ${year - 2}, role: original, appendix_label: Original plan}
  - {id: extension, title: Police and Crime Plan ${year - 2} to ${year - 1} Extension, role: extension, extends: original, appendix_label: Extension}
  - {id: successor, title: Police and Crime Plan ${year - 1} to ${year + 3}, role: successor, succeeds: extension}
priorities:                  # one stable id per priority; its number and wording in each plan
  - id: example-priority
    chapter: 1               # the chapter of the closure report that reviews it
    in_plans:
      original: {number: 1, title: An example priority}
      extension: {number: 1, title: An example priority}
    successors: [new-priority]   # the priorities of the new plan that carry it forward
  - id: new-priority
    in_plans: {successor: {number: 1, title: A priority of the new plan}}
series: {}                   # measures: periods and the values the source states
figures: []                  # charts and tables of series, placed in a chapter
appendix:                    # the commitments of each priority under each closed plan
  - priority: example-priority
    plan: original
    commitments:
      - {id: c1, text: An example commitment., evidence: [What was delivered.]}
  - priority: example-priority
    plan: extension
    commitments:
      - {id: c2, text: An example commitment of the Extension., evidence: [What was delivered.]}
`;
  },
};
