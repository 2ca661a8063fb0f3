#!/usr/bin/python3
# Builds the tiny BERT-shaped test model and its expected outputs.
#
# Exact command (from the repository root; needs Debian's python3-onnx and
# python3-numpy, which is why it names /usr/bin/python3 and not the python3 on PATH):
#
#     /usr/bin/python3 scripts/make-tiny-model.py
#
# Writes (all checked in as test fixtures):
#   test/fixtures/tiny-model/semsearch/tiny-bert/config.json
#   test/fixtures/tiny-model/semsearch/tiny-bert/tokenizer.json
#   test/fixtures/tiny-model/semsearch/tiny-bert/tokenizer_config.json
#   test/fixtures/tiny-model/semsearch/tiny-bert/onnx/model.onnx            (fp32)
#   test/fixtures/tiny-model/semsearch/tiny-bert/onnx/model_quantized.onnx  (q8, see below)
#   test/fixtures/tiny-model/expected.json
#       reference embeddings, and (for the model inspector) the statistics of every weight
#       tensor, the hidden state after each layer and each layer's attention for one sentence
#
# Why: the embedding provider must be tested end to end (tokenizer -> ONNX ->
# pooling -> normalisation) without network access and without a 20 MB real model.
# The graph is a real 2-layer transformer encoder, so masking/padding bugs show up;
# the expected outputs are computed here independently in numpy (float64), not by
# running the ONNX graph, so the test checks transformers.js + onnxruntime against
# an independent implementation.
#
# model_quantized.onnx (what transformers.js loads for dtype "q8") is a real
# weight-only int8 quantisation: every 2-D weight (embedding tables and all MatMul
# weights) is stored as int8 with a per-tensor symmetric scale and expanded at run
# time by DequantizeLinear. Biases and LayerNorm parameters stay fp32. Its outputs
# therefore differ slightly from the fp32 model; expected.json holds both.
#
# Deterministic: fixed seed with numpy's legacy RandomState (its stream is frozen
# across numpy versions), no timestamps in the outputs, sorted JSON keys.

import json
import math
import os
import string
import unicodedata

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

SEED = 20240611
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
FIXTURE_DIR = os.path.join(ROOT, "test", "fixtures", "tiny-model")
MODEL_ID = "semsearch/tiny-bert"
MODEL_DIR = os.path.join(FIXTURE_DIR, *MODEL_ID.split("/"))
COMMAND = "/usr/bin/python3 scripts/make-tiny-model.py"

HIDDEN = 16
LAYERS = 2
HEADS = 2
HEAD_DIM = HIDDEN // HEADS
INTERMEDIATE = 32
MAX_POS = 64
TYPE_VOCAB = 2
LN_EPS = 1e-12
MASK_NEG = -10000.0  # additive mask for padded keys, as in BERT
OPSET = 17  # first opset with LayerNormalization

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
WORDS = [
    "the", "a", "an", "is", "in", "of", "to", "and", "for", "with", "on", "at",
    "home", "eiffel", "tower", "paris", "france", "city",
    "machine", "learning", "model", "search", "semantic", "vector", "index",
    "query", "code", "file", "function", "return", "value", "data", "find",
    "word", "text", "embed",
    "##base", "##s", "##ing", "##ed", "##er", "##ly", "##ding",
    ".", ",", "?", "!", "(", ")", "=", "_",
]
VOCAB = SPECIALS + WORDS
assert len(set(VOCAB)) == len(VOCAB), "duplicate vocabulary entry"
TOKEN_ID = {t: i for i, t in enumerate(VOCAB)}
PAD, UNK, CLS, SEP = (TOKEN_ID[t] for t in ["[PAD]", "[UNK]", "[CLS]", "[SEP]"])

SENTENCES = [
    "the eiffel tower is in paris",
    "paris is home to the tower",
    "machine learning",
    # Upper case, punctuation, "##s"/"##base" pieces and an unknown word ([UNK]).
    "Semantic search finds code, files and functions in the Database (zorp)!",
]
# Longer than MAX_POS tokens: checks truncation keeps [CLS] ... [SEP] at MAX_POS.
LONG_TEXT = " ".join(["the eiffel tower is in paris ."] * 12)
# The seed's sentence, for the layer journey and the attention reference.
JOURNEY_TEXT = "The Eiffel Tower is in Paris."


# ---------------------------------------------------------------- tokenizer
def is_punct(ch):
    # BERT treats all non-alphanumeric ASCII and Unicode P* as punctuation.
    return ch in string.punctuation or unicodedata.category(ch).startswith("P")


def basic_tokenize(text):
    # BertNormalizer(lowercase, strip accents) + BertPreTokenizer, for the
    # ASCII-ish inputs used here.
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    words = []
    for chunk in text.split():
        cur = ""
        for ch in chunk:
            if is_punct(ch):
                if cur:
                    words.append(cur)
                    cur = ""
                words.append(ch)
            else:
                cur += ch
        if cur:
            words.append(cur)
    return words


def wordpiece(word):
    # Greedy longest-match-first; any unmatchable remainder makes the whole word [UNK].
    pieces, start = [], 0
    while start < len(word):
        end, found = len(word), None
        while end > start:
            sub = word[start:end] if start == 0 else "##" + word[start:end]
            if sub in TOKEN_ID:
                found = sub
                break
            end -= 1
        if found is None:
            return ["[UNK]"]
        pieces.append(found)
        start = end
    return pieces


def tokenize(text, max_length=None):
    tokens = [p for w in basic_tokenize(text) for p in wordpiece(w)]
    if max_length is not None and len(tokens) + 2 > max_length:
        # Hugging Face truncation keeps the special tokens: [CLS] + head + [SEP].
        tokens = tokens[: max_length - 2]
    tokens = ["[CLS]"] + tokens + ["[SEP]"]
    return tokens, [TOKEN_ID[t] for t in tokens]


def tokenizer_json():
    def special(tok):
        return {"id": TOKEN_ID[tok], "content": tok, "single_word": False, "lstrip": False,
                "rstrip": False, "normalized": False, "special": True}

    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [special(t) for t in SPECIALS],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                       {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {t: {"id": t, "ids": [TOKEN_ID[t]], "tokens": [t]} for t in ["[CLS]", "[SEP]"]},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": TOKEN_ID},
    }


def tokenizer_config_json():
    return {
        "tokenizer_class": "BertTokenizer",
        "do_lower_case": True,
        "model_max_length": MAX_POS,
        "clean_up_tokenization_spaces": True,
        "pad_token": "[PAD]", "unk_token": "[UNK]", "cls_token": "[CLS]",
        "sep_token": "[SEP]", "mask_token": "[MASK]",
    }


def config_json():
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": len(VOCAB),
        "hidden_size": HIDDEN,
        "num_hidden_layers": LAYERS,
        "num_attention_heads": HEADS,
        "intermediate_size": INTERMEDIATE,
        "hidden_act": "gelu",
        "max_position_embeddings": MAX_POS,
        "type_vocab_size": TYPE_VOCAB,
        "layer_norm_eps": LN_EPS,
        "pad_token_id": PAD,
        "hidden_dropout_prob": 0.0,
        "attention_probs_dropout_prob": 0.0,
    }


# ---------------------------------------------------------------- weights
def make_weights():
    rng = np.random.RandomState(SEED)

    def normal(shape, std):
        return (rng.standard_normal(shape) * std).astype(np.float32)

    def linear(n_in, n_out):
        return normal((n_in, n_out), 1.0 / math.sqrt(n_in)), normal((n_out,), 0.05)

    def layer_norm():
        return 1.0 + normal((HIDDEN,), 0.1), normal((HIDDEN,), 0.1)

    w = {
        "word_emb": normal((len(VOCAB), HIDDEN), 0.5),
        "pos_emb": normal((MAX_POS, HIDDEN), 0.2),
        "type_emb": normal((TYPE_VOCAB, HIDDEN), 0.2),
    }
    w["emb_ln_g"], w["emb_ln_b"] = layer_norm()
    for i in range(LAYERS):
        p = f"l{i}_"
        for name in ["q", "k", "v", "o"]:
            w[p + name + "_w"], w[p + name + "_b"] = linear(HIDDEN, HIDDEN)
        w[p + "attn_ln_g"], w[p + "attn_ln_b"] = layer_norm()
        w[p + "ffn_in_w"], w[p + "ffn_in_b"] = linear(HIDDEN, INTERMEDIATE)
        w[p + "ffn_out_w"], w[p + "ffn_out_b"] = linear(INTERMEDIATE, HIDDEN)
        w[p + "ffn_ln_g"], w[p + "ffn_ln_b"] = layer_norm()
    return w


def quantize(w):
    """Per-tensor symmetric int8 for every 2-D weight; returns {name: (q, scale)}."""
    out = {}
    for name, arr in w.items():
        if arr.ndim == 2:
            scale = np.float32(np.abs(arr).max() / 127.0)
            q = np.clip(np.round(arr / scale), -127, 127).astype(np.int8)
            out[name] = (q, scale)
    return out


def dequantized(w, qw):
    # Same arithmetic as DequantizeLinear in float32: (q - 0) * scale.
    return {n: (qw[n][0].astype(np.float32) * qw[n][1]).astype(np.float32) if n in qw else a
            for n, a in w.items()}


# ---------------------------------------------------------------- numpy reference
_erf = np.vectorize(math.erf)


def ref_layer_norm(x, g, b):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + LN_EPS) * g + b


def ref_forward_trace(w, ids, mask, types):
    """Independent float64 forward pass; ids/mask/types: int arrays [batch, seq].

    Returns (stops, attention): the hidden state after the embeddings and after each layer
    ([batch, seq, hidden] each, LAYERS + 1 of them) and each layer's attention probabilities
    ([batch, heads, seq, seq])."""
    w = {k: v.astype(np.float64) for k, v in w.items()}
    seq = ids.shape[1]
    x = w["word_emb"][ids] + w["pos_emb"][np.arange(seq)][None] + w["type_emb"][types]
    x = ref_layer_norm(x, w["emb_ln_g"], w["emb_ln_b"])
    stops, attention = [x], []
    add_mask = (1.0 - mask.astype(np.float64))[:, None, None, :] * MASK_NEG  # [b,1,1,s]
    for i in range(LAYERS):
        p = f"l{i}_"

        def heads(t):  # [b,s,h] -> [b,heads,s,hd]
            return t.reshape(t.shape[0], seq, HEADS, HEAD_DIM).transpose(0, 2, 1, 3)

        q = heads(x @ w[p + "q_w"] + w[p + "q_b"])
        k = heads(x @ w[p + "k_w"] + w[p + "k_b"])
        v = heads(x @ w[p + "v_w"] + w[p + "v_b"])
        scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(HEAD_DIM) + add_mask
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        probs = scores / scores.sum(-1, keepdims=True)
        attention.append(probs)
        ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(x.shape)
        x = ref_layer_norm(x + ctx @ w[p + "o_w"] + w[p + "o_b"], w[p + "attn_ln_g"], w[p + "attn_ln_b"])
        h = x @ w[p + "ffn_in_w"] + w[p + "ffn_in_b"]
        h = 0.5 * h * (1.0 + _erf(h / math.sqrt(2.0)))
        x = ref_layer_norm(x + h @ w[p + "ffn_out_w"] + w[p + "ffn_out_b"], w[p + "ffn_ln_g"], w[p + "ffn_ln_b"])
        stops.append(x)
    return stops, attention


def ref_forward(w, ids, mask, types):
    return ref_forward_trace(w, ids, mask, types)[0][-1]


def ref_sentence_embedding(hidden, mask):
    # Mean over unmasked tokens, then L2 normalisation (sentence-transformers style).
    m = mask.astype(np.float64)[..., None]
    pooled = (hidden * m).sum(1) / np.maximum(m.sum(1), 1e-9)
    return pooled / np.linalg.norm(pooled, axis=-1, keepdims=True)


# ---------------------------------------------------------------- ONNX graph
# Names follow what torch.onnx / optimum give a Hugging Face BertModel, so that the model
# inspector (server/src/inspect) is tested on the naming it meets in real exports:
# initialisers are the PyTorch parameter names ("encoder.layer.0.attention.self.query.weight"),
# nodes are scoped by module ("/encoder/layer.0/attention/self/Softmax") and a node's output
# is "<node name>_output_0". One difference from a real export: MatMul weights are stored
# [in, out] (as ONNX MatMul reads them), i.e. transposed relative to PyTorch's [out, in].
LAYER_PARTS = {
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "o": "attention.output.dense", "attn_ln": "attention.output.LayerNorm",
    "ffn_in": "intermediate.dense", "ffn_out": "output.dense", "ffn_ln": "output.LayerNorm",
}
TOP_NAMES = {
    "word_emb": "embeddings.word_embeddings.weight",
    "pos_emb": "embeddings.position_embeddings.weight",
    "type_emb": "embeddings.token_type_embeddings.weight",
    "emb_ln_g": "embeddings.LayerNorm.weight",
    "emb_ln_b": "embeddings.LayerNorm.bias",
}


def onnx_name(key):
    """Our short weight key ("l0_attn_ln_g") -> the Hugging Face parameter name."""
    if key in TOP_NAMES:
        return TOP_NAMES[key]
    layer, rest = key[1:].split("_", 1)
    part, kind = rest.rsplit("_", 1)
    return f"encoder.layer.{layer}.{LAYER_PARTS[part]}.{'bias' if kind == 'b' else 'weight'}"


def build_graph(w, qw=None, dynamic=False):
    """Encoder graph. With qw, 2-D weights are int8 initialisers + DequantizeLinear; with
    dynamic=True too, the linear layers instead quantise their input at run time and multiply in
    int8 (DynamicQuantizeLinear + MatMulInteger, as onnxruntime's quantize_dynamic writes them and
    as the q8 exports of sentence-transformers models run), which scripts/make-bench-model.py uses.

    Initialisers are exactly the learned weights: the graph's own constants (shapes, 1/sqrt(d),
    the mask value) are Constant nodes, as in torch exports."""
    nodes, inits = [], []
    used = {}

    def node(op, inputs, scope="", **attrs):
        base = f"{scope}/{op}"
        n = used.get(base, 0)
        used[base] = n + 1
        name = base if n == 0 else f"{base}_{n}"
        out = f"{name}_output_0"
        nodes.append(helper.make_node(op, inputs, [out], name=name, **attrs))
        return out

    def const(name, arr):
        tensor = numpy_helper.from_array(np.asarray(arr), name)
        nodes.append(helper.make_node("Constant", [], [name], name=name, value=tensor))
        return name

    def weight(key):
        name = onnx_name(key)
        if qw is not None and key in qw:
            # onnxruntime's quantiser names: <w>_quantized, <w>_scale, <w>_zero_point.
            q, scale = qw[key]
            inits.append(numpy_helper.from_array(q, name + "_quantized"))
            inits.append(numpy_helper.from_array(np.array(scale, dtype=np.float32), name + "_scale"))
            inits.append(numpy_helper.from_array(np.array(0, dtype=np.int8), name + "_zero_point"))
            out = name + "_dequantized"
            nodes.append(helper.make_node("DequantizeLinear", [name + "_quantized", name + "_scale", name + "_zero_point"],
                                          [out], name=name + "_DequantizeLinear"))
            return out
        inits.append(numpy_helper.from_array(w[key], name))
        return name

    def layer_norm(x, g, b, scope):
        return node("LayerNormalization", [x, weight(g), weight(b)], scope, axis=-1, epsilon=LN_EPS)

    def linear(x, key, scope):
        if dynamic:
            return node("Add", [int8_matmul(x, key + "_w", scope), weight(key + "_b")], scope)
        return node("Add", [node("MatMul", [x, weight(key + "_w")], scope), weight(key + "_b")], scope)

    def int8_matmul(x, key, scope):
        q, scale = qw[key]
        name = onnx_name(key)
        inits.append(numpy_helper.from_array(q, name + "_quantized"))
        inits.append(numpy_helper.from_array(np.array(0, dtype=np.int8), name + "_zero_point"))
        quant = f"{scope}/DynamicQuantizeLinear"
        xq, xs, xz = (f"{quant}_output_{i}" for i in range(3))
        nodes.append(helper.make_node("DynamicQuantizeLinear", [x], [xq, xs, xz], name=quant))
        acc = node("Cast", [node("MatMulInteger", [xq, name + "_quantized", xz, name + "_zero_point"], scope)],
                   scope, to=TensorProto.FLOAT)
        return node("Mul", [acc, node("Mul", [xs, const(name + "_scale", np.array(scale, dtype=np.float32))], scope)], scope)

    const("one_f", np.array(1.0, dtype=np.float32))
    const("mask_neg", np.array(MASK_NEG, dtype=np.float32))
    const("zero_i", np.array(0, dtype=np.int64))
    const("one_i", np.array(1, dtype=np.int64))
    const("axes_12", np.array([1, 2], dtype=np.int64))
    const("shape_heads", np.array([0, 0, HEADS, HEAD_DIM], dtype=np.int64))
    const("shape_hidden", np.array([0, 0, HIDDEN], dtype=np.int64))
    const("sqrt_hd", np.array(math.sqrt(HEAD_DIM), dtype=np.float32))
    const("sqrt2", np.array(math.sqrt(2.0), dtype=np.float32))
    const("half", np.array(0.5, dtype=np.float32))

    # Embeddings: word + position (0..seq-1 via Range) + token type, then LayerNorm.
    e = "/embeddings"
    seq_len = node("Gather", [node("Shape", ["input_ids"], e), "one_i"], e, axis=0)
    positions = node("Range", ["zero_i", seq_len, "one_i"], e)
    x = node("Add", [node("Gather", [weight("word_emb"), "input_ids"], e + "/word_embeddings", axis=0),
                     node("Gather", [weight("pos_emb"), positions], e + "/position_embeddings", axis=0)], e)
    x = node("Add", [x, node("Gather", [weight("type_emb"), "token_type_ids"], e + "/token_type_embeddings", axis=0)], e)
    x = layer_norm(x, "emb_ln_g", "emb_ln_b", e + "/LayerNorm")

    # Additive key mask [batch,1,1,seq]: 0 for real tokens, MASK_NEG for padding.
    mask_f = node("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    add_mask = node("Unsqueeze", [node("Mul", [node("Sub", ["one_f", mask_f]), "mask_neg"]), "axes_12"])

    for i in range(LAYERS):
        p, k_ = f"/encoder/layer.{i}", f"l{i}_"
        att = p + "/attention/self"

        def heads(t, perm=(0, 2, 1, 3)):
            return node("Transpose", [node("Reshape", [t, "shape_heads"], att)], att, perm=list(perm))

        q = heads(linear(x, k_ + "q", att + "/query"))
        k_t = heads(linear(x, k_ + "k", att + "/key"), perm=(0, 2, 3, 1))
        v = heads(linear(x, k_ + "v", att + "/value"))
        # Divided by sqrt(head_dim) as torch.onnx writes it: onnxruntime folds that Div into the MatMul.
        scores = node("Add", [node("Div", [node("MatMul", [q, k_t], att), "sqrt_hd"], att), add_mask], att)
        ctx = node("MatMul", [node("Softmax", [scores], att, axis=-1), v], att)
        ctx = node("Reshape", [node("Transpose", [ctx], att, perm=[0, 2, 1, 3]), "shape_hidden"], att)
        out = p + "/attention/output"
        x = layer_norm(node("Add", [x, linear(ctx, k_ + "o", out + "/dense")], out), k_ + "attn_ln_g", k_ + "attn_ln_b", out + "/LayerNorm")

        h = linear(x, k_ + "ffn_in", p + "/intermediate/dense")
        # Exact (erf) GELU; the Gelu op only exists from opset 20. Written in the order torch.onnx writes
        # BERT's, x * (1 + erf(x / sqrt2)) * 0.5, which onnxruntime's optimizer fuses into one Gelu
        # kernel, as it does for a real all-MiniLM-L6-v2 export: bench/inference-profile.ts measured
        # the other order, left unfused, at about 1.2x the time a call takes (bench/RESULTS.md §5d).
        act = p + "/intermediate/intermediate_act_fn"
        erf_plus_one = node("Add", [node("Erf", [node("Div", [h, "sqrt2"], act)], act), "one_f"], act)
        gelu = node("Mul", [node("Mul", [h, erf_plus_one], act), "half"], act)
        x = layer_norm(node("Add", [x, linear(gelu, k_ + "ffn_out", p + "/output/dense")], p + "/output"),
                       k_ + "ffn_ln_g", k_ + "ffn_ln_b", p + "/output/LayerNorm")

    nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"], name="output"))
    io = lambda name, t, shape: helper.make_tensor_value_info(name, t, shape)
    graph = helper.make_graph(
        nodes, "tiny_bert",
        [io(n, TensorProto.INT64, ["batch", "seq"]) for n in ["input_ids", "attention_mask", "token_type_ids"]],
        [io("last_hidden_state", TensorProto.FLOAT, ["batch", "seq", HIDDEN])],
        initializer=inits,
    )
    model = helper.make_model(graph, producer_name="semsearch make-tiny-model.py",
                              opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8  # onnxruntime-node 1.21 reads IR <= 10
    model.doc_string = f"Tiny random BERT for tests. Generated by: {COMMAND} (seed {SEED})"
    onnx.checker.check_model(model, full_check=True)
    return model


# ---------------------------------------------------------------- outputs
def to_json(obj, level=0):
    # Like json.dumps(indent=2, sort_keys=True) but lists of scalars stay on one
    # line, which keeps the fixtures (rows of floats) small and diffable.
    pad, inner = "  " * level, "  " * (level + 1)
    if isinstance(obj, dict):
        items = [f"{inner}{json.dumps(k)}: {to_json(obj[k], level + 1)}" for k in sorted(obj)]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}" if items else "{}"
    if isinstance(obj, list) and any(isinstance(x, (list, dict)) for x in obj):
        return "[\n" + ",\n".join(inner + to_json(x, level + 1) for x in obj) + "\n" + pad + "]"
    return json.dumps(obj, ensure_ascii=False)


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        f.write(to_json(obj) + "\n")


def rounded(arr, digits=8):
    return np.round(np.asarray(arr, dtype=np.float64), digits).tolist()


def expected_entry(text, weights_by_dtype, max_length=None):
    tokens, ids = tokenize(text, max_length)
    ids_a = np.array([ids], dtype=np.int64)
    mask = np.ones_like(ids_a)
    types = np.zeros_like(ids_a)
    entry = {"text": text, "tokens": tokens, "input_ids": ids, "attention_mask": mask[0].tolist(),
             "token_type_ids": types[0].tolist(), "truncated_to": max_length}
    for dtype, w in weights_by_dtype.items():
        hidden = ref_forward(w, ids_a, mask, types)
        emb = ref_sentence_embedding(hidden, mask)
        entry[dtype] = {"last_hidden_state": rounded(hidden[0]), "embedding": rounded(emb[0])}
    return entry


def weight_stats(weights):
    """What the model inspector reports per weight tensor, computed independently here:
    float64 mean and population standard deviation (numpy's default, ddof=0) of the float32
    values; min, max and the first values exactly as stored."""
    out = []
    for key, arr in weights.items():
        flat = np.asarray(arr, dtype=np.float32).reshape(-1)
        wide = flat.astype(np.float64)
        out.append({"name": onnx_name(key), "shape": list(arr.shape), "total": int(flat.size),
                    "min": float(flat.min()), "max": float(flat.max()),
                    "mean": float(wide.mean()), "std": float(wide.std()),
                    "first_10_values": [float(v) for v in flat[:10]]})
    return out


def journey_entry(text, weights_by_dtype):
    """The hidden state after the embeddings and after each layer (every token's full vector,
    and their mean), plus each layer's attention averaged over heads, [from token][to token]."""
    tokens, ids = tokenize(text)
    ids_a = np.array([ids], dtype=np.int64)
    mask = np.ones_like(ids_a)
    types = np.zeros_like(ids_a)
    entry = {"text": text, "tokens": tokens, "input_ids": ids,
             "stop_names": ["embeddings"] + [f"layer {i + 1}" for i in range(LAYERS)]}
    for dtype, w in weights_by_dtype.items():
        stops, attention = ref_forward_trace(w, ids_a, mask, types)
        entry[dtype] = {
            "stops": [{"hidden": rounded(h[0]), "mean_pooled": rounded(h[0].mean(0))} for h in stops],
            "attention": [rounded(a[0].mean(0)) for a in attention],
            "embedding": rounded(ref_sentence_embedding(stops[-1], mask)[0]),
        }
    return entry


def write_model_folder(model_dir):
    """Creates model_dir/onnx and writes the folder's config and tokenizer files (the ONNX files are the caller's)."""
    os.makedirs(os.path.join(model_dir, "onnx"), exist_ok=True)
    write_json(os.path.join(model_dir, "config.json"), config_json())
    write_json(os.path.join(model_dir, "tokenizer.json"), tokenizer_json())
    write_json(os.path.join(model_dir, "tokenizer_config.json"), tokenizer_config_json())


def main():
    w = make_weights()
    qw = quantize(w)
    write_model_folder(MODEL_DIR)
    onnx.save(build_graph(w), os.path.join(MODEL_DIR, "onnx", "model.onnx"))
    onnx.save(build_graph(w, qw), os.path.join(MODEL_DIR, "onnx", "model_quantized.onnx"))

    weights_by_dtype = {"fp32": w, "q8": dequantized(w, qw)}
    entries = [expected_entry(s, weights_by_dtype) for s in SENTENCES]
    entries.append(expected_entry(LONG_TEXT, weights_by_dtype, max_length=MAX_POS))
    write_json(os.path.join(FIXTURE_DIR, "expected.json"), {
        "generated_by": COMMAND,
        "seed": SEED,
        "model": {
            "id": MODEL_ID,
            "local_model_path": "test/fixtures/tiny-model",
            "hidden_size": HIDDEN,
            "max_position_embeddings": MAX_POS,
            "vocab_size": len(VOCAB),
            "files": {"fp32": "onnx/model.onnx", "q8": "onnx/model_quantized.onnx"},
            "q8_scheme": "weight-only int8, per-tensor symmetric, DequantizeLinear; biases/LayerNorm fp32",
        },
        "pooling": "mean over attention_mask, then L2 normalise",
        # One entry per text; each has the reference outputs for both dtypes.
        "embeddings": entries,
        # Per initialiser of onnx/model.onnx (fp32), and of onnx/model_quantized.onnx with its
        # int8 weights dequantised (scale * q), as the weights summary must report them.
        "weights": {"fp32": weight_stats(w), "q8": weight_stats(weights_by_dtype["q8"]),
                    "total": int(sum(a.size for a in w.values()))},
        # A text's journey through the layers (stop 0 = after the embeddings, stop i = after
        # layer i), with the attention of each layer, for both dtypes.
        "journey": journey_entry(JOURNEY_TEXT, weights_by_dtype),
    })
    for name in ["model.onnx", "model_quantized.onnx"]:
        size = os.path.getsize(os.path.join(MODEL_DIR, "onnx", name))
        print(f"wrote onnx/{name} ({size} bytes)")
    print(f"wrote {len(entries)} expected entries to {os.path.relpath(FIXTURE_DIR, ROOT)}/expected.json")


if __name__ == "__main__":
    main()
