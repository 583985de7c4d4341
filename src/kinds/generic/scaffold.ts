/** What `panelpress new paper <meeting> generic` writes: a body and a data file that check clean as they are. */
import type { KindScaffold } from "../kind.ts";

export const genericScaffold: KindScaffold = {
  slug: "paper",
  body: () => `
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
`,
  data: () => `# The paper's facts and figures. The narrative quotes them; nothing here is typed twice.
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
`,
};
