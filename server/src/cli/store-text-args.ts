// --store-text full|none: whether the index keeps chunk text (store/stored-text.ts), for the commands
// that open a store.
import type { ParseArgsConfig } from "node:util";
import { STORE_TEXT_MODES, type StoreTextMode } from "../../../shared/src/types";
import { UsageError } from "./args";

export const STORE_TEXT_OPTIONS = {
  "store-text": { type: "string" },
} as const satisfies ParseArgsConfig["options"];

export const STORE_TEXT_USAGE = "[--store-text full|none]";

/** The mode asked for, or undefined (the store keeps its own; a new one keeps text). */
export function storeTextFrom(values: Record<string, unknown>): StoreTextMode | undefined {
  const raw = values["store-text"];
  if (raw === undefined) return undefined;
  if (!STORE_TEXT_MODES.includes(raw as StoreTextMode)) {
    throw new UsageError(`--store-text is full (the index keeps chunk text) or none (vectors, locations and metadata only); got "${raw}".`);
  }
  return raw as StoreTextMode;
}
