/** An ILIKE pattern matching `text` anywhere, with its own `%`, `_` and `\` taken literally (admin searches). */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
