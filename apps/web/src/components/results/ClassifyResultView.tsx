// A classifier run's result: scores, confusion matrix, per-class F1, ROC curves, noise
// robustness, the CNN's grid table and the class balance. Every sample was predicted by a model
// that never saw it (the evaluation line says how).
import { BarPlot, ConfusionMatrix, LinePlot } from "../charts/index.tsx";
import { graphql } from "../../generated/index.ts";
import type { ClassifyResultViewFragment } from "../../generated/graphql.ts";
import { formatInt, formatNumber, formatPercent } from "../../lib/format.ts";
import { Card, Stat } from "../ui.tsx";

export const ClassifyResultView = graphql(`
  fragment ClassifyResultView on ClassifyRunResult {
    classes
    labelledSamples
    unlabelledSamples
    featureMode
    featureGenes
    evaluation
    classBalance {
      class
      count
      fraction
    }
    metrics {
      accuracy
      macroF1
      integratedF1
      rocAuc
      samples
      perClass {
        class
        precision
        recall
        f1
        support
      }
      confusion {
        classes
        counts
      }
      roc {
        class
        auc
        points {
          fpr
          tpr
        }
      }
    }
    robustness {
      level
      repeats
      accuracy {
        mean
        variance
      }
      integratedF1 {
        mean
        variance
      }
    }
    grid {
      split
      order
      best
      rows {
        step
        group
        value
        integratedF1
        accuracy
        valLoss
        epochs
        chosen
      }
    }
  }
`);

export function ClassifyResult({ result }: { result: ClassifyResultViewFragment }) {
  const m = result.metrics;
  const grid = result.grid?.[0];
  return (
    <>
      <Card title="Scores on held-out samples">
        <div className="stat-grid">
          <Stat label="Accuracy" value={formatNumber(m.accuracy, 3)} hint={`${formatInt(m.samples)} test predictions`} />
          <Stat label="Macro F1" value={formatNumber(m.macroF1, 3)} hint="mean of the classes' F1" />
          <Stat label="Integrated F1" value={formatNumber(m.integratedF1, 3)} hint="Harrington desirability of the F1s" />
          <Stat label="ROC AUC" value={formatNumber(m.rocAuc, 3)} hint="macro, one class vs the rest" />
          <Stat label="Samples" value={`${formatInt(result.labelledSamples)} labelled`} hint={result.unlabelledSamples ? `${result.unlabelledSamples} unlabelled, left out` : "all labelled"} />
          <Stat label="Features" value={formatInt(result.featureGenes.length)} hint={`genes (${result.featureMode})`} />
        </div>
        <p className="small muted" style={{ marginBottom: 0 }}>
          Evaluation: {result.evaluation}; gene selection and scaling were fitted on the training samples only.
        </p>
      </Card>
      <div className="grid-2" style={{ alignItems: "start" }}>
        <Card title="Confusion matrix">
          <ConfusionMatrix classes={m.confusion.classes} counts={m.confusion.counts as number[][]} label="Confusion matrix: true class by row, predicted class by column" />
        </Card>
        <Card title="F1 per class">
          <BarPlot
            categories={m.perClass.map((c) => c.class)}
            series={[
              { name: "Precision", values: m.perClass.map((c) => c.precision) },
              { name: "Recall", values: m.perClass.map((c) => c.recall) },
              { name: "F1", values: m.perClass.map((c) => c.f1) },
            ]}
            valueLabel="score"
            min={0}
            max={1}
            label="Precision, recall and F1 per class"
          />
        </Card>
      </div>
      <div className="grid-2" style={{ alignItems: "start" }}>
        <Card title="ROC curves (one class vs the rest)">
          <LinePlot
            series={m.roc.map((r) => ({ name: `${r.class} (AUC ${formatNumber(r.auc, 3)})`, points: r.points.map((p) => ({ x: p.fpr, y: p.tpr })) }))}
            xLabel="false positive rate"
            yLabel="true positive rate"
            diagonal
            xMin={0}
            xMax={1}
            yMin={0}
            yMax={1}
            label="ROC curve of each class"
          />
        </Card>
        <Card title="Class balance">
          <table className="table" aria-label="Class balance">
            <thead>
              <tr>
                <th>Class</th>
                <th className="num">Samples</th>
                <th className="num">Share</th>
              </tr>
            </thead>
            <tbody>
              {result.classBalance.map((c) => (
                <tr key={c.class}>
                  <td>{c.class}</td>
                  <td className="num">{formatInt(c.count)}</td>
                  <td className="num">{formatPercent(c.fraction)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
      {result.robustness ? (
        <Card title="Robustness to noise">
          <LinePlot
            series={[
              { name: "accuracy", points: [{ x: 0, y: m.accuracy }, ...result.robustness.map((r) => ({ x: r.level * 100, y: r.accuracy.mean }))] },
              { name: "integrated F1", points: [{ x: 0, y: m.integratedF1 }, ...result.robustness.map((r) => ({ x: r.level * 100, y: r.integratedF1.mean }))] },
            ]}
            xLabel="noise (% of each gene's sd)"
            yLabel="score"
            yMin={0}
            yMax={1}
            label="Scores with Gaussian noise added to the test samples"
          />
          <p className="small muted" style={{ marginBottom: 0 }}>
            Mean over {result.robustness[0]?.repeats ?? 0} noise draws per level; variance of the accuracy:{" "}
            {result.robustness.map((r) => `${Math.round(r.level * 100)}%: ${r.accuracy.variance.toExponential(1)}`).join(", ")}.
          </p>
        </Card>
      ) : null}
      {grid ? (
        <Card title="Ordered grid search (first split)">
          <p className="small muted">
            One hyperparameter group at a time, in the published order ({grid.order.join(" → ")}); each step keeps the best value by integrated F1, then
            accuracy, then validation loss. Winner: <span className="mono">{Object.entries(grid.best as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`).join(", ")}</span>
          </p>
          <div className="table-wrap" style={{ maxHeight: 420, overflowY: "auto" }}>
            <table className="table" aria-label="Grid search">
              <thead>
                <tr>
                  <th className="num">Step</th>
                  <th>Group</th>
                  <th>Value</th>
                  <th className="num">Integrated F1</th>
                  <th className="num">Accuracy</th>
                  <th className="num">Val. loss</th>
                  <th className="num">Epochs</th>
                </tr>
              </thead>
              <tbody>
                {grid.rows.map((r, i) => (
                  <tr key={i} style={r.chosen ? { fontWeight: 600 } : undefined}>
                    <td className="num">{r.step}</td>
                    <td>{r.group}</td>
                    <td className="mono">
                      {r.value}
                      {r.chosen ? " ✓" : ""}
                    </td>
                    <td className="num">{formatNumber(r.integratedF1, 3)}</td>
                    <td className="num">{formatNumber(r.accuracy, 3)}</td>
                    <td className="num">{formatNumber(r.valLoss, 3)}</td>
                    <td className="num">{r.epochs}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : null}
    </>
  );
}
