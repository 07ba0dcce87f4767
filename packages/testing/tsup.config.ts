import { defineDalkitTsup } from '@dalkit/tsup-config';

export default defineDalkitTsup({ entry: ['src/index.ts', 'src/vitest.ts'] });
