// Three-way merge of annotation edits after a CONFLICT: `base` is what the user started from,
// `mine` their form, `theirs` the version someone else saved meanwhile. Pure, unit-tested.
import { enumLabel } from "./format.ts";

export interface AnnotationFields {
  status: string;
  note: string;
  tags: string[];
  evidenceLinks: string[];
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

export function mergeAnnotation(base: AnnotationFields, mine: AnnotationFields, theirs: AnnotationFields): AnnotationFields {
  const pick = <T,>(b: T, m: T, t: T, same: (x: T, y: T) => boolean, both: (m: T, t: T) => T): T =>
    same(m, b) ? t : same(t, b) ? m : both(m, t);
  return {
    // Both changed the status: the user's own choice wins (they review before saving).
    status: pick(base.status, mine.status, theirs.status, (x, y) => x === y, (m) => m),
    note: pick(base.note, mine.note, theirs.note, (x, y) => x.trim() === y.trim(), (m, t) => `${t.trim()}\n\n${m.trim()}`.trim()),
    tags: pick(base.tags, mine.tags, theirs.tags, sameList, (m, t) => union(t, m)),
    evidenceLinks: pick(base.evidenceLinks, mine.evidenceLinks, theirs.evidenceLinks, sameList, (m, t) => union(t, m)),
  };
}

/** What `to` changed compared with `from`, as short phrases ("set the status to Validated"). */
export function describeChanges(from: AnnotationFields, to: AnnotationFields): string[] {
  const out: string[] = [];
  if (from.status !== to.status) out.push(`set the status to ${enumLabel(to.status)}`);
  if (from.note.trim() !== to.note.trim()) out.push(to.note.trim() ? "edited the note" : "cleared the note");
  if (!sameList(from.tags, to.tags)) out.push(to.tags.length ? `changed the tags to ${to.tags.join(", ")}` : "removed the tags");
  if (!sameList(from.evidenceLinks, to.evidenceLinks)) out.push("changed the evidence links");
  return out;
}

export const EMPTY_ANNOTATION: AnnotationFields = { status: "", note: "", tags: [], evidenceLinks: [] };
