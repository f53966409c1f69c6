/**
 * The response header naming which project answered a phone's live-model request (the studio's
 * phone server sets it, the phone page's worker compares it with the copy it keeps).
 */
export const PROJECT_HEADER = 'X-Magritte-Project';
