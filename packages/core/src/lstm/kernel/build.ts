// Builds the WebAssembly modules from the AssemblyScript source in packages/core/kernel/assembly
// (`npm run build:kernel -w @exprlab/core`): lstm-kernel.wasm (the fused LSTM) and
// src/cluster/rbf-kernel.wasm (RBF kernel values for the SVM refinement). The compiler is
// deterministic (checked: two builds are byte-identical), so a test rebuilds into a temp dir and
// compares with the committed files.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { RBF_WASM_URL } from "../../cluster/rbf-predictor.ts";
import { KERNEL_WASM_URL } from "./instance.ts";

const require = createRequire(import.meta.url);

const source = (file: string) => fileURLToPath(new URL(`../../../kernel/assembly/${file}`, import.meta.url));

/** Each module: its AssemblyScript entry and the committed .wasm it builds. */
export const KERNEL_TARGETS = [
  { name: "lstm-kernel.wasm", source: source("index.ts"), out: fileURLToPath(KERNEL_WASM_URL) },
  { name: "rbf-kernel.wasm", source: source("rbf.ts"), out: fileURLToPath(RBF_WASM_URL) },
] as const;

/** Compiler flags: SIMD on, no runtime (the kernel manages its own memory), no imports. */
export const ASC_FLAGS = ["--runtime", "stub", "-O3", "--noAssert", "--enable", "simd", "--initialMemory", "1"];

/** Compiles `source` to `outFile` (throws with the compiler's output on errors). */
export function buildWasm(source: string, outFile: string): void {
  const asc = require.resolve("assemblyscript/bin/asc.js");
  execFileSync(process.execPath, [asc, source, "-o", outFile, ...ASC_FLAGS], { stdio: ["ignore", "pipe", "pipe"] });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const t of KERNEL_TARGETS) {
    buildWasm(t.source, t.out);
    console.log(`built ${t.out}`);
  }
}
