/**
 * The search index in shards (issue #22): Pagefind's service holds the whole of an index in memory while
 * it builds it (about 8 MB a meeting of the synthetic archive: 1.9 GB at 240 meetings), so the meetings
 * are indexed in groups of a bounded size, each its own Pagefind bundle, and the search page merges the
 * bundles in the browser (Pagefind's `mergeIndex`). A site of one shard has the same layout: one code path.
 *
 * Pure: the build indexes the shards (src/site/search-index.ts) and the search page is told their bundles
 * (src/site/plugin.ts), both from this one assignment, so they cannot disagree.
 */
import { SEARCH_BUNDLE } from "./paths.ts";
import { countSetting } from "../lib/counts.ts";

/**
 * Meetings a shard holds unless PANELPRESS_SEARCH_SHARD says otherwise. Pagefind's service peaked at about
 * 8 MB a meeting (1.9 GB at 240 meetings, 7.8 GB at 1,000), so 40 meetings is about 320 MB: well under
 * the 600 MB a build's search step may take, with room for meetings with more papers than the average.
 */
export const DEFAULT_SHARD_MEETINGS = 40;

/** One bundle of the search index and the meetings whose pages it holds. */
export interface SearchShard {
  /** Its folder, relative to the site's root: "pagefind/1/". */
  bundle: string;
  /** Its meetings' ids (each meeting's pages are under meetings/<id>/), in date order. */
  meetings: string[];
}

/** Meetings a shard holds: the option, else PANELPRESS_SEARCH_SHARD, else DEFAULT_SHARD_MEETINGS. */
export function shardMeetings(size?: number): number {
  return countSetting(size, "PANELPRESS_SEARCH_SHARD") ?? DEFAULT_SHARD_MEETINGS;
}

/**
 * The meetings in date order (then by id, so the same meetings always make the same shards), cut into
 * shards of at most `size`. Always at least one shard, so a site with no meetings still has a bundle
 * for its search page to load. Oldest first: a new meeting joins the last shard, and the others keep
 * their meetings (and their bytes) from one build to the next.
 */
export function searchShards(meetings: ReadonlyArray<{ id: string; date: string }>, size: number = shardMeetings()): SearchShard[] {
  const ids = [...meetings].sort((a, b) => byCodePoint(a.date, b.date) || byCodePoint(a.id, b.id)).map((m) => m.id);
  const count = Math.max(1, Math.ceil(ids.length / size));
  return Array.from({ length: count }, (_, n) => ({ bundle: `${SEARCH_BUNDLE}${n + 1}/`, meetings: ids.slice(n * size, (n + 1) * size) }));
}

/** Not localeCompare: the order must not depend on the machine's locale. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
