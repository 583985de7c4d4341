/** What `panelpress new paper <meeting> hmicfrs-progress` writes: a body and a data file that check clean as they are. */
import type { KindScaffold } from "../kind.ts";

export const hmicfrsProgressScaffold: KindScaffold = {
  body: (dataFile) => `
## Purpose of Report

To update the Panel on progress against the areas for improvement of the inspection.

## Recommendations

That the Panel notes the progress made.

## Progress

The inspection, its areas for improvement and the progress on each are in the data file
(${dataFile}); the tables of progress are generated from it.
`,
  data: (meetingDate) => {
    const year = Number(meetingDate.slice(0, 4));
    return `# An HMICFRS inspection and the progress on each area for improvement. Replace the example values.
inspection:                  # the inspection report this paper follows up
  inspectorate: HMICFRS
  inspectorate_name: His Majesty's Inspectorate of Constabulary and Fire and Rescue Services
  service: Example Fire and Rescue Service
  service_short: EFRS
  title: An inspection       # the inspection report's title
  cycle: "${year - 1}/${String(year % 100).padStart(2, "0")}"            # the inspection round
  previous_cycle: {label: "${year - 4}/${String((year - 3) % 100).padStart(2, "0")}", year: "${year - 3}"}
  fieldwork: {from: "${year - 1}-09", to: "${year - 1}-10"}   # months, YYYY-MM
  published: "${year}-01"     # the month the report was published
  hmi: An Inspector          # the inspector who signed it
pillars:                     # effectiveness, efficiency, people: each with its sub-questions
  - id: effectiveness
    title: Effectiveness
    question: How effective is the service?
    grade: requires_improvement        # outstanding | good | requires_improvement | inadequate
    previous_grade: requires_improvement
    sub_questions:
      - id: risk
        short_title: Understanding risk
        title: Understanding the risk of fire and other emergencies
        grade: good
        previous_grade: requires_improvement
        areas_for_improvement:         # the inspection's wording, with a stable id each
          - {id: EFF-01, text: The service should record risk information.}
leads:                       # who answers for each area for improvement: key → role
  ad-response: Assistant Director, Response
progress:                    # one record per area for improvement, in the inspection's order
  - afi: EFF-01
    timescale: Q4 ${year - 1}/${String(year % 100).padStart(2, "0")}    # a financial-year quarter, or null
    lead: ad-response        # a key of 'leads'
    progress:                # what has been done, one point per line
      - Describe the progress made.
service_in_numbers:          # figures compared with England (at least one: the table is generated from them)
  - {id: incidents, section: Response, label: "Incidents attended per 1,000 population", period: 12 months to March ${year}, type: number, decimals: 2, essex: 7.5, england: 9.8}
`;
  },
};
