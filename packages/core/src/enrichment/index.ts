// Public exports of src/enrichment: GMT libraries, hypergeometric over-representation, BH q-values.
export type { GeneSet, GmtReport, ParseGmtOptions } from "./gmt.ts";
export type { EnrichmentOptions, EnrichmentResult, EnrichmentTerm, PreparedGeneSets } from "./enrich.ts";
export { parseGmt } from "./gmt.ts";
export { lnGamma, lnChoose, lnHypergeometricPmf, hypergeometricUpperTail } from "./hypergeometric.ts";
export { prepareGeneSets, enrichPrepared, enrichGeneSets, enrichBiclusters } from "./enrich.ts";
export type { GeneSetLibraryInfo } from "./library.ts";
export { readGmt, loadGeneSetLibrary, GENE_SET_LIBRARIES } from "./library.ts";
