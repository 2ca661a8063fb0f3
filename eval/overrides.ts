// `--set key=value` and `--engine-set key=value`: override one option, by a dotted path, for every
// search (or for the engine), without the harness knowing the option: new ranking switches can be
// measured the day they exist.
export interface Override {
  path: string[];
  value: unknown;
}

/** "ranking.perFileCap=5" → {path: ["ranking", "perFileCap"], value: 5}; a value that is not JSON stays a string. */
export function parseOverride(text: string): Override {
  const eq = text.indexOf("=");
  const key = eq < 0 ? "" : text.slice(0, eq).trim();
  if (!key || key.split(".").some((p) => !p)) throw new Error(`--set takes key=value (a dotted key such as ranking.perFileCap=5), not "${text}"`);
  const raw = text.slice(eq + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // A bare word: a string.
  }
  return { path: key.split("."), value };
}

/** A copy of `target` with each override set (objects on the way are copied, not shared). */
export function applyOverrides<T extends object>(target: T, overrides: Override[]): T {
  const out: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  for (const { path, value } of overrides) {
    let node = out;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      node[part] = next && typeof next === "object" && !Array.isArray(next) ? { ...(next as object) } : {};
      node = node[part] as Record<string, unknown>;
    }
    node[path[path.length - 1]] = value;
  }
  return out as T;
}

export function describeOverrides(overrides: Override[]): string {
  return overrides.map((o) => `${o.path.join(".")}=${JSON.stringify(o.value)}`).join(" ");
}
