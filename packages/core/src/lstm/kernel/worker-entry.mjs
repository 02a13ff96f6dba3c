// Entry of a kernel worker thread. The repository runs TypeScript sources directly (tsx, vitest),
// but a worker thread starts without the parent's loader, so register tsx's ESM hooks here
// before importing the TypeScript worker (works under vitest, tsx and plain node alike).
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
