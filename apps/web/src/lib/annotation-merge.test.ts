import { describe, expect, it } from "vitest";
import { describeChanges, EMPTY_ANNOTATION, mergeAnnotation, type AnnotationFields } from "./annotation-merge.ts";

const base: AnnotationFields = { status: "CANDIDATE", note: "peaks early", tags: ["hypoxia"], evidenceLinks: [] };

describe("mergeAnnotation", () => {
  it("takes each side's change when only one side changed a field", () => {
    const mine = { ...base, note: "peaks early; qPCR next week" };
    const theirs = { ...base, status: "VALIDATED" };
    expect(mergeAnnotation(base, mine, theirs)).toEqual({ ...base, status: "VALIDATED", note: "peaks early; qPCR next week" });
  });

  it("combines notes and tags both sides changed, keeping the user's status", () => {
    const mine = { ...base, status: "REJECTED", note: "mine", tags: ["hypoxia", "qPCR"] };
    const theirs = { ...base, status: "VALIDATED", note: "theirs", tags: ["hypoxia", "western"] };
    const merged = mergeAnnotation(base, mine, theirs);
    expect(merged.status).toBe("REJECTED");
    expect(merged.note).toBe("theirs\n\nmine");
    expect(merged.tags).toEqual(["hypoxia", "western", "qPCR"]);
  });

  it("merges against an empty base when both created the annotation", () => {
    const mine = { status: "CANDIDATE", note: "a", tags: [], evidenceLinks: [] };
    const theirs = { status: "CANDIDATE", note: "b", tags: ["x"], evidenceLinks: [] };
    expect(mergeAnnotation(EMPTY_ANNOTATION, mine, theirs)).toEqual({ status: "CANDIDATE", note: "b\n\na", tags: ["x"], evidenceLinks: [] });
  });
});

describe("describeChanges", () => {
  it("lists what changed in words", () => {
    expect(describeChanges(base, { ...base, status: "VALIDATED", tags: [] })).toEqual(["set the status to Validated", "removed the tags"]);
    expect(describeChanges(base, base)).toEqual([]);
  });
});
