// Builds lstm-kernel.wasm from the AssemblyScript source in packages/core/kernel/assembly
// (`npm run build:kernel -w @exprlab/core`). The compiler is deterministic (checked: two builds
// are byte-identical), so a test rebuilds into a temp dir and compares with the committed file.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { KERNEL_WASM_URL } from "./instance.ts";

const require = createRequire(import.meta.url);

export const KERNEL_SOURCE = fileURLToPath(new URL("../../../kernel/assembly/index.ts", import.meta.url));

/** Compiler flags: SIMD on, no runtime (the kernel manages its own memory), no imports. */
export const ASC_FLAGS = ["--runtime", "stub", "-O3", "--noAssert", "--enable", "simd", "--initialMemory", "1"];

/** Compiles the kernel to `outFile` (throws with the compiler's output on errors). */
export function buildKernel(outFile: string = fileURLToPath(KERNEL_WASM_URL)): void {
  const asc = require.resolve("assemblyscript/bin/asc.js");
  execFileSync(process.execPath, [asc, KERNEL_SOURCE, "-o", outFile, ...ASC_FLAGS], { stdio: ["ignore", "pipe", "pipe"] });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildKernel();
  console.log(`built ${fileURLToPath(KERNEL_WASM_URL)}`);
}
