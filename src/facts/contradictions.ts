/**
 * Sentences that contradict a fact, found without guessing. Only a fact that declares its `subject` (the
 * words that name what it is about) is read for, and only in a sentence that names the subject. Such a
 * sentence contradicts the fact when it states exactly one value of the fact's kind and that value is not
 * the fact's: one member of a text fact's `one_of` (a grade word), one date written in full, one sum of money
 * (£), or one figure for a number fact. A sentence that states two or more (a change "from Inadequate to
 * Good", two dates) is not read: which of them is the subject's is a guess.
 */
import { MONTHS } from "../lib/dates.ts";
import type { Finding } from "../housekeeping/finding.ts";
import { proseLines } from "../housekeeping/body-lines.ts";
import { factText, factType, type FoundFact } from "./index.ts";

const MONTH = `(${MONTHS.join("|")})`;
/** A date in full: "1 April 2023", "1st April 2023" (a weekday before it changes nothing). */
const FULL_DATE = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\s+(\\d{4})\\b`, "g");
const MONEY = /£(\d[\d,]*(?:\.\d+)?)(?![\d,]*(?:\.\d)?\s*(?:m|bn|k)\b)/g;
/** A figure: grouped digits with optional decimals, not part of a word, a sum of money, a date or a period. */
const FIGURE = /(?<![\w£./-])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w/%-]|\.\d)/g;

export interface Sentence {
  text: string;
  /** 1-based, in the text given. */
  line: number;
  column: number;
}

/** The sentences of a Markdown body, each with where it starts; code (fenced, indented or in spans), directives and comments are left out. */
export function sentencesOf(body: string): Sentence[] {
  const out: Sentence[] = [];
  let comment = false;
  let paragraph: Array<{ text: string; line: number }> = [];
  const flush = () => {
    if (paragraph.length) out.push(...splitSentences(paragraph));
    paragraph = [];
  };
  // proseLines blanks fenced code and code spans, keeping line numbers and columns.
  proseLines(body).forEach((raw, i) => {
    if (comment || /^\s*<!--/.test(raw)) {
      comment = !raw.includes("-->");
      flush();
      return;
    }
    if (/^\s*$/.test(raw) || /^ {4}|^\t/.test(raw) || /^:::/.test(raw)) {
      flush();
      return;
    }
    paragraph.push({ text: raw, line: i + 1 });
  });
  flush();
  return out;
}

/** A paragraph's lines cut into sentences at a full stop, question or exclamation mark followed by a space. */
function splitSentences(lines: Array<{ text: string; line: number }>): Sentence[] {
  const out: Sentence[] = [];
  let current: Sentence | undefined;
  for (const { text, line } of lines) {
    const pattern = /[^.!?]+(?:[.!?]+(?=\s|$)|$)|[.!?]+/g;
    for (const match of text.matchAll(pattern)) {
      const piece = match[0];
      if (current === undefined) {
        if (piece.trim() === "") continue;
        const lead = piece.length - piece.trimStart().length;
        current = { text: "", line, column: match.index + lead + 1 };
      }
      current.text += (current.text ? " " : "") + piece.trim();
      if (/[.!?]$/.test(piece.trim()) && !/\b(?:e\.g|i\.e|etc|no|para|cf|Cllr|Mr|Mrs|Ms|Dr|St)\.$/i.test(piece.trim())) {
        out.push(current);
        current = undefined;
      }
    }
  }
  if (current) out.push(current);
  return out;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Whether the words occur in the text as words (any case, any spacing between them). */
function names(text: string, words: string): boolean {
  return new RegExp(`(?<![\\w-])${words.trim().split(/\s+/).map(escape).join("\\s+")}(?![\\w-])`, "i").test(text);
}

/** What a sentence states of a fact's kind: each value found, as the fact would hold it and as it is written. */
function statedValues(fact: FoundFact, sentence: string): Array<{ value: string | number; written: string }> {
  const f = fact.fact;
  switch (factType(f)) {
    case "text": {
      // The longest members first, so "Requires improvement" is read before any shorter word inside it.
      const members = [...(f.one_of ?? [])].sort((a, b) => b.length - a.length);
      let rest = sentence;
      const found: Array<{ value: string; written: string }> = [];
      for (const member of members) {
        const pattern = new RegExp(`(?<![\\w-])${member.trim().split(/\s+/).map(escape).join("\\s+")}(?![\\w-])`, "gi");
        for (const match of rest.matchAll(pattern)) found.push({ value: member, written: match[0] });
        rest = rest.replace(pattern, " ");
      }
      return found;
    }
    case "date":
      return [...sentence.matchAll(FULL_DATE)].map((m) => ({ value: `${m[3]}-${String(MONTHS.indexOf(m[2] as (typeof MONTHS)[number]) + 1).padStart(2, "0")}-${m[1]!.padStart(2, "0")}`, written: m[0] }));
    case "money":
      return [...sentence.matchAll(MONEY)].map((m) => ({ value: Number(m[1]!.replace(/,/g, "")), written: m[0] }));
    case "number": {
      // Dates and sums of money are not figures of a number fact; a year on its own is not either.
      const plain = sentence.replace(FULL_DATE, " ").replace(/£\S+/g, " ").replace(/\b\d{4}\/\d{2}\b/g, " ");
      return [...plain.matchAll(FIGURE)].filter((m) => !/^(19|20)\d\d$/.test(m[0])).map((m) => ({ value: Number(m[0].replace(/,/g, "")), written: m[0] }));
    }
    default:
      return [];
  }
}

/** The fact's value as a sentence would state it, for comparing (text case-insensitively). */
function sameValue(fact: FoundFact, value: string | number): boolean {
  const f = fact.fact;
  switch (factType(f)) {
    case "text": return String(value).toLowerCase() === f.text!.toLowerCase();
    case "date": return value === f.date;
    case "money": return value === f.money;
    case "number": return value === f.number;
    default: return true;
  }
}

/**
 * Each sentence of the body that names a fact's subject and states one other value of its kind. `where`
 * names the fact's place for the message ("data/committees/hpfcp.yaml:12").
 */
export function contradictions(body: string, facts: FoundFact[], where: (fact: FoundFact) => string): Finding[] {
  const readable = facts.filter((f) => f.fact.subject !== undefined);
  if (readable.length === 0) return [];
  const out: Finding[] = [];
  for (const sentence of sentencesOf(body)) {
    // A reference is not a statement (and its id is not words of the sentence): quoting the fact is the cure.
    const text = sentence.text.replace(/\[@[a-z]+:[^\]]*\]/g, " ");
    for (const fact of readable) {
      const subject = fact.fact.subject!.find((words) => names(text, words));
      if (subject === undefined) continue;
      const stated = statedValues(fact, text);
      if (stated.length !== 1 || sameValue(fact, stated[0]!.value)) continue;
      out.push({
        line: sentence.line,
        column: sentence.column,
        rule: "fact/contradicted",
        message: `this sentence names ${subject} and says '${stated[0]!.written}', but fact '${fact.id}' (${where(fact)}) is ${factText(fact.fact) as string}`,
        hint: `quote the fact, [@fact:${fact.id}], or correct whichever of the two is wrong`,
      });
    }
  }
  return out;
}
