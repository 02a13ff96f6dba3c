"use client";
// A regression run's result: every regressor's test scores against the mean predictor, CV on the
// training rows, a parity plot (actual vs predicted) and permutation importance of the chosen model.
import { useState } from "react";
import { BarPlot, ScatterPlot } from "../charts/index.tsx";
import { graphql } from "../../generated/index.ts";
import type { RegressResultViewFragment } from "../../generated/graphql.ts";
import { formatInt, formatNumber } from "../../lib/format.ts";
import { Card } from "../ui.tsx";

export const RegressResultView = graphql(`
  fragment RegressResultView on RegressRunResult {
    target
    features
    leaking
    rows
    trainRows
    best
    excluded {
      column
      reason
    }
    baseline {
      r2
      mse
      rmse
    }
    testRows
    testActual
    models {
      name
      label
      metrics {
        r2
        mse
        rmse
      }
      cvFolds
      cvR2 {
        mean
        sd
      }
      importance {
        feature
        mean
        sd
      }
      predicted
    }
  }
`);

export function RegressResult({ result }: { result: RegressResultViewFragment }) {
  const [chosen, setChosen] = useState(result.best);
  const model = result.models.find((m) => m.name === chosen) ?? result.models[0];
  return (
    <>
      <Card title={`Predicting ${result.target}`}>
        <p className="small muted">
          {formatInt(result.rows)} genes: {formatInt(result.trainRows)} for training (with {result.models[0]?.cvFolds ?? 0}-fold CV), the rest held out for the test
          scores. Features: {result.features.join(", ")}.
          {result.excluded.length ? ` Left out: ${result.excluded.map((e) => `${e.column} (${e.reason})`).join("; ")}.` : ""}
        </p>
        <div className="table-wrap">
          <table className="table" aria-label="Regressors">
            <thead>
              <tr>
                <th>Model</th>
                <th className="num">Test R²</th>
                <th className="num">Test RMSE</th>
                <th className="num">Test MSE</th>
                <th className="num">CV R² (mean ± sd)</th>
              </tr>
            </thead>
            <tbody>
              {result.models.map((m) => (
                <tr key={m.name} style={m.name === result.best ? { fontWeight: 600 } : undefined}>
                  <td>
                    {m.label}
                    {m.name === result.best ? " (best)" : ""}
                  </td>
                  <td className="num">{formatNumber(m.metrics.r2, 3)}</td>
                  <td className="num">{formatNumber(m.metrics.rmse, 3)}</td>
                  <td className="num">{formatNumber(m.metrics.mse, 3)}</td>
                  <td className="num">
                    {formatNumber(m.cvR2.mean, 3)} ± {formatNumber(m.cvR2.sd, 3)}
                  </td>
                </tr>
              ))}
              <tr className="muted">
                <td>Mean predictor (baseline)</td>
                <td className="num">{formatNumber(result.baseline.r2, 3)}</td>
                <td className="num">{formatNumber(result.baseline.rmse, 3)}</td>
                <td className="num">{formatNumber(result.baseline.mse, 3)}</td>
                <td className="num">–</td>
              </tr>
            </tbody>
          </table>
        </div>
      </Card>
      {model ? (
        <div className="grid-2" style={{ alignItems: "start" }}>
          <Card
            title="Parity plot (test genes)"
            actions={
              <label className="small">
                Model{" "}
                <select value={model.name} onChange={(e) => setChosen(e.currentTarget.value)} aria-label="Model of the parity plot">
                  {result.models.map((m) => (
                    <option key={m.name} value={m.name}>
                      {m.label}
                    </option>
                  ))}
                </select>
              </label>
            }
          >
            <ScatterPlot
              groups={[{ name: model.label, color: "#2456c9", points: result.testActual.map((y, i) => ({ x: y, y: model.predicted[i] ?? Number.NaN, label: result.testRows[i] ?? "" })) }]}
              xLabel={`actual ${result.target}`}
              yLabel={`predicted ${result.target}`}
              identity
              label={`Actual against predicted ${result.target} for ${model.label}`}
            />
          </Card>
          <Card title={`Feature importance (${model.label})`}>
            <BarPlot
              categories={model.importance.map((f) => f.feature)}
              series={[{ name: "R² drop when shuffled", values: model.importance.map((f) => f.mean), errors: model.importance.map((f) => f.sd) }]}
              valueLabel="R² drop"
              horizontal
              label={`Permutation importance of each feature for ${model.label}`}
            />
          </Card>
        </div>
      ) : null}
    </>
  );
}
