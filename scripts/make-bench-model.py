#!/usr/bin/python3
# Builds a model with all-MiniLM-L6-v2's shape (6 layers, hidden 384, 12 heads, FFN 1536, 512
# positions) and random weights, for bench/throughput.ts. all-MiniLM-L6-v2 itself cannot be
# downloaded on the build machine; a model of the same shape does the same arithmetic per token,
# so its speed is the speed of the real one (its vectors mean nothing, which a speed test ignores).
#
#     /usr/bin/python3 scripts/make-bench-model.py [OUT_DIR]
#
# OUT_DIR defaults to ~/.cache/semsearch/bench-models; the model lands in
# OUT_DIR/semsearch/minilm-shaped/ (about 90 MB fp32 + 23 MB q8, so it is not checked in):
#   onnx/model.onnx            fp32
#   onnx/model_quantized.onnx  q8 as the sentence-transformers exports run it: int8 weights, inputs
#                              quantised at run time (DynamicQuantizeLinear + MatMulInteger)
# The graph and tokenizer come from make-tiny-model.py; the tokenizer's small vocabulary maps each
# unknown word to one [UNK] token, so a chunk costs about one token per word and punctuation mark.
import importlib.util
import os
import sys

import onnx

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("tiny", os.path.join(HERE, "make-tiny-model.py"))
tiny = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tiny)

# all-MiniLM-L6-v2's config.json.
tiny.HIDDEN, tiny.LAYERS, tiny.HEADS, tiny.INTERMEDIATE, tiny.MAX_POS = 384, 6, 12, 1536, 512
tiny.HEAD_DIM = tiny.HIDDEN // tiny.HEADS
tiny.COMMAND = "/usr/bin/python3 scripts/make-bench-model.py"


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.cache/semsearch/bench-models")
    model_dir = os.path.join(out, "semsearch", "minilm-shaped")
    w = tiny.make_weights()
    qw = tiny.quantize(w)
    tiny.write_model_folder(model_dir)
    onnx.save(tiny.build_graph(w), os.path.join(model_dir, "onnx", "model.onnx"))
    onnx.save(tiny.build_graph(w, qw, dynamic=True), os.path.join(model_dir, "onnx", "model_quantized.onnx"))
    for name in ["model.onnx", "model_quantized.onnx"]:
        print(f"wrote {os.path.join(model_dir, 'onnx', name)} ({os.path.getsize(os.path.join(model_dir, 'onnx', name)):,} bytes)")


if __name__ == "__main__":
    main()
