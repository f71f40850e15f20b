/** The query keys of the duplicates feature. */
export const duplicatesKey = ['duplicates'] as const;
