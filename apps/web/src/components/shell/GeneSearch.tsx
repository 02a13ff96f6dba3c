"use client";
// "Find a gene" in the top bar: suggestions from the team's datasets, biclusters and annotations.
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { graphql } from "../../generated/index.ts";
import { gql } from "../../lib/graphql/client.ts";

const GeneSearchQuery = graphql(`
  query GeneSearch($teamId: ID!, $query: String!) {
    geneSearch(teamId: $teamId, query: $query, limit: 12) {
      gene
      biclusterCount
      annotation {
        status
      }
    }
  }
`);

export function GeneSearch({ teamId }: { teamId: string }) {
  const router = useRouter();
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<{ gene: string; biclusterCount: number; annotation?: { status: string } | null }[]>([]);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setHits([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      gql(GeneSearchQuery, { teamId, query: q }, controller.signal).then(
        (r) => setHits(r.geneSearch),
        () => setHits([]),
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, teamId]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const q = query.trim();
    if (!q) return;
    const exact = hits.find((h) => h.gene.toLowerCase() === q.toLowerCase());
    router.push(`/genes/${encodeURIComponent(exact?.gene ?? hits[0]?.gene ?? q)}?team=${teamId}`);
    setQuery("");
  }

  return (
    <form onSubmit={onSubmit} role="search" className="gene-search">
      <input
        type="search"
        aria-label="Find a gene"
        placeholder="Find a gene…"
        list="gene-search-hits"
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        autoComplete="off"
      />
      <datalist id="gene-search-hits">
        {hits.map((h) => (
          <option key={h.gene} value={h.gene}>
            {h.biclusterCount} bicluster{h.biclusterCount === 1 ? "" : "s"}
            {h.annotation ? ` · ${h.annotation.status.toLowerCase()}` : ""}
          </option>
        ))}
      </datalist>
    </form>
  );
}
