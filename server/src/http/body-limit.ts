/** Every request body but the few that carry an image or a file fits in this. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;
const OTHER_FIELDS = 16 * 1024;

/**
 * The body limit of a route whose largest field may hold `maxChars` characters: the schema's own cap
 * then answers first, with its message, instead of a bare "too large". Base64 is one byte per
 * character; text is given three (UTF-8 for any character of the Basic Multilingual Plane).
 */
export const bodyLimitFor = (maxChars: number, bytesPerChar: 1 | 3 = 1) => maxChars * bytesPerChar + OTHER_FIELDS;
