#!/usr/bin/python3
# Builds the tiny test model (make-tiny-model.py: 2 layers, hidden 16, 2 heads, same weights and
# tokenizer) with its q8 graph written the way all-MiniLM-L6-v2's q8 export is: int8 weights and
# inputs quantised at run time (DynamicQuantizeLinear + MatMulInteger), which is the graph the
# attention fusion (server/src/embedding/graph-fusion/) rewrites. The weight-only q8 of the tiny
# model does not have that shape, and the MiniLM-shaped bench model (make-bench-model.py) is too
# large to check in.
#
#     /usr/bin/python3 scripts/make-tiny-dynamic-model.py
#
# Writes (checked in as test fixtures):
#   test/fixtures/tiny-model/semsearch/tiny-bert-dynamic/{config,tokenizer,tokenizer_config}.json
#   test/fixtures/tiny-model/semsearch/tiny-bert-dynamic/onnx/model_quantized.onnx
import importlib.util
import os

import onnx

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("tiny", os.path.join(HERE, "make-tiny-model.py"))
tiny = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tiny)


def main():
    model_dir = os.path.join(tiny.FIXTURE_DIR, "semsearch", "tiny-bert-dynamic")
    w = tiny.make_weights()
    qw = tiny.quantize(w)
    tiny.write_model_folder(model_dir)
    path = os.path.join(model_dir, "onnx", "model_quantized.onnx")
    onnx.save(tiny.build_graph(w, qw, dynamic=True), path)
    print(f"wrote {os.path.relpath(path, tiny.ROOT)} ({os.path.getsize(path):,} bytes)")


if __name__ == "__main__":
    main()
