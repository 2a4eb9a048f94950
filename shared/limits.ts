/**
 * Limits enforced by schemas and services alike, kept free of schema code so the client can
 * import them without bundling TypeBox.
 */
export const LIMITS = {
  nameLength: 120,
  emailLength: 254,
  passwordMin: 10,
  passwordMax: 256,
  titleLength: 300,
  commentLength: 10_000,
  reasonLength: 2_000,
  sourceBytes: 10 * 1024 * 1024,
  blocksPerDocument: 20_000,
  blockTextLength: 100_000,
} as const;
