/**
 * A fifth report kind for the tests only (never registered by the shipped tool): a programme's status and
 * its milestones. Everything panelpress knows about it is in this folder; the test registers it with
 * registerKind() and the scaffold, the editor schemas, the build and the diff pick it up from there.
 */
import { join } from "node:path";
import { z } from "zod";
import { defineKind, type KindContext } from "../../../../src/kinds/define.ts";
import type { PaperBody } from "../../../../src/kinds/kind.ts";
import { formatDate, formatInteger } from "../../../../src/lib/format.ts";
import { isoDate, strict } from "../../../../src/content/validate.ts";
import { statusUpdateScaffold } from "./scaffold.ts";

export const statusUpdateSchema = strict({
  status: z.enum(["on-track", "at-risk", "off-track"]),
  milestones: z.array(strict({ milestone: z.string(), title: z.string(), due: isoDate, done: z.boolean().default(false) })).min(1),
});
export type StatusUpdateData = z.infer<typeof statusUpdateSchema>;

async function build(data: StatusUpdateData, ctx: KindContext): Promise<PaperBody> {
  data.milestones.forEach((m, i) => {
    if (!m.done && m.due < ctx.meetingDate) {
      ctx.problems.warn(ctx.dataFile, ctx.data.at(["milestones", i, "due"]), "status/overdue", `milestone '${m.milestone}' was due on ${formatDate(m.due)}, before the meeting, and is not done`);
    }
  });
  const done = data.milestones.filter((m) => m.done).length;
  return ctx.genericBody({
    values: { status: data.status.replace("-", " "), "milestones-done": `${formatInteger(done)} of ${formatInteger(data.milestones.length)}` },
    blocks: { milestones: ctx.block("milestones", { milestones: data.milestones.map((m) => ({ ...m, due: formatDate(m.due) })) }) },
  });
}

export const statusUpdateKind = defineKind({
  name: "status-update",
  description: "A programme's status and milestones (a test fixture)",
  data: statusUpdateSchema,
  rules: { "status/overdue": { severity: "warning", description: "a milestone not done by its due date, as at the meeting" } },
  scaffold: statusUpdateScaffold,
  diffIds: { milestone: "Milestone" },
  templates: join(import.meta.dirname, "templates"),
  build,
});
