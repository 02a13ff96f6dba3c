// The ordered grid search of the 1D-CNN (one hyperparameter group at a time, in the published
// order): every value of the current group is trained with the other groups at their best so far,
// scored on the validation part of the training samples, and the best value is kept before the
// next group is searched. Choice: highest integrated F1, then accuracy, then lowest validation loss.
import { CancelledError } from "../errors.ts";
import { argmaxRows, classificationMetrics } from "./metrics.ts";
import type { TrainingSet } from "./model.ts";
import { NeuralClassifier, type Cnn1dConfig, type NetworkTrainingOptions } from "./network.ts";

/** The published order of the hyperparameter groups. */
export const GRID_ORDER = ["outputActivation", "denseActivation", "convActivation", "pool", "denseUnits", "kernel", "filters"] as const;
export type GridGroup = (typeof GRID_ORDER)[number];

export type Cnn1dGrid = { [G in GridGroup]: readonly Cnn1dConfig[G][] };

/** Where the search starts (a group's value when it is in the grid, else the grid's first value). */
export const CNN1D_START: Readonly<Cnn1dConfig> = Object.freeze({
  outputActivation: "softmax",
  denseActivation: "relu",
  convActivation: "relu",
  pool: 2,
  denseUnits: 128,
  kernel: 5,
  filters: 32,
});

export interface GridRow {
  /** 1-based position in the search. */
  step: number;
  group: GridGroup;
  value: string | number;
  config: Cnn1dConfig;
  integratedF1: number;
  accuracy: number;
  /** Validation loss of the kept epoch (null when training diverged). */
  valLoss: number | null;
  /** Epochs trained (early stopping). */
  epochs: number;
  /** This row's value was kept for its group. */
  chosen: boolean;
}

export interface GridSearchResult {
  best: Cnn1dConfig;
  rows: GridRow[];
  /** Seconds of each row's training (timing: kept out of the deterministic rows). */
  seconds: number[];
  /** The trained model of the best configuration (the caller disposes it). */
  model: NeuralClassifier | null;
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

const key = (c: Cnn1dConfig) => GRID_ORDER.map((g) => String(c[g])).join("|");

/** Distinct configurations the ordered search trains for this grid: 1 + sum over groups of (values - 1). */
export function gridSize(grid: Cnn1dGrid): number {
  return 1 + GRID_ORDER.reduce((a, g) => a + Math.max(0, grid[g].length - 1), 0);
}

function better(a: GridRow, b: GridRow): boolean {
  if (a.integratedF1 !== b.integratedF1) return a.integratedF1 > b.integratedF1;
  if (a.accuracy !== b.accuracy) return a.accuracy > b.accuracy;
  return (a.valLoss ?? Infinity) < (b.valLoss ?? Infinity);
}

export interface GridControl {
  signal?: AbortSignal | undefined;
  onProgress?: ((fraction: number, message: string) => void) | undefined;
  /** Rows finished by an earlier attempt (resume); their configurations are not trained again. */
  done?: GridRow[] | undefined;
  /** Called after each trained configuration with all rows so far (to checkpoint them). */
  onRow?: ((rows: GridRow[]) => void) | undefined;
}

export async function orderedGridSearch(
  set: TrainingSet,
  grid: Cnn1dGrid,
  training: Partial<NetworkTrainingOptions>,
  control: GridControl = {},
): Promise<GridSearchResult> {
  const total = gridSize(grid);
  const current = { ...CNN1D_START } as Cnn1dConfig;
  for (const g of GRID_ORDER) {
    if (!(grid[g] as readonly unknown[]).includes(current[g])) (current as Record<GridGroup, unknown>)[g] = grid[g][0];
  }
  const scored = new Map<string, GridRow>();
  for (const r of control.done ?? []) scored.set(key(r.config), r);
  const rows: GridRow[] = [];
  const seconds: number[] = [];
  let bestModel: NeuralClassifier | null = null;
  let bestRow: GridRow | null = null;
  let trained = 0;
  for (const group of GRID_ORDER) {
    let groupBest: GridRow | null = null;
    for (const value of grid[group]) {
      if (control.signal?.aborted) throw new CancelledError();
      const config = { ...current, [group]: value } as Cnn1dConfig;
      const k = key(config);
      let row = scored.get(k);
      if (row) {
        row = { ...row, step: rows.length + 1, group, value, chosen: false };
      } else {
        const model = new NeuralClassifier({ kind: "cnn1d", config }, training);
        const report = await model.fit(set, { signal: control.signal });
        const v = model.validation;
        let integratedF1 = 0;
        let accuracy = 0;
        if (v && v.y.length > 0) {
          const m = classificationMetrics(
            Array.from({ length: set.classes }, (_, c) => String(c)),
            v.y,
            argmaxRows(v.proba, v.y.length, set.classes),
          );
          integratedF1 = m.integratedF1;
          accuracy = m.accuracy;
        }
        row = {
          step: rows.length + 1,
          group,
          value,
          config,
          integratedF1: report.diverged ? 0 : integratedF1,
          accuracy: report.diverged ? 0 : accuracy,
          valLoss: finiteOrNull(v ? v.loss : (report.trainLoss.at(-1) ?? Number.NaN)),
          epochs: report.epochsRun,
          chosen: false,
        };
        seconds.push(report.seconds);
        scored.set(k, row);
        trained++;
        if (!bestRow || better(row, bestRow)) {
          bestModel?.dispose();
          bestModel = model;
          bestRow = row;
        } else model.dispose();
        control.onProgress?.(Math.min(1, trained / total), `${group} = ${value}`);
      }
      rows.push(row);
      control.onRow?.(rows);
      if (!groupBest || better(row, groupBest)) groupBest = row;
    }
    if (groupBest) {
      (current as Record<GridGroup, unknown>)[group] = groupBest.value;
      groupBest.chosen = true;
    }
  }
  // The kept model is the best row trained in THIS attempt; after a resume it may be another
  // configuration than `current`, so the caller retrains when model is null.
  const sameAsBest = bestRow && key(bestRow.config) === key(current);
  if (!sameAsBest) {
    bestModel?.dispose();
    bestModel = null;
  }
  return { best: { ...current }, rows, seconds, model: bestModel };
}
