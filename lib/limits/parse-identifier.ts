import { InvalidIdentifierError } from "./limit-errors";

export const IDENTIFIER_HEADER = "x-freellmapi-identifier";

export const IDENTIFIER_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

/** The end-user identifier from its header: absent → undefined, malformed → InvalidIdentifierError. */
export function parseIdentifier(header: string | null | undefined): string | undefined {
  if (header === null || header === undefined) return undefined;
  if (!IDENTIFIER_PATTERN.test(header)) throw new InvalidIdentifierError();
  return header;
}
