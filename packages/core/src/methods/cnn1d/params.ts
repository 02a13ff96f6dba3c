// 1D-CNN parameters: the grid of the ordered search (each list restricts one hyperparameter
// group; the published space is the default) and the training settings.
import { z } from "zod";
import { classifyCommonParams } from "../../classify/params.ts";
import { CONV_ACTIVATIONS, DENSE_ACTIVATIONS, OUTPUT_ACTIVATIONS } from "../../classify/network.ts";

const list = <T extends readonly [string, ...string[]]>(values: T, label: string, help: string) =>
  z
    .array(z.enum(values))
    .min(1)
    .max(values.length)
    .default([...values])
    .meta({ label, help, group: "advanced" });

export const POOL_SIZES = ["2", "3"] as const;
export const DENSE_SIZES = ["32", "64", "128", "256"] as const;
export const KERNEL_SIZES = ["3", "5", "7"] as const;
export const FILTER_COUNTS = ["8", "16", "32", "64"] as const;

export const trainingParams = {
  epochs: z.number().int().min(1).max(1000).default(50).meta({ label: "Maximum epochs", help: "Training stops earlier when the validation loss stops improving", group: "main", unit: "epochs" }),
  batchSize: z.number().int().min(1).max(1024).default(16).meta({ label: "Batch size", help: "Samples per gradient step", group: "advanced" }),
  learningRate: z.number().min(1e-6).max(1).default(0.001).meta({ label: "Learning rate", help: "Adam learning rate", group: "advanced" }),
  patience: z.number().int().min(0).max(200).default(8).meta({ label: "Early-stopping patience", help: "Epochs without a lower validation loss before stopping (0: train all epochs)", group: "advanced", unit: "epochs" }),
  validationFraction: z
    .number()
    .min(0.1)
    .max(0.5)
    .default(0.2)
    .meta({ label: "Validation fraction", help: "Share of the training samples held out for early stopping and model choice (80/20 by default)", group: "advanced" }),
};

export const cnn1dParamsSchema = z.object({
  outputActivations: list(OUTPUT_ACTIVATIONS, "Output activations", "Output-layer activations the grid search tries (published: softmax, softplus, softsign, swish)"),
  denseActivations: list(DENSE_ACTIVATIONS, "Dense activations", "Dense-layer activations the grid search tries"),
  convActivations: list(CONV_ACTIVATIONS, "Convolution activations", "Convolution activations the grid search tries"),
  poolSizes: list(POOL_SIZES, "Max-pooling sizes", "Max-pooling window sizes the grid search tries"),
  denseSizes: list(DENSE_SIZES, "Dense sizes", "Dense-layer widths the grid search tries (published range 32-256)"),
  kernelSizes: list(KERNEL_SIZES, "Kernel sizes", "Convolution kernel sizes (genes per window) the grid search tries"),
  filterCounts: list(FILTER_COUNTS, "Filter counts", "Convolution filter counts the grid search tries (published range 8-64)"),
  ...trainingParams,
  ...classifyCommonParams,
});

export type Cnn1dParams = z.output<typeof cnn1dParamsSchema>;
