// Finding the files of a folder that are worth indexing, and reading them safely.
export { discover } from "./walk";
export type { DiscoverOptions, DiscoveredFile, SkippedFile, DiscoveryResult } from "./walk";
export { languageOf, mayBeScript, scriptLanguage, SCRIPT_HEAD_BYTES } from "./languages";
export type { LanguageInfo } from "./languages";
export { isBinary, decodeText } from "./binary";
export { readFileHead, readIndexableFile, DEFAULT_MAX_FILE_SIZE } from "./read-file";
export type { ReadResult } from "./read-file";
export { DEFAULT_EXCLUDES } from "./excludes";
export { formatSize } from "./format-size";
export { isIndexablePath } from "./path-filter";
export type { PathFilterOptions } from "./path-filter";
