/** The manager screens' words. */
export const manager = {} as const;
