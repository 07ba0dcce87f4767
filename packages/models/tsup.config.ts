import { defineDalkitTsup } from '@dalkit/tsup-config';

export default defineDalkitTsup();
