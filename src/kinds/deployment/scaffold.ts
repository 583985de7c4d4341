/** What `panelpress new paper <meeting> deployment` writes: a body and a data file that check clean as they are. */
import type { KindScaffold } from "../kind.ts";

export const deploymentScaffold: KindScaffold = {
  body: (dataFile) => `
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
`,
  data: (meetingDate) => {
    const year = Number(meetingDate.slice(0, 4));
    return `# Deployment to incidents: monthly counts of incidents attended within / outside the target time.
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
  },
};
