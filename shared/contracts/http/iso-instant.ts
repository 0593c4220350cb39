import * as z from 'zod/mini';

/**
 * Instants cross HTTP as ISO-8601 UTC strings so both sides agree on one format. Its own module so the
 * agent's local checks (a signed time's payload) use it without building the other HTTP contracts.
 */
export const IsoInstant = z.iso.datetime({ offset: false });
