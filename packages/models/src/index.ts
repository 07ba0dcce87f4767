/** @dalkit/models */
export const PLACEHOLDER = 1;
