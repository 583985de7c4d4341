/** Counts a user may set (batch size, jobs at once, shard size): by an option, else an environment variable. */

/** A whole number above zero, else undefined. */
export function positiveCount(n: number | undefined): number | undefined {
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The option when it is a count, else the environment variable `name` when it holds one, else undefined. */
export function countSetting(option: number | undefined, name: string): number | undefined {
  return positiveCount(option) ?? positiveCount(Number(process.env[name]));
}
