/**
 * What inline text points at. `[@fig:id]`, `[@para:id]`, `[@value:key]`, `[@meeting:field]`,
 * `[@committee:field]` and `[@fact:id]` references are read by an inline rule, and checked in the core pass (numbering.ts):
 * of a known type, and resolving to something (paragraph references once the whole body is numbered, in
 * parsePaperBody). Images there must be files beside the paper, and links must have a target.
 */
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";
import type Token from "markdown-it/lib/token.mjs";
import type { RefMeta } from "../model/body.ts";
import type { BodyEnv } from "./index.ts";

const REF_TYPES = ["fig", "para", "value", "meeting", "committee", "fact"] as const;

/** `[@type:id]` */
export function refRule(state: StateInline, silent: boolean): boolean {
  const src = state.src.slice(state.pos);
  const match = /^\[@([a-z]+):([A-Za-z0-9_.-]+)\]/.exec(src);
  if (!match) return false;
  if (!silent) {
    const token = state.push("pp_ref", "", 0);
    token.meta = { type: match[1]!, id: match[2]! } satisfies RefMeta;
    token.content = match[0];
  }
  state.pos += match[0].length;
  return true;
}

/**
 * `[@type:id]` references in plain text a template prints as it is (a paper's recommendations in its front
 * matter), replaced by what they resolve to; those that resolve to nothing are left as written and listed.
 */
export function resolveTextRefs(text: string, resolve: (type: string, id: string) => { text: string } | null): { text: string; unresolved: Array<{ ref: string; type: string; id: string }> } {
  const unresolved: Array<{ ref: string; type: string; id: string }> = [];
  const out = text.replace(/\[@([a-z]+):([A-Za-z0-9_.-]+)\]/g, (ref, type: string, id: string) => {
    const found = resolve(type, id);
    if (found) return found.text;
    unresolved.push({ ref, type, id });
    return ref;
  });
  return { text: out, unresolved };
}

export function checkInline(inline: Token, parent: Token | undefined, env: BodyEnv): void {
  const line = parent?.map ? parent.map[0] + 1 : 1;
  for (const child of inline.children ?? []) {
    if (child.type === "pp_ref") {
      const { type, id } = child.meta as RefMeta;
      const column = columnOf(inline.content, child.content);
      if (!(REF_TYPES as readonly string[]).includes(type)) {
        env.report(line, column, "ref/unknown-type", `'${child.content}' is not a kind of reference`, `use one of: ${REF_TYPES.map((t) => `[@${t}:…]`).join(", ")}`);
      } else if (type !== "para" && !env.resolve(type, id)) {
        // Paragraph references resolve after numbering; they are checked when rendered (see renderPaperBody).
        env.report(line, column, "ref/unresolved", `'${child.content}' refers to nothing: there is no ${type} '${id}'`, type === "fig" ? "use the id of a table or chart in this paper's data file" : env.suggest?.(type, id));
      }
    }
    if (child.type === "image") {
      const src = child.attrGet("src") ?? "";
      // Images must be files of the project: a remote image would be fetched by every reader's browser
      // (and is never fetched by the printer); an absolute or escaping path points outside the project.
      if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//")) {
        env.report(line, 1, "image/remote", `the image '${src}' is not a file of the project`, "download it into the project and refer to it by a relative path");
      } else if (src.startsWith("/") || src.split("/").includes("..")) {
        env.report(line, 1, "image/outside", `the image '${src}' points outside the paper's folder`, "put the image beside the paper and refer to it by a relative path");
      } else {
        // A file beside the paper: copied into the build, and pointed at where it is published.
        const found = env.resolve("image", src);
        if (found?.href) child.attrSet("src", found.href);
        else env.report(line, 1, "image/missing", `the image '${src}' is not a PNG, JPEG or SVG file in the paper's folder`, "put the image file beside the paper (content/meetings/<date>/papers/) and check the name's spelling");
      }
    }
    if (child.type === "link_open") {
      const href = child.attrGet("href") ?? "";
      if (href.trim() === "") env.report(line, 1, "link/empty", "a link has an empty target", "write the address inside the brackets: [text](https://…)");
    }
  }
}

export function columnOf(haystack: string, needle: string): number {
  const index = haystack.indexOf(needle);
  return index < 0 ? 1 : index + 1;
}
