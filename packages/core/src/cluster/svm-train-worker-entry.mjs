// Entry of the SVM training worker thread: register tsx's ESM hooks (a worker starts without the
// parent's loader), then import the TypeScript worker. Works under vitest, tsx and plain node.
import { register } from "tsx/esm/api";

register();
await import("./svm-train-worker.ts");
