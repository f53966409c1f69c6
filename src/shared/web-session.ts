/**
 * What the browser host's page needs to know about its session (the host side is src/web/session.ts):
 * the probe that tells a stopped studio from one restarted with a new secret.
 */

/** GET: 204 with a valid session, 403 without. */
export const SESSION_PROBE_PATH = '/session';
