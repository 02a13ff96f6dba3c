"use client";
// Heatmap (member genes x the bicluster's conditions, or all conditions) and member profiles.
import { useMemo, useState } from "react";
import { Heatmap, ProfilePlot } from "../charts/index.tsx";

export interface BiclusterChartsProps {
  conditions: string[];
  conditionIndices: number[];
  profiles: { gene: string; zscores: (number | null)[] }[];
  meanProfile: number[];
  name: string;
}

export function BiclusterCharts({ conditions, conditionIndices, profiles, meanProfile, name }: BiclusterChartsProps) {
  const [allConditions, setAllConditions] = useState(false);
  const heat = useMemo(() => {
    const cols = allConditions ? conditions.map((_, i) => i) : [...conditionIndices].sort((a, b) => a - b);
    return {
      columns: cols.map((j) => conditions[j] ?? String(j)),
      rows: profiles.map((p) => p.gene),
      values: profiles.map((p) => cols.map((j) => p.zscores[j] ?? null)),
    };
  }, [allConditions, conditions, conditionIndices, profiles]);
  const lines = useMemo(() => profiles.map((p) => ({ name: p.gene, values: p.zscores })), [profiles]);

  return (
    <div className="grid-2" style={{ alignItems: "start" }}>
      <section className="card" aria-label="Heatmap">
        <div className="card-header">
          <h2>Heatmap</h2>
          <label className="small row" style={{ gap: "0.35rem" }}>
            <input type="checkbox" checked={allConditions} onChange={(e) => setAllConditions(e.currentTarget.checked)} />
            Show all conditions
          </label>
        </div>
        <Heatmap
          rows={heat.rows}
          columns={heat.columns}
          values={heat.values}
          valueLabel="z-score"
          label={`Heatmap of ${name}: ${heat.rows.length} genes by ${heat.columns.length} conditions`}
        />
      </section>
      <section className="card" aria-label="Member profiles">
        <div className="card-header">
          <h2>Member profiles</h2>
        </div>
        <ProfilePlot
          columns={conditions}
          profiles={lines}
          mean={meanProfile}
          highlight={conditionIndices}
          label={`Expression profiles of the ${profiles.length} member genes of ${name} with the mean profile`}
        />
      </section>
    </div>
  );
}
