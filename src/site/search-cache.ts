/**
 * Search bundles kept for the next build (issue #22): a shard whose pages are, byte for byte and path for
 * path, those of a shard an earlier build indexed gets that build's bundle back instead of being indexed
 * again. (Re-indexing every shard was 6 s of a 10 s rebuild of 60 meetings in which nothing had changed.)
 *
 * The key is a hash of everything a bundle is made from: how it is made (this folder's code and the package
 * files, which pin Pagefind's version), the bundle's folder and whether it is merged into the first, and each of
 * the shard's pages by path and bytes. Pagefind's output depends on nothing else: the build is reproducible.
 *
 * An entry is verified, not trusted, like the print cache's: its record, written last and by rename, names
 * the key it was written under and the SHA-256 of each of its files. A file changed, missing or added, or a
 * record copied from another key, is a miss: the entry is removed and the shard indexed afresh. And the leak
 * check still reads every file of every bundle afterwards, as it reads everything the build publishes.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { filesUnder, hashToolCode } from "../lib/files.ts";
import { sha256, sha256File } from "../print/cache.ts";

const FORMAT = "panelpress-search-bundle/1";

interface BundleRecord {
  format: string;
  key: string;
  /** Pages the bundle indexes. */
  pages: number;
  /** Each file of the bundle, relative to it, and the SHA-256 of its bytes. */
  files: Record<string, string>;
}

export class SearchBundleCache {
  private readonly salt: string;
  /** The keys this build used: what prune() keeps. */
  private readonly used = new Set<string>();

  constructor(
    private readonly dir: string,
    /** False for a clean build: index every shard afresh (and refresh the cache). */
    private readonly readable = true,
  ) {
    this.salt = hashToolCode(createHash("sha256").update(FORMAT), "site").digest("hex");
  }

  /** The key of a bundle made from `pages` (paths relative to the site) of the staged site, into its folder `bundle`. */
  key(siteDir: string, bundle: string, merged: boolean, pages: readonly string[]): string {
    const hash = createHash("sha256").update(`${this.salt}\n${bundle}\n${merged}\n`);
    for (const page of [...pages].sort()) hash.update(`${page}\n`).update(sha256File(join(siteDir, page)));
    const key = hash.digest("hex");
    this.used.add(key);
    return key;
  }

  /** Put the kept bundle for `key` into `outputPath`; the pages it indexes, or undefined (a miss, or an entry that does not verify). */
  restore(key: string, outputPath: string): number | undefined {
    if (!this.readable) return undefined;
    const record = this.read(key);
    if (!record) return undefined;
    const entry = join(this.dir, key);
    const bytes = new Map<string, Buffer>();
    try {
      if (filesUnder(entry).sort().join("\n") !== Object.keys(record.files).sort().join("\n")) throw new Error("files added or missing");
      for (const [file, digest] of Object.entries(record.files)) {
        const data = readFileSync(join(entry, file));
        if (sha256(data) !== digest) throw new Error(`${file} changed`);
        bytes.set(file, data);
      }
    } catch {
      this.remove(key);
      return undefined;
    }
    // The verified bytes themselves are written, not the entry's files copied: no window for a swap.
    for (const [file, data] of bytes) {
      mkdirSync(dirname(join(outputPath, file)), { recursive: true });
      writeFileSync(join(outputPath, file), data);
    }
    return record.pages;
  }

  /** Keep the bundle just written to `outputPath` under `key`. A cache that cannot be written only means indexing again next time. */
  keep(key: string, outputPath: string, pages: number): void {
    const temp = join(this.dir, `${key}.${process.pid}.tmp`);
    try {
      this.remove(key);
      mkdirSync(this.dir, { recursive: true });
      cpSync(outputPath, temp, { recursive: true });
      const files = Object.fromEntries(filesUnder(temp).map((file) => [file, sha256File(join(temp, file))]));
      renameSync(temp, join(this.dir, key));
      const record: BundleRecord = { format: FORMAT, key, pages, files };
      writeFileSync(`${join(this.dir, key)}.json.${process.pid}.tmp`, JSON.stringify(record));
      renameSync(`${join(this.dir, key)}.json.${process.pid}.tmp`, `${join(this.dir, key)}.json`); // last: until then, no entry
    } catch {
      rmSync(temp, { recursive: true, force: true });
    }
  }

  /** Remove every entry this build did not use: the cache holds the bundles of the last build, no more. */
  prune(): void {
    if (!existsSync(this.dir)) return;
    for (const name of readdirSync(this.dir)) {
      const key = name.replace(/\.json$/, "");
      if (!this.used.has(key)) rmSync(join(this.dir, name), { recursive: true, force: true });
    }
  }

  private read(key: string): BundleRecord | undefined {
    try {
      const record = JSON.parse(readFileSync(`${join(this.dir, key)}.json`, "utf8")) as BundleRecord;
      if (record.format === FORMAT && record.key === key && typeof record.pages === "number" && record.files && typeof record.files === "object") return record;
    } catch {
      // no entry, or a damaged record: a miss
    }
    this.remove(key);
    return undefined;
  }

  private remove(key: string): void {
    rmSync(`${join(this.dir, key)}.json`, { force: true });
    rmSync(join(this.dir, key), { recursive: true, force: true });
  }
}
