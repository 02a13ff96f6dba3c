// Worker thread of svm-trainer.ts: trains C-SVC models (no probability estimates) with its own
// libsvm-js instance and returns each serialized model with its support-vector indices.
import { parentPort } from "node:worker_threads";
import { loadSvm } from "./svm.ts";
import { trainModel, type TrainReply, type TrainRequest } from "./svm-trainer.ts";

const port = parentPort!;
const svm = loadSvm();

port.on("message", (req: TrainRequest) => {
  void (async () => {
    let reply: TrainReply;
    try {
      reply = { id: req.id, ok: true, model: trainModel(await svm, req.rows, req.dim, req.labels, req.gamma, req.cost) };
    } catch (err) {
      reply = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply);
  })();
});
