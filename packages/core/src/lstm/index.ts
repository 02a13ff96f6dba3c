// Public exports of src/lstm: tfjs backend selection and the LSTM forecaster/encoder.
export { selectBackend, selectTfjsBackend } from "./backend.ts";
export type { BackendInfo, BackendName, BackendPreference } from "./backend.ts";
export { toSequences, subsetSequences, trainingWindow } from "./sequences.ts";
export type { Sequences } from "./sequences.ts";
export { LstmEncoder, LSTM_DEFAULTS } from "./encoder.ts";
export type {
  LstmEncoderOptions,
  LstmEncoderJson,
  LstmFitReport,
  EpochEvent,
  TrainControl,
  EmbedControl,
} from "./encoder.ts";
