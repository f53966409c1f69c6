/** What a teacher can do about each reason a file was refused, in plain words. */
const FIXES: Record<string, string> = {
  IMAGE_CORRUPT: 'The file is damaged or was not copied completely. Copy it again from the camera or phone, or take the photo again.',
  IMAGE_UNSUPPORTED: 'This is not a photo the studio can read. Save it as JPEG or PNG (for example with your photo app) and add it again.',
  IMAGE_TOO_LARGE: 'The picture is far too big. Make it smaller (under 50 megapixels) in a photo editor, then add it again.',
  FILE_NOT_FOUND: 'The file went away while it was being added. Check it is still there and add it again.',
  INVALID_ARGUMENT: 'Rename the file or its folder (simple letters and numbers) and add it again.',
  CLASS_NOT_FOUND: 'The class was deleted meanwhile. Drop the photos onto a class that exists.',
};

export function fixForRefusal(code: string): string {
  return FIXES[code] ?? 'Check the file opens in a photo viewer, then add it again.';
}

/**
 * The core's reason usually says what went wrong and then what to do ("… is damaged. Copy it again.");
 * a one-sentence reason gets the fix for its code added, so every refusal ends with something to do.
 */
export function explainRefusal(code: string, reason: string): { reason: string; fix: string | null } {
  const sentences = reason
    .trim()
    .split(/(?<=[.!?])\s+/)
    .filter((s) => s.length > 0);
  return { reason, fix: sentences.length >= 2 ? null : fixForRefusal(code) };
}
