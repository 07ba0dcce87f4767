/** @dalkit/repository */
export const PLACEHOLDER = 1;
