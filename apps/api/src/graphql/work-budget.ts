// The run-time half of the cost model (the static half is cost.ts): resolvers of heavy fields
// charge what they really touch, known only once the dataset is loaded (its conditions, the
// bicluster's genes), before doing the work. A request over its budget gets LIMIT_EXCEEDED on the
// field that crossed it; the fields before it keep their data.
import { limitExceeded } from "../errors.ts";
import { CELLS_PER_UNIT } from "./cost.ts";

/** Units one request may spend at run time (same scale as the static MAX_COST: 100 cells a unit). */
export const MAX_WORK_UNITS = 20_000;

export class WorkBudget {
  private used = 0;
  constructor(readonly max = MAX_WORK_UNITS) {}

  /** Units spent so far. */
  get spent(): number {
    return this.used;
  }

  /** Charges `units`; throws LIMIT_EXCEEDED (limit "work") when the request goes over its budget. */
  charge(units: number, what: string): void {
    this.used += Math.max(0, units);
    if (this.used > this.max) {
      throw limitExceeded("work", `This request asks for too much data at once (${what}). Ask for fewer items, or split it into several requests.`, {
        max: this.max,
      });
    }
  }

  /** Charges matrix cells (read or returned). */
  chargeCells(cells: number, what: string): void {
    this.charge(Math.ceil(cells / CELLS_PER_UNIT), what);
  }
}
