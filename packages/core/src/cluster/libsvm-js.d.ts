// Minimal types for libsvm-js 0.2 (the package ships none). `libsvm-js/wasm` exports a promise of
// the SVM class (the wasm module loads asynchronously).
declare module "libsvm-js/wasm" {
  export interface SvmOptions {
    type?: string;
    kernel?: string;
    gamma?: number;
    cost?: number;
    probabilityEstimates?: boolean;
    quiet?: boolean;
    cacheSize?: number;
    tolerance?: number;
    shrinking?: boolean;
  }
  export interface ProbabilityPrediction {
    prediction: number;
    estimates: { label: number; probability: number }[];
  }
  export interface SvmInstance {
    train(samples: number[][], labels: number[]): void;
    predictOne(sample: number[]): number;
    predict(samples: number[][]): number[];
    predictOneProbability(sample: number[]): ProbabilityPrediction;
    getLabels(): number[];
    getSVIndices(): number[];
    serializeModel(): string;
    free(): void;
  }
  export interface SvmClass {
    new (options?: SvmOptions): SvmInstance;
    load(serialized: string): SvmInstance;
    SVM_TYPES: Record<"C_SVC" | "NU_SVC" | "ONE_CLASS" | "EPSILON_SVR" | "NU_SVR", string>;
    KERNEL_TYPES: Record<"LINEAR" | "POLYNOMIAL" | "RBF" | "SIGMOID" | "PRECOMPUTED", string>;
  }
  const svm: Promise<SvmClass>;
  export default svm;
}
