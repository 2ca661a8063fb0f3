// A small seeded PRNG (mulberry32), so a run can be repeated exactly with `--seed N`.
import { rng as mulberry32 } from "../../bench/lib/synthetic";

export type Rng = () => number;

/** The benchmarks' generator (bench/lib/synthetic.ts): one mulberry32 for the whole repository. */
export const rngFrom: (seed: number) => Rng = mulberry32;

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
export const between = (rng: Rng, lo: number, hi: number): number => lo + rng() * (hi - lo);
