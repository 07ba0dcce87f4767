/** @dalkit/migrations */
export const PLACEHOLDER = 1;
