/**
 * Says a word aloud in its language with the phone's own voices (speechSynthesis). Browsers only
 * speak after the user has tapped the page once, hence the "Tap to hear the words" button.
 */
export function canSpeak(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';
}

/** A voice for the language (exact match first, then same base language), or null to let the browser pick. */
function voiceFor(language: string): SpeechSynthesisVoice | null {
  const voices = window.speechSynthesis.getVoices();
  const lower = language.toLowerCase();
  const base = lower.split('-')[0];
  return (
    voices.find((v) => v.lang.toLowerCase() === lower) ?? voices.find((v) => v.lang.toLowerCase().replace('_', '-').split('-')[0] === base) ?? null
  );
}

export function speak(word: string, language: string): void {
  if (!canSpeak()) return;
  const synth = window.speechSynthesis;
  // A new word interrupts the old one rather than queueing behind it.
  synth.cancel();
  const u = new SpeechSynthesisUtterance(word);
  u.lang = language;
  const voice = voiceFor(language);
  if (voice) u.voice = voice;
  u.rate = 0.9;
  synth.speak(u);
}
