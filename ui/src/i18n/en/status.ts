/** The status screens' words. */
export const status = {} as const;
