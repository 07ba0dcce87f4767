import { defineDalkitVitest } from '@dalkit/vitest-config';

export default defineDalkitVitest();
