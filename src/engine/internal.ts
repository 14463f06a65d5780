/** A bug in ksec, reported where it happened (that file's error) so the rest of the run goes on. */
export function internalMessage(doing: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `internal error while ${doing}: ${message} (a bug in ksec: please report it with this file)`;
}
