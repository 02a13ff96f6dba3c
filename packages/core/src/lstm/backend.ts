// tfjs backend selection. Order for "auto": @tensorflow/tfjs-node ("tensorflow", native
// libtensorflow; not a dependency: it is imported dynamically when the user installed it), then
// @tensorflow/tfjs-backend-wasm ("wasm", installed; ~5x faster than cpu here), then the pure-JS
// "cpu" backend. The chosen backend and why others were skipped are reported, never silent.
import * as tf from "@tensorflow/tfjs";

export type BackendName = "tensorflow" | "wasm" | "cpu";
export type BackendPreference = "auto" | BackendName;

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

let current: Promise<BackendInfo> | undefined;
let currentPreference: BackendPreference | undefined;

function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split("\n")[0]!.slice(0, 200);
}

async function select(requested: BackendPreference): Promise<BackendInfo> {
  const order: BackendName[] = requested === "auto" ? ["tensorflow", "wasm", "cpu"] : [requested];
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
  throw new Error(`no tfjs backend available: ${attempts.map((a) => `${a.name}: ${a.error ?? "?"}`).join("; ")}`);
}

/**
 * Selects (once per process and preference) the fastest available tfjs backend and returns what
 * was chosen. Calling again with the same preference returns the cached answer.
 */
export function selectBackend(requested: BackendPreference = "auto"): Promise<BackendInfo> {
  if (current && currentPreference === requested) return current;
  currentPreference = requested;
  current = select(requested);
  return current;
}
