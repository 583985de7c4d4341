/**
 * Golden cases of each report kind: test/kinds/<kind>/cases/<name>/ (paper.md + data.yaml → expected.html +
 * expected-problems.txt; see test/golden.ts). One file for every kind, so the set loads the pipeline once;
 * `-t <kind>` runs one kind's cases. Every registered kind must have cases.
 */
import { join } from "node:path";
import { KINDS } from "../../src/kinds/index.ts";
import { goldenSuite } from "../golden.ts";

for (const kind of KINDS.keys()) goldenSuite(join(import.meta.dirname, kind, "cases"), { kind });
