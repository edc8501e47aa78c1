/** The sale screens' words. */
export const sale = {} as const;
