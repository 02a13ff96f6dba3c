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
  return <BiclusterTable biclusters={biclusters} topTerms={error ? undefined : terms} termsLabel="Top GO terms (q ≤ 0.05)" />;
}
