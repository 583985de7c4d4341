/**
 * Starting a new body from the command line: `new committee` writes only what the body needs, a meeting
 * and a paper of it speak its words, every scaffold is canonical YAML (`fmt --check`) and checks clean,
 * and every command answers --help.
 */
import { describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { check } from "../../src/pipeline/index.ts";
import { COMMANDS } from "../../src/commands/index.ts";
import { main } from "../../src/cli.ts";
import { PAPER_KINDS } from "../../src/scaffold/index.ts";
import { cli, fixtureProject, MAIN } from "../helpers.ts";

async function run(root: string, ...args: string[]): Promise<{ code: number; out: string }> {
  return command("new", root, ...args);
}

/** A command of the CLI run in this process (as the CLI runs it, without starting another Node). */
async function command(name: string, root: string, ...args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await COMMANDS.get(name)!.run(args, { root, log: () => {}, stdout: (t) => void (out += t), stderr: (t) => void (out += t) });
  return { code, out };
}

describe("panelpress new, for a body that is not a Panel", () => {
  it("starts a committee, a meeting and a paper in the body's own words, canonical and clean", async () => {
    const project = fixtureProject("board");
    expect((await run(project, "committee", "audit", "--name", "Northmoor Joint Audit Committee", "--short", "JAC", "--host", "Northmoor Council")).code).toBe(0);
    expect((await run(project, "committee", "ethics", "--name", "Northmoor Ethics Board", "--online", "Microsoft Teams")).code).toBe(0);
    const ethics = readFileSync(join(project, "data/committees/ethics.yaml"), "utf8");
    expect(ethics).toMatch(/^references: none\s+#/m);
    expect(ethics).toMatch(/^\s+online: \{platform: Microsoft Teams\}/m);
    expect(ethics).not.toMatch(/^(quorum|notices|exempt_notice|divisions|host|short):/m);
    expect(readFileSync(join(project, "data/committees/audit.yaml"), "utf8")).toMatch(/^short: JAC\s+#/m);

    // With several committees, a meeting must say whose it is.
    const unnamed = await run(project, "meeting", "2024-09-12");
    expect(unnamed.code).toBe(2);
    expect(unnamed.out).toContain("name one with --committee");
    expect((await run(project, "meeting", "2024-09-12", "--committee", "ethics")).code).toBe(0);
    expect((await run(project, "paper", "2024-09-12", "generic", "--title", "Annual ethics review")).code).toBe(0);
    expect((await run(project, "meeting", "2024-10-03", "--committee", "audit")).code).toBe(0);
    expect((await run(project, "paper", "2024-10-03", "generic")).code).toBe(0);

    const paper = readFileSync(join(project, "content/meetings/2024-09-12/papers/02-paper.md"), "utf8");
    expect(paper).toContain("That the Board notes the report.");
    expect(paper).not.toMatch(/Panel|panel|divisions|All Essex/);
    expect(paper).toMatch(/^author: Northmoor Ethics Board\s+#/m);
    const meeting = readFileSync(join(project, "content/meetings/2024-09-12/meeting.yaml"), "utf8");
    expect(meeting).toContain("# A meeting of the Board.");
    expect(meeting).not.toContain("ref:");
    expect(readFileSync(join(project, "content/meetings/2024-10-03/meeting.yaml"), "utf8")).toContain("ref: JAC/01/24");
    expect(readFileSync(join(project, "content/meetings/2024-10-03/papers/02-paper.md"), "utf8")).toContain("That the Committee notes the report.");

    const fmt = await command("fmt", project, "--check");
    expect(fmt.code, fmt.out).toBe(0);
    const { problems } = await check(project);
    expect(problems.list.filter((p) => p.severity === "error").map((p) => `${p.file}:${p.line} ${p.rule} ${p.message}`)).toEqual([]);
  });

  it("refuses a committee without a name, or with a short name that cannot start a reference", async () => {
    const project = fixtureProject("board");
    expect((await run(project, "committee", "audit")).code).toBe(2);
    expect((await run(project, "committee", "audit", "--name", "Audit", "--short", "Jac")).out).toContain("capital letters");
    expect((await run(project, "committee", "nsb", "--name", "Again")).out).toContain("already exists");
  });
});

describe("every scaffold", () => {
  it("is canonical YAML: a meeting and a paper of every kind for the Panel pass fmt --check", async () => {
    const project = fixtureProject(MAIN);
    expect((await run(project, "meeting", "2025-02-04")).code).toBe(0);
    for (const kind of PAPER_KINDS) expect((await run(project, "paper", "2025-02-04", kind)).code, kind).toBe(0);
    const paper = readFileSync(join(project, "content/meetings/2025-02-04/papers/02-paper.md"), "utf8");
    expect(paper).toContain("That the Panel notes the report.");
    expect(paper).toMatch(/^for: noting\s+# what the panel is asked to do/m);
    const fmt = await command("fmt", project, "--check");
    expect(fmt.code, fmt.out).toBe(0);
  });
});

describe("--help", () => {
  it("is answered by every command, and by 'help <command>'", async () => {
    // Each command in this process (main() is all the CLI does after loading), and the CLI itself once.
    for (const name of COMMANDS.keys()) {
      const result = await mainOf(name, "--help");
      expect(result.status, name).toBe(0);
      expect(result.stdout, name).toMatch(new RegExp(`^Usage:[\\s\\S]*panelpress ${name}\\b`));
    }
    expect((await mainOf("help", "new")).stdout).toContain("panelpress new committee <id> --name TEXT");
    const cliHelp = cli(process.cwd(), "--help");
    expect(cliHelp.status).toBe(0);
    expect(cliHelp.stdout).toContain("--help");
    expect(cliHelp.stdout).toContain("panelpress new");
  });
});

/** main() of the CLI in this process: its exit status and what it wrote to stdout. */
async function mainOf(...argv: string[]): Promise<{ status: number; stdout: string }> {
  let stdout = "";
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    return { status: await main(argv), stdout };
  } finally {
    write.mockRestore();
  }
}
