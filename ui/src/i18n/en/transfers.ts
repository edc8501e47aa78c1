/** The transfers screens' words. */
export const transfers = {} as const;
