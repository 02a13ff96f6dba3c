// Backend selection. "kernel" is the fused WebAssembly SIMD LSTM of src/lstm/kernel (no tfjs);
// the others are tfjs backends: "tensorflow" (@tensorflow/tfjs-node, native libtensorflow; not a
// dependency: imported dynamically when the user installed it), "wasm" (@tensorflow/tfjs-backend-wasm)
// and "cpu" (pure JS). Order for "auto": tensorflow, kernel, wasm, cpu. The chosen backend and
// why others were skipped are reported, never silent.
import * as tf from "@tensorflow/tfjs";
import { kernelModule } from "./kernel/instance.ts";

export type BackendName = "tensorflow" | "kernel" | "wasm" | "cpu";
export type BackendPreference = "auto" | BackendName;
/** The tfjs backends (everything but the kernel). */
export type TfjsBackendName = Exclude<BackendName, "kernel">;

export interface BackendInfo {
  /** Backend in use after selection. */
  name: BackendName;
  /** What was asked for. */
  requested: BackendPreference;
  /** Each backend tried, in order, with the reason it was not used. */
  attempts: { name: BackendName; ok: boolean; error?: string }[];
}

// Package names held in variables so bundlers/tsc do not try to resolve an optional dependency.
const TFJS_NODE = "@tensorflow/tfjs-node";

async function tryRegister(name: BackendName): Promise<void> {
  if (name === "kernel") {
    // Compiling validates the module: fails where WebAssembly SIMD is unsupported.
    kernelModule();
    return;
  }
  if (name === "tensorflow") {
    await import(/* @vite-ignore */ TFJS_NODE);
  } else if (name === "wasm") {
    // The Node build of tfjs-backend-wasm locates its .wasm files beside its own dist file, so
    // no setWasmPaths call is needed in Node (checked with 4.22); browsers must call setWasmPaths.
    await import("@tensorflow/tfjs-backend-wasm");
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tf.setBackend("${name}") returned false`);
  await tf.ready();
}

const cache = new Map<BackendPreference, Promise<BackendInfo>>();

function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split("\n")[0]!.slice(0, 200);
}

async function select(requested: BackendPreference, tfjsOnly = false): Promise<BackendInfo> {
  const order: BackendName[] = requested === "auto" ? (tfjsOnly ? ["tensorflow", "wasm", "cpu"] : ["tensorflow", "kernel", "wasm", "cpu"]) : [requested];
  const attempts: BackendInfo["attempts"] = [];
  for (const name of order) {
    try {
      await tryRegister(name);
      attempts.push({ name, ok: true });
      return { name, requested, attempts };
    } catch (err) {
      attempts.push({ name, ok: false, error: message(err) });
    }
  }
  throw new Error(`no LSTM backend available: ${attempts.map((a) => `${a.name}: ${a.error ?? "?"}`).join("; ")}`);
}

/**
 * Selects (once per process and preference) the fastest available backend and returns what was
 * chosen. tfjs has one global backend: when another preference switched it since, it is set again.
 */
export async function selectBackend(requested: BackendPreference = "auto"): Promise<BackendInfo> {
  let pending = cache.get(requested);
  if (!pending) {
    pending = select(requested);
    cache.set(requested, pending);
    pending.catch(() => cache.delete(requested));
  }
  const info = await pending;
  if (info.name !== "kernel" && tf.getBackend() !== info.name) await tryRegister(info.name);
  return info;
}

const tfjsCache = new Map<BackendPreference, Promise<BackendInfo>>();

/**
 * A tfjs backend for networks written with tfjs ops (the RNN baseline, the classifiers): as
 * selectBackend, but "auto" never picks the LSTM kernel (tensorflow, then wasm, then cpu).
 */
export async function selectTfjsBackend(requested: BackendPreference = "auto"): Promise<BackendInfo> {
  if (requested === "kernel") throw new Error("the kernel runs only the LSTM; choose a tfjs backend (auto, tensorflow, wasm, cpu)");
  let pending = tfjsCache.get(requested);
  if (!pending) {
    pending = select(requested, true);
    tfjsCache.set(requested, pending);
    pending.catch(() => tfjsCache.delete(requested));
  }
  const info = await pending;
  if (tf.getBackend() !== info.name) await tryRegister(info.name);
  return info;
}
