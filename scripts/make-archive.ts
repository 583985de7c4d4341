/**
 * A synthetic archive for measuring scale: N meetings derived from the example meeting, every six
 * weeks back from it — dates shifted, report references renumbered within each year, narrative and
 * the outturn figures varied deterministically by seed — in a project folder of its own that shares
 * templates/ and node_modules/ with this one.
 *
 *   npx tsx scripts/make-archive.ts --meetings 60 --out /tmp/archive [--seed 1]
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { seededRandom } from "../src/lib/random.ts";

const ROOT = resolve(import.meta.dirname, "..");
const EXAMPLE = "2022-12-08";

const SENTENCES = [
  "Members asked for an update on this at the next meeting.",
  "The Panel welcomed the progress described in the report.",
  "Officers will circulate a short briefing note after the meeting.",
  "The figures will be refreshed for the next quarterly report.",
  "The Chairman thanked officers for the clarity of the report.",
];

export function makeArchive(out: string, meetings: number, seed: number): string[] {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, "content", "meetings"), { recursive: true });
  for (const shared of ["templates", "node_modules", ".eleventy.js", "package.json"]) symlinkSync(join(ROOT, shared), join(out, shared));
  cpSync(join(ROOT, "data", "committees"), join(out, "data", "committees"), { recursive: true });
  const rnd = seededRandom(seed);
  const ids: string[] = [];
  const sequenceByYear = new Map<number, number>();
  // Oldest first, so references count up through each year.
  const dates = Array.from({ length: meetings }, (_, i) => {
    const d = new Date(`${EXAMPLE}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 42 * (meetings - 1 - i));
    return d.toISOString().slice(0, 10);
  });
  for (const date of dates) {
    ids.push(date);
    const year = Number(date.slice(0, 4));
    const yy = date.slice(2, 4);
    const contentDir = join(out, "content", "meetings", date);
    const dataDir = join(out, "data", "meetings", date);
    cpSync(join(ROOT, "content", "meetings", EXAMPLE), contentDir, { recursive: true });
    cpSync(join(ROOT, "data", "meetings", EXAMPLE), dataDir, { recursive: true });

    // meeting.yaml: the date, and references renumbered within the year.
    const meetingFile = join(contentDir, "meeting.yaml");
    let sequence = sequenceByYear.get(year) ?? 1;
    const meetingText = readFileSync(meetingFile, "utf8")
      .replace(/^date: 2022-12-08$/m, `date: ${date}`)
      .replace(/ref: EPFCP\/\d{2}\/22/g, () => `ref: EPFCP/${String(sequence++).padStart(2, "0")}/${yy}`);
    sequenceByYear.set(year, sequence);
    writeFileSync(meetingFile, meetingText);

    // Narrative varied: a seeded sentence after the first section heading of each paper.
    const papersDir = join(contentDir, "papers");
    for (const paper of readdirSync(papersDir)) {
      const file = join(papersDir, paper);
      const sentence = SENTENCES[Math.floor(rnd() * SENTENCES.length)]!;
      // Exempt papers keep their own words: the same filler in a public paper would be exempt text quoted.
      if (/^exempt:/m.test(readFileSync(file, "utf8"))) continue;
      writeFileSync(file, readFileSync(file, "utf8").replace(/\n(## [^\n]+\n\n)/, `\n$1${sentence}\n\n`));
    }
    // Data varied: the outturn figures (and so its computed total), without the printed total.
    const outturn = join(dataDir, "10-outturn.yaml");
    if (existsSync(outturn)) {
      const text = readFileSync(outturn, "utf8")
        .split("\n")
        .map((line) =>
          /^\s+total_row:/.test(line)
            ? line.replace(/, actual: [\d.]+\}/, "}")
            : line.replace(/actual: (\d+\.\d+)\}/, (_m, v: string) => `actual: ${(Number(v) * (0.8 + rnd() * 0.4)).toFixed(2)}}`),
        )
        .join("\n");
      writeFileSync(outturn, text);
    }
  }
  return ids;
}

if (process.argv[1]?.endsWith("make-archive.ts")) {
  const { values } = parseArgs({ options: { meetings: { type: "string", default: "60" }, out: { type: "string" }, seed: { type: "string", default: "1" } } });
  if (!values.out) throw new Error("--out DIR is required");
  const ids = makeArchive(resolve(values.out), Number(values.meetings), Number(values.seed));
  process.stdout.write(`Made ${ids.length} meetings (${ids[0]} to ${ids[ids.length - 1]}) in ${values.out}\n`);
}
