/**
 * The text of scaffolded files. Each starts valid (a fresh scaffold passes `panelpress check`), with a
 * comment on every field saying what it is for, so an author edits rather than invents.
 */

export const PAPER_KINDS = ["generic", "hmicfrs-progress", "deployment", "plan-closure"] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];

export interface MeetingFacts {
  committee: string;
  date: string;
  start: string;
  venue: string;
  modeline: string;
}

export function meetingYaml(m: MeetingFacts): string {
  return `${m.modeline}
# A meeting of the panel. Item numbers, weekdays and page ranges are generated: never type them.
committee: ${m.committee}            # the committee file under data/committees/ (without .yaml)
date: ${m.date}             # the meeting date, YYYY-MM-DD; it must match this folder's name
start: "${m.start}"              # 24-hour time in quotes; printed "2:00pm"
venue: ${m.venue}     # a key of the committee's venues (data/committees/${m.committee}.yaml)
# previous_meeting: YYYY-MM-DD                     # optional: the date of the last meeting
# next_meeting: {date: YYYY-MM-DD, start: "10:00"} # optional: quoted in papers as [@meeting:next_meeting]
agenda:                     # the items in order; 'panelpress new paper ${m.date} <kind>' adds one
  - title: Membership, Apologies and Declarations of Interest
    kind: procedural         # paper (has a report) | verbal (an oral update) | procedural (no report)
`;
}

export interface PaperFacts {
  kind: PaperKind;
  title: string;
  date: string;
  author: string;
  contactName: string;
  contactRole: string;
  contactEmail?: string;
}

const FIELD_NOTES = {
  title: "the report title, as on the agenda and the cover sheet",
  kind: "the report kind: generic | hmicfrs-progress | deployment | plan-closure",
  cover: "report (the cover table) | democratic (membership, minutes) | none",
  author: "who the report is from",
  for: "what the panel is asked to do: noting | noting-and-comment | consideration | decision",
  enquiries: "who to contact about the report (name, role, and optionally email and phone)",
  divisions: "the county divisions affected",
  numbering: "none | sections (1., 2.) | paragraphs (1.1, 1.2): numbers are generated, never typed",
} as const;

/** Front matter: the paper's cover sheet. A comment after every field explains it. */
export function frontMatter(p: PaperFacts): string {
  const email = p.contactEmail ? `\n    email: ${p.contactEmail}` : "";
  return `---
title: ${yamlText(p.title)}   # ${FIELD_NOTES.title}
kind: ${p.kind}   # ${FIELD_NOTES.kind}
cover: report   # ${FIELD_NOTES.cover}
author: ${yamlText(p.author)}   # ${FIELD_NOTES.author}
for: noting   # ${FIELD_NOTES.for}
enquiries:   # ${FIELD_NOTES.enquiries}
  - name: ${yamlText(p.contactName)}
    role: ${yamlText(p.contactRole)}${email}
divisions: All Essex   # ${FIELD_NOTES.divisions}
numbering: paragraphs   # ${FIELD_NOTES.numbering}
# date: ${p.date}   # optional: the report date (defaults to the meeting date)
---
`;
}

/** The Markdown body of a new paper, by kind. */
export function paperBody(kind: PaperKind, dataFile: string): string {
  switch (kind) {
    case "generic":
      return `
## Purpose of Report

Say in a sentence or two what this report is for. Each paragraph is numbered for you.

## Recommendations

That the Panel notes the report.

## Background

Write the narrative here. Quote a figure from the data file instead of typing it: the total is
[@value:total]. Refer to a table or chart by its id: [@fig:summary] shows the detail.

::: table summary

[@fig:summary-chart] shows the same figures as a chart.

::: chart summary-chart
`;
    case "hmicfrs-progress":
      return `
## Purpose of Report

To update the Panel on progress against the areas for improvement of the inspection.

## Recommendations

That the Panel notes the progress made.

## Progress

The inspection, its areas for improvement and the progress on each are in the data file
(${dataFile}); the tables of progress are generated from it.
`;
    case "deployment":
      return `
## Purpose of Report

To report the force's performance in attending incidents within the target times.

## Recommendations

That the Panel notes the report.

## Performance

The counts are in the data file (${dataFile}); every total and percentage is computed from them.
Emergency incidents were attended within the target time in [@value:emergency-pct] of cases.

::: table kpis

::: table performance-emergency

::: chart chart-emergency

# Appendix: Burglary by month

::: table appendix-burglary-emergency

::: table appendix-burglary-priority

::: table appendix-burglary-routine
`;
    case "plan-closure":
      return `
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
`;
  }
}

/** The data file of a new paper, by kind (the modeline names its schema for the editor). */
export function paperData(kind: PaperKind, modeline: string, meetingDate: string): string {
  const year = Number(meetingDate.slice(0, 4));
  switch (kind) {
    case "generic":
      return `${modeline}
# The paper's facts and figures. The narrative quotes them; nothing here is typed twice.
values:                      # single figures the narrative quotes with [@value:<key>]
  total:
    cell: {table: summary, row: total, column: amount}   # taken from a table cell, so prose and table agree
    type: money_m            # how it is printed: money_m is £m to 1 decimal place
tables:
  summary:                   # the table's id: place it with '::: table summary'
    caption: Spending by area, £m   # the table's caption (it is numbered "Figure N" for you)
    columns:
      - {key: area, label: Area, type: text, row_header: true}   # the row header column
      - {key: amount, label: "£m", type: money_m}                 # a number column; negatives print in brackets
    rows:                    # one row per line of the table; 'id' lets a value or a formula name the row
      - {id: north, area: North, amount: 12.5}
      - {id: south, area: South, amount: 8.0}
      - {id: total, area: Total, sum_of: [north, south], emphasis: true}   # computed: never type the total
charts:
  summary-chart:             # the chart's id: place it with '::: chart summary-chart'
    caption: Spending by area, £m
    table: summary           # the table the chart draws
    mark: bar                # bar | line
    x: area                  # the column along the bottom
    y: [amount]              # the column(s) to plot
    y_title: £m
`;
    case "hmicfrs-progress":
      return `${modeline}
# An HMICFRS inspection and the progress on each area for improvement. Replace the example values.
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
    case "deployment":
      return `${modeline}
# Deployment to incidents: monthly counts of incidents attended within / outside the target time.
# Only counts are typed; every total and percentage is computed. Replace the example values.
period: {from: "${year}-01", to: "${year}-02"}   # the months covered, YYYY-MM
kpis:                        # the targets the force reports against
  - {id: emergency, measure: Emergency incidents attended within 15 minutes (urban), target: 90, direction: at_least, measured_by: emergency}
crime_types:                 # the crime types reported, in order
  - {id: burglary, label: Residential burglary, short: Burglary}
time_met:
  by_crime_type:
    burglary:
      months:                # every month of the period: [met, not met] per grade
        "${year}-01": {emergency: [10, 2], priority: [5, 5], routine: [1, 0]}
        "${year}-02": {emergency: [9, 1], priority: [4, 6], routine: [2, 1]}
`;
    case "plan-closure":
      return `${modeline}
# A plan closure report: the plans, their priorities, the measure series behind the figures, and the
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
  }
}

/** The agenda entry appended to meeting.yaml for a new paper. */
export function agendaEntry(indent: string, title: string, ref: string, slug: string): string {
  return [
    `${indent}- title: ${yamlText(title)}`,
    `${indent}  ref: ${ref}        # the report reference: the next number after the previous paper's`,
    `${indent}  kind: paper`,
    `${indent}  paper: ${slug}      # the file content/meetings/<date>/papers/${slug}.md`,
  ].join("\n");
}

/** A plain scalar when safe, else a double-quoted YAML string. */
export function yamlText(text: string): string {
  return /^[A-Za-z0-9][^:#{}\[\],&*!|>'"%@`]*$/.test(text) && !/\s$/.test(text) ? text : JSON.stringify(text);
}
