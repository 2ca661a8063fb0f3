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
#   test/fixtures/tiny-model/semsearch/tiny-bert-export/...: the same graph with three traits of a
#     real torch.onnx + quantize_dynamic export that the first one lacks: uint8 weights (zero point
#     128), one DynamicQuantizeLinear shared by every product of the same input, and reshape targets
#     computed at run time from the reshaped tensor (Shape, Gather, Concat) instead of constants; and
#     Kᵀ as the head split's transpose then a swap of the last two axes (torch's key.transpose(-1, -2)
#     when the exporter does not merge the two). Its arithmetic is the first graph's exactly.
import importlib.util
import os

import numpy as np
import onnx
from onnx import helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("tiny", os.path.join(HERE, "make-tiny-model.py"))
tiny = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tiny)


def as_export(model):
    """The traits of a real export listed above, in place."""
    g = model.graph
    inits = {t.name: i for i, t in enumerate(g.initializer)}

    def set_init(name, array):
        g.initializer[inits[name]].CopyFrom(numpy_helper.from_array(array, name))

    # uint8 weights: w + 128 with zero point 128 is the same product.
    for node in g.node:
        if node.op_type == "MatMulInteger":
            for name in node.input[1], node.input[3]:
                set_init(name, (numpy_helper.to_array(g.initializer[inits[name]]).astype(np.int16) + 128).astype(np.uint8))
    # One DynamicQuantizeLinear per input tensor, its outputs shared.
    first, rename = {}, {}
    for node in g.node:
        if node.op_type == "DynamicQuantizeLinear":
            if node.input[0] in first:
                rename.update(zip(node.output, first[node.input[0]].output))
            else:
                first[node.input[0]] = node
    nodes = [n for n in g.node if not (n.op_type == "DynamicQuantizeLinear" and first[n.input[0]] is not n)]
    # Reshape targets computed from the reshaped tensor's own shape, as torch's view(x.size()[:-1] + ...) exports.
    consts = {n.output[0]: numpy_helper.to_array(n.attribute[0].t) for n in g.node if n.op_type == "Constant"}
    g.initializer.extend([numpy_helper.from_array(np.array([i], np.int64), f"export_dim{i}") for i in (0, 1)])
    out = []
    for k, node in enumerate(nodes):
        node.input[:] = [rename.get(v, v) for v in node.input]
        if node.op_type == "Reshape" and node.input[1] in consts:
            x, p = node.input[0], f"export_shape{k}"
            tail = numpy_helper.from_array(consts[node.input[1]][2:].astype(np.int64), f"{p}_tail")
            g.initializer.append(tail)
            out += [helper.make_node("Shape", [x], [f"{p}_of"]),
                    helper.make_node("Gather", [f"{p}_of", "export_dim0"], [f"{p}_b"], axis=0),
                    helper.make_node("Gather", [f"{p}_of", "export_dim1"], [f"{p}_s"], axis=0),
                    helper.make_node("Concat", [f"{p}_b", f"{p}_s", tail.name], [f"{p}_target"], axis=0)]
            node.input[1] = f"{p}_target"
        out.append(node)
    # Kᵀ in two steps: the (0,2,3,1) transpose becomes (0,2,1,3) then (0,1,3,2).
    split = []
    for node in out:
        perm = [a for a in node.attribute if a.name == "perm"]
        if node.op_type == "Transpose" and list(perm[0].ints) == [0, 2, 3, 1]:
            heads, swapped = f"{node.output[0]}_heads", node.output[0]
            split += [helper.make_node("Transpose", [node.input[0]], [heads], perm=[0, 2, 1, 3]),
                      helper.make_node("Transpose", [heads], [swapped], perm=[0, 1, 3, 2])]
        else:
            split.append(node)
    out = split
    # The shape constants are no longer read.
    out = [n for n in out if not (n.op_type == "Constant" and n.output[0] in consts and not any(n.output[0] in m.input for m in out))]
    del g.node[:]
    g.node.extend(out)
    return model


def main():
    w = tiny.make_weights()
    qw = tiny.quantize(w)
    for name, graph in [("tiny-bert-dynamic", tiny.build_graph(w, qw, dynamic=True)),
                        ("tiny-bert-export", as_export(tiny.build_graph(w, qw, dynamic=True)))]:
        model_dir = os.path.join(tiny.FIXTURE_DIR, "semsearch", name)
        tiny.write_model_folder(model_dir)
        path = os.path.join(model_dir, "onnx", "model_quantized.onnx")
        onnx.save(graph, path)
        print(f"wrote {os.path.relpath(path, tiny.ROOT)} ({os.path.getsize(path):,} bytes)")


if __name__ == "__main__":
    main()
