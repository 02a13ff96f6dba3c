// Entry of an engine worker thread. The engine is TypeScript run from source, so the thread
// registers tsx's loader itself (it does not inherit the parent's loader flags), then loads the
// thread's main module.
import { register } from "tsx/esm/api";

register();
await import("./thread-main.ts");
