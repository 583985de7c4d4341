/**
 * defineKind(): the skeleton every specialised kind shares, written once. A kind gives its data schema and
 * what it builds from valid data; this module reports a missing data file, validates only the kind's own
 * top-level keys (read from the schema's shape, never typed twice) and, when the data cannot be used, falls
 * back to the generic body so the rest of the paper is still checked.
 */
import { z } from "zod";
import type { Problems } from "../content/problems.ts";
import { validate } from "../content/validate.ts";
import { withTopLevelKeys, type Located } from "../content/yaml.ts";
import { buildGenericBody, genericDataSchema, type KindExtras } from "./generic/index.ts";
import type { PaperBody, PaperContext, ReportKind } from "./kind.ts";
import type { KindBlock } from "../model/body.ts";

/** What a kind's build() gets: the paper, its data file (known to exist), and two helpers. */
export interface KindContext extends PaperContext {
  data: Located;
  dataFile: string;
  /**
   * The generic body with this kind's extras; the generic part leaves the kind's own keys alone.
   * `part` builds from another context instead (a kind whose paper has two bodies).
   */
  genericBody(extras?: KindExtras, part?: PaperContext): Promise<PaperBody>;
  /** A block drawn by one of this kind's own templates, <templates>/<name>.njk, with params (rendered later, by the render stage). */
  block(name: string, params: object): KindBlock;
}

/** A kind as written in its folder: a ReportKind whose body is built from validated data. */
export interface KindSpec<S extends z.ZodType> extends Omit<ReportKind, "data" | "buildBody"> {
  data: S;
  /** Checks of the narrative alone, made whatever state the data file is in. */
  checkNarrative?(ctx: PaperContext): void;
  /** The body, from data valid against `data` (most kinds end with `return ctx.genericBody(extras)`). */
  build(data: z.output<S>, ctx: KindContext): Promise<PaperBody>;
}

const GENERIC_KEYS = ownKeysOf(genericDataSchema);

export function defineKind<S extends z.ZodType>(spec: KindSpec<S>): ReportKind {
  const { data: schema, checkNarrative, build, ...kind } = spec;
  const ownKeys = ownKeysOf(schema);
  // A key both parts claim would be validated twice, by two schemas that disagree.
  const shared = ownKeys.filter((key) => GENERIC_KEYS.includes(key));
  if (shared.length) throw new Error(`report kind '${kind.name}' declares ${shared.join(", ")}, which belong to every paper's data file`);
  return {
    ...kind,
    data: schema,
    async buildBody(ctx: PaperContext): Promise<PaperBody> {
      checkNarrative?.(ctx);
      if (!ctx.data || !ctx.dataFile) {
        ctx.problems.error(ctx.paperFile, undefined, "schema/missing", `a ${kind.name} paper needs a data file`, `create data/meetings/${ctx.meetingId}/${ctx.slug}.yaml`);
        return buildGenericBody(ctx);
      }
      const data = validateOwnData(schema, ctx.data, ctx.dataFile, ctx.problems);
      if (data === undefined) return buildGenericBody(ctx, {}, ownKeys);
      return build(data, {
        ...ctx,
        data: ctx.data,
        dataFile: ctx.dataFile,
        genericBody: (extras = {}, part = ctx) => buildGenericBody(part, extras, ownKeys),
        block: (name, params) => {
          if (!kind.templates) throw new Error(`report kind '${kind.name}' has no templates folder, so cannot draw '${name}'`);
          return { templates: kind.templates, name, params };
        },
      });
    },
  };
}

/** Validate the top-level keys a kind's schema declares (the generic part checks the rest of the file). */
export function validateOwnData<S extends z.ZodType>(schema: S, located: Located, file: string, problems: Problems): z.output<S> | undefined {
  const keys = ownKeysOf(schema);
  return validate(schema, withTopLevelKeys(located, (key) => keys.includes(key)), file, problems);
}

/** The top-level keys an object schema declares; strict() objects are a pipe from a z.object, so look through pipes. */
export function ownKeysOf(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodPipe) return ownKeysOf(schema.in as z.ZodType);
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  throw new Error("a report kind's data schema must be an object of top-level keys");
}
