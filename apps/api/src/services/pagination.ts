// Keyset (cursor) pagination over Prisma: rows are ordered by one sort field then by id, and the
// cursor is that pair, opaque to clients. Pages stay correct while rows are inserted, unlike offsets.
import { badInput } from "../errors.ts";

export interface PageArgs {
  /** Page size, default 20, at most 100. */
  first?: number | null;
  /** `endCursor` of the previous page. */
  after?: string | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  nodes: T[];
  pageInfo: PageInfo;
  /** Rows matching the filter (all pages); computed only when asked for. */
  totalCount: () => Promise<number>;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

type SortValue = string | number | Date | null;

function encodeCursor(value: SortValue, id: string): string {
  const v = value instanceof Date ? { d: value.toISOString() } : value;
  return Buffer.from(JSON.stringify([v, id]), "utf8").toString("base64url");
}

function decodeCursor(cursor: string): { value: SortValue; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== "string") throw new Error("shape");
    const raw: unknown = parsed[0];
    let value: SortValue;
    if (raw === null || (typeof raw === "string" && !raw.includes("\u0000")) || (typeof raw === "number" && Number.isSafeInteger(raw))) value = raw;
    else if (typeof raw === "number" && Number.isFinite(raw)) value = raw;
    else if (typeof raw === "object" && typeof (raw as { d?: unknown }).d === "string") value = new Date((raw as { d: string }).d);
    else throw new Error("value");
    // A forged cursor must be a clean 400, not a database error (invalid date, NUL, huge id).
    if (value instanceof Date && Number.isNaN(value.getTime())) throw new Error("date");
    if (parsed[1].length > 64 || parsed[1].includes("\u0000")) throw new Error("id");
    return { value, id: parsed[1] };
  } catch {
    throw badInput("after", "is not a cursor returned by this API");
  }
}

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput("first", `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

export interface KeysetOptions<T extends { id: string }> {
  args: PageArgs;
  /** Prisma field to sort by (id is always the tie-breaker, ascending). */
  sortField: string;
  direction: "asc" | "desc";
  /** True when the sort field can be null (nulls always come last). */
  nullable?: boolean;
  /** True when the sort field is unique in the filtered rows (then id is not used). */
  uniqueSort?: boolean;
  /** Runs the query: AND `cursorWhere` into the service's scoped where. */
  find: (query: { cursorWhere: object; orderBy: object[]; take: number }) => Promise<T[]>;
  count: () => Promise<number>;
}

export async function paginate<T extends { id: string }>(options: KeysetOptions<T>): Promise<Connection<T>> {
  const { sortField: f, direction, nullable = false, uniqueSort = false } = options;
  const size = pageSize(options.args.first);
  let cursorWhere: object = {};
  if (options.args.after) {
    const { value, id } = decodeCursor(options.args.after);
    if (uniqueSort && value !== null) {
      cursorWhere = { [f]: { [direction === "asc" ? "gt" : "lt"]: value } };
    } else if (value === null) {
      cursorWhere = { [f]: null, id: { gt: id } };
    } else {
      const beyond = direction === "asc" ? "gt" : "lt";
      const or: object[] = [{ [f]: { [beyond]: value } }, { [f]: value, id: { gt: id } }];
      if (nullable) or.push({ [f]: null });
      cursorWhere = { OR: or };
    }
  }
  const orderBy = uniqueSort
    ? [{ [f]: direction }]
    : [nullable ? { [f]: { sort: direction, nulls: "last" } } : { [f]: direction }, { id: "asc" }];
  let rows: T[];
  try {
    rows = await options.find({ cursorWhere, orderBy, take: size + 1 });
  } catch (error) {
    // A well-formed cursor whose value has the wrong type for this list (forged, or from another list).
    if (options.args.after && error instanceof Error && error.name === "PrismaClientValidationError") {
      throw badInput("after", "is not a cursor returned by this API");
    }
    throw error;
  }
  const hasNextPage = rows.length > size;
  const nodes = hasNextPage ? rows.slice(0, size) : rows;
  const last = nodes[nodes.length - 1];
  let counted: Promise<number> | undefined;
  return {
    nodes,
    pageInfo: {
      hasNextPage,
      endCursor: last ? encodeCursor((last as Record<string, unknown>)[f] as SortValue, last.id) : null,
    },
    totalCount: () => (counted ??= options.count()),
  };
}

/** A connection over an in-memory list (already scoped and sorted), cursor = position. */
export function paginateArray<T>(items: T[], args: PageArgs): Connection<T> {
  const size = pageSize(args.first);
  let start = 0;
  if (args.after) {
    const { value } = decodeCursor(args.after);
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
      throw badInput("after", "is not a cursor returned by this API");
    }
    start = value + 1;
  }
  const nodes = items.slice(start, start + size);
  const lastIndex = start + nodes.length - 1;
  return {
    nodes,
    pageInfo: {
      hasNextPage: start + size < items.length,
      endCursor: nodes.length > 0 ? encodeCursor(lastIndex, "") : null,
    },
    totalCount: () => Promise.resolve(items.length),
  };
}
