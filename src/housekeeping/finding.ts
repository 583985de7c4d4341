/** What a housekeeping check finds: a place in the file it read (1-based), the rule, and what to do. */
export interface Finding {
  line: number;
  column: number;
  rule: string;
  message: string;
  hint?: string;
}
