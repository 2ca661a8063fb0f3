// The calling thread's way to the inspector's worker jobs: through the process's one embedding
// worker (worker-host), in the query lane so that a journey does not wait behind indexing.
import type { ModelSpec } from "../embedding/model-spec";
import { embedClient } from "../embedding/worker-host";
import type { Trace } from "./trace";

export async function traceText(spec: ModelSpec, text: string, dtype?: "q8" | "fp32"): Promise<Trace> {
  const reply = await embedClient().send({ type: "inspect", job: { kind: "trace", spec, text, dtype } }, "query");
  if (reply.type === "inspected") return reply.result;
  throw new Error(reply.type === "failed" ? reply.message : `unexpected reply ${reply.type}`);
}
