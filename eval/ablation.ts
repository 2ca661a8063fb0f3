// --ablate: the baseline, then each ranking signal the engine exposes switched off alone (one that is
// off by default switched on instead), then all of them off. The switches are read from shared/src/ranking.ts (DEFAULT_RANKING, and
// NO_RANKING_SIGNALS for what "off" means) when the run starts, so a new switch is measured without
// changing the harness; they go into every search as SearchOptions.ranking.
import { join } from "node:path";
import type { Override } from "./overrides";

export interface Config {
  name: string;
  /** Overrides of the search options (SearchOptions). */
  search: Override[];
  /** Overrides of the engine options (EngineOptions). */
  engine: Override[];
}

/** The configurations that switch each signal of `defaults` off, then all of them. */
export function ablationsFrom(base: Config, defaults: Record<string, unknown>, off: Record<string, unknown> = {}): Config[] {
  const offValue = (key: string) => (key in off ? off[key] : typeof defaults[key] === "boolean" ? false : 0);
  // Switches are booleans and numbers (perFileCap: 0 is no cap); lists such as the demote globs are
  // settings of a switch, not switches.
  const keys = Object.keys(defaults).filter((k) => typeof defaults[k] === "boolean" || typeof defaults[k] === "number");
  if (!keys.length) throw new Error("--ablate: the engine's DEFAULT_RANKING has no boolean or numeric switch to turn off");
  const with_ = (extra: Override[]) => [...base.search, ...extra];
  // A switch that is off by default (file credit) is measured switched on over the defaults instead:
  // "without" it would be the baseline again.
  return [
    ...keys.map((k) =>
      defaults[k] === false
        ? { name: `with ${k}`, search: with_([{ path: ["ranking", k], value: true }]), engine: base.engine }
        : { name: `without ${k}`, search: with_([{ path: ["ranking", k], value: offValue(k) }]), engine: base.engine },
    ),
    {
      name: "all signals off",
      search: with_(keys.map((k) => ({ path: ["ranking", k], value: offValue(k) }))),
      engine: base.engine,
    },
  ];
}

/** The ablation configurations for the engine in this tree, or a clear error when it has no switches. */
export async function ablationConfigs(base: Config): Promise<Config[]> {
  const module = join(__dirname, "..", "shared", "src", "ranking.ts");
  let mod: { DEFAULT_RANKING?: Record<string, unknown>; NO_RANKING_SIGNALS?: Record<string, unknown> };
  try {
    mod = await import(module);
  } catch {
    mod = {};
  }
  if (!mod.DEFAULT_RANKING) {
    throw new Error(
      `--ablate needs the engine's ranking switches (DEFAULT_RANKING exported by ${module}), which this tree does not have. ` +
        "Switch search options by hand instead: npm run eval -- --set key=value",
    );
  }
  return ablationsFrom(base, mod.DEFAULT_RANKING, mod.NO_RANKING_SIGNALS);
}
