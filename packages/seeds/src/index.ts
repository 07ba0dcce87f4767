/** @dalkit/seeds */
export const PLACEHOLDER = 1;
