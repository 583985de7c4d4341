/**
 * The papers of one meeting, each built once and on demand. A paper whose tables copy or take from another
 * paper's (`02-savings:plan/total/y2425`, src/kinds/generic/papers.ts) asks for it while it is being built,
 * and that paper is built then, first, whatever their order on the agenda; the meeting then lists each paper
 * where its agenda puts it. A paper asked for while its own build is under way is a cycle (the papers
 * take from each other in a circle): the one that asks is told so, with the chain, and reports it.
 */
import type { OtherPaper, PaperTables } from "../kinds/kind.ts";
import { buildPaper, type BuiltPaper, type PaperPlace } from "./paper.ts";
import type { Context } from "./build.ts";

interface Planned {
  file: string;
  /** How it is built; undefined for an exempt paper in a public build, which is never built. */
  place?: PaperPlace;
}

const NO_TABLES: PaperTables = { tables: new Map(), exemptTables: new Set() };

export class MeetingPapers {
  private readonly planned = new Map<string, Planned>();
  private readonly builds = new Map<string, Promise<BuiltPaper | undefined>>();
  /** Papers whose build has begun and not ended, outermost first (builds nest: one waits for those it asks for). */
  private readonly underWay: string[] = [];
  /** Papers found in a cycle (which the paper that closed it reports). */
  private readonly cyclic = new Set<string>();

  constructor(private readonly ctx: Context) {}

  /** A paper of the meeting (the first plan of a stem holds: a second agenda item naming it is reported by the meeting). */
  plan(slug: string, file: string, place: PaperPlace | undefined): void {
    if (!this.planned.has(slug)) this.planned.set(slug, { file, place });
  }

  /** The paper, built once: the same result however many times, and by whomever, it is asked for. */
  build(slug: string): Promise<BuiltPaper | undefined> {
    const started = this.builds.get(slug);
    if (started) return started;
    const planned = this.planned.get(slug);
    if (!planned?.place) return Promise.resolve(undefined);
    this.underWay.push(slug);
    const place: PaperPlace = {
      ...planned.place,
      otherPaper: (other) => this.other(other),
      otherPaperNames: () => [...this.planned.keys()].filter((s) => s !== slug),
    };
    const build = buildPaper(planned.file, place, this.ctx).finally(() => this.underWay.splice(this.underWay.indexOf(slug), 1));
    this.builds.set(slug, build);
    return build;
  }

  /** Another paper as a table of the paper being built sees it. */
  private async other(slug: string): Promise<OtherPaper> {
    const planned = this.planned.get(slug);
    if (!planned) return undefined;
    if (!planned.place) return { exempt: true, unbuilt: true };
    if (this.underWay.includes(slug)) {
      const chain = this.underWay.slice(this.underWay.indexOf(slug));
      for (const paper of chain) this.cyclic.add(paper);
      return { cycle: [...chain, slug] };
    }
    const built = await this.build(slug);
    // Its tables were computed without what the cycle kept from them: read, they would repeat its one finding.
    if (this.cyclic.has(slug)) return { inCycle: true };
    return { exempt: planned.place.exempt, tables: built?.tables ?? NO_TABLES };
  }
}
