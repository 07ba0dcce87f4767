import type { ViteUserConfig } from 'vitest/config';
/** The dalkit test preset; `overrides` are merged over it. */
export declare function defineDalkitVitest(overrides?: ViteUserConfig): ViteUserConfig;
