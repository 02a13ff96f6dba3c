"use client";
// The run page's bicluster table with each bicluster's most significant GO terms, loaded after the
// page (the first view of a run computes its enrichment; later views read it back).
import { graphql } from "../../generated/index.ts";
import { useQuery } from "../../lib/graphql/client.ts";
import { BiclusterTable, type BiclusterRow, type TopTerms } from "./BiclusterTable.tsx";

const RunEnrichment = graphql(`
  query RunEnrichment($id: ID!) {
    run(id: $id) {
      id
      enrichment {
        biclusterId
        tested
        library {
          name
        }
        terms(first: 2, maxQValue: 0.05) {
          name
          description
          qValue
        }
      }
    }
  }
`);

export function RunBiclusters({ runId, biclusters }: { runId: string; biclusters: BiclusterRow[] }) {
  const { data, error } = useQuery(RunEnrichment, { id: runId }, { skip: biclusters.length === 0 });
  const terms: TopTerms | null = data ? Object.fromEntries(data.run.enrichment.map((e) => [e.biclusterId, e.terms])) : null;
  // When no set could be tested at all, the gene ids are not the library's (e.g. probe ids): say so once.
  const untestable = data ? data.run.enrichment.length > 0 && data.run.enrichment.every((e) => e.tested === 0) : false;
  const library = data?.run.enrichment[0]?.library.name ?? "the GO library";
  return (
    <>
      {untestable ? (
        <p className="small muted">No gene set of {library} has 10 or more of this dataset&apos;s genes: its gene ids do not look like the library&apos;s (HGNC symbols), so no enrichment is shown.</p>
      ) : null}
      <BiclusterTable biclusters={biclusters} topTerms={error || untestable ? undefined : terms} termsLabel="Top GO terms (q ≤ 0.05)" />
    </>
  );
}
