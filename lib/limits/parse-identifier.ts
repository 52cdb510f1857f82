import { InvalidIdentifierError } from "./limit-errors";

export const IDENTIFIER_HEADER = "x-freellmapi-identifier";

export const IDENTIFIER_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * An end-user identifier that has passed `parseIdentifier`: the limiters take only this type, so
 * a value is checked once, where it enters, and never again on the way to a Redis key.
 */
export type EndUserId = string & { readonly __endUserId: true };

/** The end-user identifier from its header: absent → undefined, malformed → InvalidIdentifierError. */
export function parseIdentifier(header: string | null | undefined): EndUserId | undefined {
  if (header === null || header === undefined) return undefined;
  if (!IDENTIFIER_PATTERN.test(header)) throw new InvalidIdentifierError();
  return header as EndUserId;
}
