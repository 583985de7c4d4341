/** The pure parts of "any body": agenda numbering, venue wording, a body's noun and the site's words. */
import { describe, expect, it } from "vitest";
import { planAgenda, type AgendaItemInput } from "../../src/model/meeting.ts";
import { nounOf, venueShortText, venueText } from "../../src/model/committee.ts";
import { siteWording } from "../../src/model/view.ts";

const item = (title: string, more: Partial<AgendaItemInput> = {}): AgendaItemInput => ({ title, kind: "procedural", ...more });
const labels = (agenda: AgendaItemInput[], placement: "end" | "in-place" = "end") => planAgenda(agenda, placement).entries.map((e) => `${e.label}${e.exempt ? "*" : ""}`);

describe("agenda numbering", () => {
  it("numbers 1..N, sub-items i, ii … under their item, and keeps a unique place number for each", () => {
    const plan = planAgenda([item("A"), item("B", { items: [item("B1"), item("B2"), item("B3"), item("B4")] }), item("C")], "end");
    expect(plan.entries.map((e) => e.label)).toEqual(["1", "2", "2.i", "2.ii", "2.iii", "2.iv", "3"]);
    expect(plan.entries.map((e) => e.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(plan.entries.map((e) => e.sub)).toEqual([false, false, true, true, true, true, false]);
    expect(plan.problems).toEqual([]);
  });

  it("counts on from a number the agenda sets, and refuses one that does not go up", () => {
    expect(labels([item("A", { number: 21 }), item("B"), item("C", { number: 30 }), item("D")])).toEqual(["21", "22", "30", "31"]);
    const plan = planAgenda([item("A"), item("B"), item("C", { number: 2 })], "end");
    expect(plan.problems).toEqual([expect.objectContaining({ path: ["agenda", 2, "number"], message: expect.stringContaining("must go up") })]);
  });

  it("moves Schedule 12A items to the end with their sub-items, numbered on", () => {
    const agenda = [item("A"), item("Secret", { exempt: { paragraphs: [3] }, items: [item("S1")] }), item("B")];
    expect(labels(agenda, "end")).toEqual(["1", "2", "3*", "3.i*"]);
    expect(planAgenda(agenda, "end").entries.map((e) => e.input.title)).toEqual(["A", "B", "Secret", "S1"]);
  });

  it("keeps exempt items in place where the committee says so, and lets a sub-item alone be exempt there", () => {
    const agenda = [item("A"), item("Secret", { exempt: true }), item("B", { items: [item("B1", { exempt: true }), item("B2")] })];
    expect(labels(agenda, "in-place")).toEqual(["1", "2*", "3", "3.i*", "3.ii"]);
    const end = planAgenda(agenda, "end");
    expect(end.problems.map((p) => p.path)).toEqual([["agenda", 2, "items", 0, "exempt"]]);
  });

  it("reads `exempt: false` as public, and `true` as exempt with no Schedule 12A paragraph", () => {
    const plan = planAgenda([item("A", { exempt: false }), item("B", { exempt: true }), item("C", { exempt: { paragraphs: [1, 4] } })], "in-place");
    expect(plan.entries.map((e) => [e.exempt, e.paragraphs])).toEqual([[false, []], [true, []], [true, [1, 4]]]);
  });
});

describe("venues", () => {
  const hall = { room: "Committee Room 1", building: "County Hall", town: "Chelmsford", postcode: "CM1 1QH" };
  it("prints a room as before, and leaves out parts a venue does not have", () => {
    expect(venueText(hall)).toBe("Committee Room 1, County Hall, Chelmsford, CM1 1QH");
    expect(venueText(hall, { postcode: false })).toBe("Committee Room 1, County Hall, Chelmsford");
    expect(venueText({ building: "Harrowgate House", town: "Northmoor" })).toBe("Harrowgate House, Northmoor");
    expect(venueShortText(hall)).toBe("Committee Room 1, County Hall");
  });

  it("prints an online meeting without empty parts, and a hybrid one as both", () => {
    const online = { online: { platform: "Microsoft Teams" } };
    expect(venueText(online)).toBe("Online meeting (Microsoft Teams)");
    expect(venueShortText(online)).toBe("Online (Microsoft Teams)");
    expect(venueText({ ...hall, ...online })).toBe("Committee Room 1, County Hall, Chelmsford, CM1 1QH, and online (Microsoft Teams)");
  });
});

describe("a body's words", () => {
  it("takes the noun from the name unless the committee gives one", () => {
    expect(nounOf({ name: "Essex Police, Fire and Crime Panel" })).toBe("Panel");
    expect(nounOf({ name: "Northmoor Commissioner's Strategic Board" })).toBe("Board");
    expect(nounOf({ name: "Police and Crime Panel for Northmoor", noun: "Panel" })).toBe("Panel");
  });

  it("names the site after its committees", () => {
    expect(siteWording([{ name: "Essex Police, Fire and Crime Panel" }])).toEqual({
      name: "Panel papers",
      lead: "Agendas, reports and minutes of the panel’s meetings, as web pages and as PDF agenda packs.",
      members: "panel members",
    });
    const boards = siteWording([{ name: "Strategic Board" }, { name: "Scrutiny Board" }]);
    expect(boards).toEqual({ name: "Board papers", lead: "Agendas, reports and minutes of meetings, as web pages and as PDF agenda packs.", members: "board members" });
    expect(siteWording([{ name: "Strategic Board" }, { name: "Police and Crime Panel" }]).name).toBe("Meeting papers");
  });
});
