/**
 * A printed PDF's links to the site's own files (src/print/print.ts publicLink): Chromium writes them under
 * the printer's private origin, where they lead nowhere; they are given the file's public address, or
 * without one an address relative to the PDF. (In a built site: test/a11y/gates.test.ts's link check.)
 */
import { describe, expect, it } from "vitest";
import { publicLink } from "../../src/print/print.ts";

const PRINTED = "https://print.panelpress.invalid";

describe("a link in a printed PDF", () => {
  it("to a file of the site is relative to the PDF when the site has no address", () => {
    expect(publicLink(`${PRINTED}/meetings/m/04-x/04-x-data.csv`, "meetings/m/agenda-pack-m.pdf")).toBe("04-x/04-x-data.csv");
    expect(publicLink(`${PRINTED}/meetings/m/04-x/04-x-data.csv`, "meetings/m/04-x/04-x.pdf")).toBe("04-x-data.csv");
    expect(publicLink(`${PRINTED}/meetings/m/02-minutes/index.html#item-3`, "meetings/m/04-x/04-x.pdf")).toBe("../02-minutes/#item-3");
    expect(publicLink(`${PRINTED}/meetings/m/`, "meetings/m/04-x/04-x.pdf")).toBe("../");
    expect(publicLink(`${PRINTED}/meetings/m/04-x/`, "meetings/m/04-x/04-x.pdf")).toBe("./");
    expect(publicLink(`${PRINTED}/index.html`, "pack.pdf")).toBe("./");
  });

  it("to a file of the site is that file's public address when the site has one", () => {
    const site = "https://papers.example.gov.uk/wessex/";
    expect(publicLink(`${PRINTED}/meetings/m/04-x/04-x-data.csv`, "meetings/m/agenda-pack-m.pdf", site)).toBe("https://papers.example.gov.uk/wessex/meetings/m/04-x/04-x-data.csv");
    expect(publicLink(`${PRINTED}/meetings/m/02-minutes/index.html?a=1#item-3`, "meetings/m/04-x/04-x.pdf", site)).toBe("https://papers.example.gov.uk/wessex/meetings/m/02-minutes/?a=1#item-3");
  });

  it("anywhere else is left as it is", () => {
    for (const uri of ["https://www.gov.uk/x", "mailto:clerk@example.gov.uk", "https://print.panelpress.invalid.example.org/x", "tel:+441234"]) {
      expect(publicLink(uri, "meetings/m/04-x/04-x.pdf", "https://papers.example.gov.uk/")).toBe(uri);
    }
  });
});
