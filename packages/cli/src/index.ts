/** @dalkit/cli */
export const PLACEHOLDER = 1;
