import { defineDalkitTsup } from '@dalkit/tsup-config';

export default defineDalkitTsup({ entry: ['src/main.ts'], format: ['esm'], dts: false });
