// USE Lite's SentencePiece tokenizer: the unigram Viterbi of @energetic-ai/embeddings (Apache-2.0,
// after tfjs-models' universal-sentence-encoder), ported so that the ONNX path does not load TF.js.
// It must give the same ids as the original: test/unit/bundled-onnx.test.ts compares the vectors
// of both paths, and so their tokenisation too.
import type { ReadExtent } from "../provider";

const SEPARATOR = "\u2581";
/** Ids 0..5 are <unk>, <s>, </s> and three extra tokens: never matched against text. */
const RESERVED = 6;

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Set when a piece ends here. */
  piece?: { length: number; score: number; id: number };
}

export class UseLiteTokenizer {
  private readonly root: TrieNode = { children: new Map() };
  private readonly lengths: number[];

  constructor(vocabulary: [string, number][]) {
    this.lengths = vocabulary.map(([piece]) => [...piece].length);
    for (let id = RESERVED; id < vocabulary.length; id++) {
      const [piece, score] = vocabulary[id];
      let node = this.root;
      for (const symbol of piece) {
        let next = node.children.get(symbol);
        if (!next) node.children.set(symbol, (next = { children: new Map() }));
        node = next;
      }
      node.piece = { length: this.lengths[id], score, id };
    }
  }

  encode(input: string): number[] {
    return this.pieces(input).ids;
  }

  /**
   * How much of `input` a model that reads its first `limit` tokens reads; `original` is the text
   * `input` was made from, when the model is given a rewritten one. The characters (of `original`)
   * are exact when the model reads the text as it is and NFKC leaves it so (each symbol is then one
   * code point of it, a space one U+2581), and in proportion to the tokens otherwise.
   */
  readExtent(input: string, limit: number, original = input): ReadExtent {
    const { ids, spans, symbols } = this.pieces(input);
    const tokens = ids.length;
    if (tokens <= limit) return { tokens, readTokens: tokens, readChars: original.length, approximate: false };
    const end = spans[limit - 1][1];
    // symbols[0] is the separator the tokenizer puts in front of every text.
    if (original === input && input.normalize("NFKC") === input) return { tokens, readTokens: limit, readChars: symbols.slice(1, end).join("").length, approximate: false };
    return { tokens, readTokens: limit, readChars: Math.round((original.length * limit) / tokens), approximate: true };
  }

  /**
   * The ids of `input` and where each sits: `symbols` is the text as the model segments it (NFKC,
   * spaces as U+2581, one U+2581 in front), and token i covers symbols[spans[i][0], spans[i][1]).
   * For cutting a long text into windows of whole tokens (./windows.ts).
   */
  pieces(input: string): { ids: number[]; spans: [number, number][]; symbols: string[] } {
    const normalized = input.normalize("NFKC");
    const symbols = normalized.length > 0 ? [...(SEPARATOR + normalized.replace(/ /g, SEPARATOR))] : [];
    const n = symbols.length;
    // best[end]: the best score of a segmentation of symbols[0, end); words[end]: its last piece.
    // As in the original, 0 doubles as "unset" and ties go to the later candidate.
    const best = new Array<number>(n + 1).fill(0);
    const words = new Array<number>(n + 1).fill(0);
    // Candidates grouped by end, then by start in increasing order (the original's iteration order).
    const ending: { start: number; score: number; id: number }[][] = Array.from({ length: n + 1 }, () => []);
    for (let i = 0; i < n; i++) {
      let node = this.root.children.get(symbols[i]);
      let matched = false;
      for (let j = i; j < n && node; j++) {
        if (node.piece) {
          ending[j + 1].push({ start: i, score: node.piece.score, id: node.piece.id });
          matched = true;
        }
        node = node.children.get(symbols[j + 1]);
      }
      // An unknown symbol: <unk> (id 0, score 0) for that one symbol.
      if (!matched) ending[i + 1].push({ start: i, score: 0, id: 0 });
    }
    for (let end = 0; end <= n; end++) {
      ending[end].sort((a, b) => a.start - b.start);
      for (const c of ending[end]) {
        const score = c.score + best[c.start];
        if (best[end] === 0 || score >= best[end]) {
          best[end] = score;
          words[end] = c.id;
        }
      }
    }
    const reversed: { id: number; start: number; end: number }[] = [];
    for (let at = n; at > 0; ) {
      const start = at - (words[at] === 0 ? 1 : this.lengths[words[at]]);
      reversed.push({ id: words[at], start, end: at });
      at = start;
    }
    // Runs of <unk> become one (covering all of their symbols).
    const ids: number[] = [];
    const spans: [number, number][] = [];
    let previousUnk = false;
    for (const { id, start, end } of reversed) {
      if (previousUnk && id === 0) spans[spans.length - 1][0] = start;
      else {
        ids.push(id);
        spans.push([start, end]);
      }
      previousUnk = id === 0;
    }
    return { ids: ids.reverse(), spans: spans.reverse(), symbols };
  }
}
