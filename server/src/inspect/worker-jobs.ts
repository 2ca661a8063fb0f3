// The inspector's side of the embedding worker: runs a model with its intermediate outputs
// exposed. Called from embed-worker.ts, the one thread that may load onnxruntime-node.
import { locateModel } from "./model-files";
import { traceOnnx } from "./onnx-journey";
import { traceTfjs } from "./tfjs-journey";
import type { InspectJob, Trace } from "./trace";

export async function runInspectJob(job: InspectJob): Promise<Trace> {
  if (!job.text.trim()) throw new Error("the text is empty");
  const location = locateModel(job.spec);
  return location.kind === "onnx" ? traceOnnx(location, job.text, job.dtype) : traceTfjs(location, job.text);
}

/** The buffers of a trace, to transfer rather than copy back to the caller. */
export function traceBuffers(trace: Trace): ArrayBuffer[] {
  const arrays = [...trace.tokenStops, ...trace.sentenceStops, ...(Array.isArray(trace.attention) ? trace.attention : [])].map((s) => s.data);
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
