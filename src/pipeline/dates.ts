/**
 * The dates stamped into outputs, taken from git so that the same commit always builds the same bytes.
 * SOURCE_DATE_EPOCH, when set, overrides them all (the reproducible-builds convention).
 */
import { execFileSync } from "node:child_process";

/** The build time: SOURCE_DATE_EPOCH if set, else the time of the last commit (the manifest's "generated"). */
export function buildTime(root: string): string {
  const epoch = sourceDateEpoch();
  if (epoch) return epoch;
  const seconds = git(root, ["log", "-1", "--format=%ct"])?.trim();
  if (seconds && /^\d+$/.test(seconds)) return fromSeconds(seconds);
  return new Date(0).toISOString(); // not a git checkout: a fixed date
}

/**
 * For each meeting, when its content (content/meetings/<id>/, data/meetings/<id>/) was last committed:
 * the date its PDFs carry, so that a commit touching other meetings does not change (and reprint) them.
 * A meeting never committed gets the build time (`builtAt`, from buildTime). One `git log` over the
 * history, newest first.
 */
export function contentDates(root: string, meetingIds: string[], builtAt: string): Map<string, string> {
  const dates = new Map<string, string>();
  const epoch = sourceDateEpoch();
  if (!epoch) {
    const log = git(root, ["log", "--format=%x00%ct", "--name-only", "--relative", "--", "content/meetings", "data/meetings"]) ?? "";
    for (const commit of log.split("\0").slice(1)) {
      const [seconds, ...files] = commit.split("\n");
      for (const file of files) {
        const id = /^(?:content|data)\/meetings\/([^/]+)\//.exec(file)?.[1];
        if (id && !dates.has(id) && /^\d+$/.test(seconds ?? "")) dates.set(id, fromSeconds(seconds!));
      }
    }
  }
  return new Map(meetingIds.map((id) => [id, epoch ?? dates.get(id) ?? builtAt]));
}

function sourceDateEpoch(): string | undefined {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? fromSeconds(epoch) : undefined;
}

function fromSeconds(seconds: string): string {
  return new Date(Number(seconds) * 1000).toISOString();
}

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 256 << 20 });
  } catch {
    return undefined; // not a git checkout, or no git
  }
}
