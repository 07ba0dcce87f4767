import { defineDalkitTsup } from '@dalkit/tsup-config';

// shims: `import.meta.url` in the CJS build (drivers are loaded with createRequire).
export default defineDalkitTsup({ shims: true });
