"use client";
// Gene-set enrichment of one bicluster: the library to test against (the built-in GO biological
// processes or one of the team's), the terms with their q-values, overlap genes and fold
// enrichment, and a CSV of them. Computed by the API on first view, then kept.
import Link from "next/link";
import { useState } from "react";
import { graphql } from "../../generated/index.ts";
import { formatNumber, formatPValue } from "../../lib/format.ts";
import { useQuery } from "../../lib/graphql/client.ts";
import { describeError } from "../../lib/graphql/errors.ts";
import { Alert, Empty, Loading } from "../ui.tsx";

const Libraries = graphql(`
  query EnrichmentLibraries($teamId: ID!) {
    geneSetLibraries(teamId: $teamId) {
      id
      name
      builtIn
      setCount
    }
  }
`);

const Enrichment = graphql(`
  query BiclusterEnrichment($id: ID!, $libraryId: ID) {
    bicluster(id: $id) {
      id
      enrichment(libraryId: $libraryId) {
        universeSize
        queryInUniverse
        tested
        seconds
        library {
          id
          name
          source
        }
        terms(first: 100) {
          name
          description
          setSize
          setSizeInUniverse
          overlap
          overlapGenes
          expected
          foldEnrichment
          pValue
          qValue
        }
      }
    }
  }
`);

const Q_CUTOFF = 0.05;

export function EnrichmentPanel({ biclusterId, teamId }: { biclusterId: string; teamId: string }) {
  const [libraryId, setLibraryId] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const libraries = useQuery(Libraries, { teamId });
  const result = useQuery(Enrichment, { id: biclusterId, libraryId });
  const e = result.data?.bicluster.enrichment;
  const significant = e ? e.terms.filter((t) => (t.qValue ?? 1) <= Q_CUTOFF) : [];
  const terms = e ? (all ? e.terms : significant) : [];

  return (
    <div className="stack" style={{ gap: "0.75rem" }} data-testid="enrichment">
      <div className="row">
        <label className="small row" style={{ gap: "0.35rem" }}>
          Library
          <select
            aria-label="Gene-set library"
            value={libraryId ?? e?.library.id ?? ""}
            onChange={(ev) => setLibraryId(ev.currentTarget.value || null)}
            disabled={!libraries.data}
          >
            {(libraries.data?.geneSetLibraries ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({l.setCount.toLocaleString("en")} sets){l.builtIn ? "" : " · your team's"}
              </option>
            ))}
          </select>
        </label>
        <label className="small row" style={{ gap: "0.3rem" }}>
          <input type="checkbox" checked={all} onChange={(ev) => setAll(ev.currentTarget.checked)} />
          Show all tested terms (top 100), not only q ≤ {Q_CUTOFF}
        </label>
        <span className="spacer" />
        {e ? (
          <a className="btn btn-small" href={`/api/export/biclusters/${biclusterId}/enrichment.csv?library=${e.library.id}`} download>
            Enrichment CSV
          </a>
        ) : null}
        <Link className="small" href="/gene-sets">
          Import a library…
        </Link>
      </div>
      {result.error ? <Alert kind="error">{describeError(result.error)}</Alert> : null}
      {result.loading && !e ? <Loading label="Testing the bicluster's genes against every set…" /> : null}
      {e ? (
        <>
          <p className="small muted" style={{ margin: 0 }}>
            One-sided hypergeometric test of the {e.queryInUniverse.toLocaleString("en")} bicluster genes against {e.tested.toLocaleString("en")} sets of{" "}
            {e.library.name} (sets with 10–500 genes in the dataset); universe: the {e.universeSize.toLocaleString("en")} genes of the dataset;
            q-values by Benjamini–Hochberg over the sets tested. {significant.length} term{significant.length === 1 ? "" : "s"} at q ≤ {Q_CUTOFF}.
          </p>
          {terms.length === 0 ? (
            <Empty title={e.tested === 0 ? "No set could be tested" : `No term at q ≤ ${Q_CUTOFF}`}>
              <p style={{ margin: 0 }}>
                {e.tested === 0
                  ? "No set of this library has 10 or more genes among the dataset's genes (do the gene ids match the library's, e.g. HGNC symbols?)."
                  : "Tick “Show all tested terms” to see the best ones anyway."}
              </p>
            </Empty>
          ) : (
            <div className="table-wrap">
              <table className="table" aria-label="Enriched gene sets">
                <thead>
                  <tr>
                    <th>Term</th>
                    <th className="num" title="Benjamini–Hochberg q-value">q</th>
                    <th className="num" title="Hypergeometric p-value">p</th>
                    <th className="num" title="Genes of the set in the bicluster / genes of the set in the dataset">Overlap</th>
                    <th className="num" title="Observed over expected overlap">Fold</th>
                    <th>Genes in both</th>
                  </tr>
                </thead>
                <tbody>
                  {terms.map((t) => (
                    <tr key={t.name}>
                      <td>
                        <div>{t.description || t.name}</div>
                        <div className="small muted mono">{t.name}</div>
                      </td>
                      <td className="num nowrap">{formatPValue(t.qValue)}</td>
                      <td className="num nowrap">{formatPValue(t.pValue)}</td>
                      <td className="num nowrap">
                        {t.overlap} / {t.setSizeInUniverse}
                      </td>
                      <td className="num">{formatNumber(t.foldEnrichment, 1)}</td>
                      <td className="term-genes">
                        {open === t.name ? t.overlapGenes.join(", ") : t.overlapGenes.slice(0, 8).join(", ")}
                        {t.overlapGenes.length > 8 && open !== t.name ? (
                          <>
                            {" "}
                            <button type="button" className="linklike small" onClick={() => setOpen(t.name)}>
                              +{t.overlapGenes.length - 8} more
                            </button>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </div>
  );
}
