// Dataset import: streaming importer (CSV/TSV(.gz)/GCT/GEO series matrix) and the upload route.
export { importDataset, toAppError, withTimes, closeImportPools } from "./import-dataset.ts";
export type { ImportDatasetInput, ImportProgress } from "./import-dataset.ts";
export { createUploadRouter } from "./upload-router.ts";
export type { UploadRouterDeps } from "./upload-router.ts";
