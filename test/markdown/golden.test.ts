/** The Markdown dialect, one case a folder (test/markdown/cases/<name>/; see its README.md and test/golden.ts). */
import { join } from "node:path";
import { goldenSuite } from "../golden.ts";

goldenSuite(join(import.meta.dirname, "cases"));
