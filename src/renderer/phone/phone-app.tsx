import type { ModelStatus } from '../../shared/api/deploy';
import { changesText } from '../features/deploy/status-wording';
import { useEffect, useState } from 'react';
import type { LanguageCode } from '../../shared/domain';
import { wordIn, type LiveClassifier } from '../ml';
import { initialLanguage, missingWordNote, nativeName } from './language-names';
import { canSpeak, speak } from './speech';
import { StableWord, type Shown } from './stable-word';
import { useCamera } from '../camera/use-camera';
import { PHONE_CAMERA_WORDS } from './camera-words';
import { deckIdFromPath, useDeckModel, type OfflineState } from './use-deck-model';

const LANGUAGE_KEY = 'magritte.phone.language';

/** What went wrong and what to do, in the middle of the screen where the camera picture would be. */
function Problem({ message, fix }: { message: string; fix: string }) {
  return (
    <div className="problem" role="alert">
      <p className="problem-title">{message}</p>
      <p className="problem-fix">{fix}</p>
    </div>
  );
}

/** The model sees none of the deck's words ("Nothing I know"): a calm "…", nothing said. */
function Quiet({ label }: { label: string }) {
  return (
    <>
      <p className="word quiet" data-testid="phone-word" data-key={label} data-background="true" role="img" aria-label="Nothing from the deck">
        <span className="dot" />
        <span className="dot" />
        <span className="dot" />
      </p>
      <p className="hint">Point at something from the deck.</p>
    </>
  );
}

/** Runs the deck's model on the camera, frame after frame, and reports the steady word. */
function useSteadyWord(classifier: LiveClassifier | null, video: HTMLVideoElement | null, running: boolean): Shown {
  const [shown, setShown] = useState<Shown>({ kind: 'waiting' });
  useEffect(() => {
    if (!classifier || !video || !running) return;
    const stable = new StableWord();
    let stopped = false;
    (async () => {
      while (!stopped) {
        if (video.readyState >= 2 && video.videoWidth > 0) {
          const { probabilities } = await classifier.classify(video, 1);
          if (stopped) break;
          if (stable.push(probabilities)) setShown(stable.shown);
        }
        // Yield to the page between frames so taps and drawing stay smooth.
        await new Promise((r) => requestAnimationFrame(() => r(null)));
      }
    })().catch(() => undefined);
    return () => {
      stopped = true;
    };
  }, [classifier, video, running]);
  return shown;
}

/** A speaker, with sound waves when on (drawn here: phones may lack an emoji font). */
function SpeakerIcon({ on }: { on: boolean }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="26"
      height="26"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
      {on ? (
        <>
          <path d="M16 9a4 4 0 0 1 0 6" />
          <path d="M18.5 6.5a7.5 7.5 0 0 1 0 11" />
        </>
      ) : (
        <path d="M17 10l4 4M21 10l-4 4" />
      )}
    </svg>
  );
}

/** Which model version this is, and whether the deck changed in the studio since it was trained. */
function VersionNote({ version }: { version: ModelStatus }) {
  const changed = version.changes ? changesText(version.changes, { words: false }) : null;
  if (version.upToDate)
    return (
      <p className="version" data-testid="phone-version">
        Version {version.number} · up to date
      </p>
    );
  return (
    <p className="version stale" data-testid="phone-version">
      Version {version.number} · the deck changed in the studio since{changed ? ` (${changed})` : ''}. Ask for the new version.
    </p>
  );
}

function OfflineNote({ state }: { state: OfflineState }) {
  if (state === 'saved')
    return (
      <p className="offline saved" data-testid="offline-ready">
        Saved on this phone: works without the cable
      </p>
    );
  if (state === 'saving') return <p className="offline">Saving this deck on the phone…</p>;
  return null;
}

/** A phone's camera picture is shrunk to 224 x 224 for the model: asking for more only costs battery. */
const PHONE_SIZE = { width: 640, height: 480 };

export function PhoneApp() {
  const deckId = deckIdFromPath(window.location.pathname);
  const { model, offline, version } = useDeckModel(deckId);
  const classifier = model.status === 'ready' ? model.classifier : null;
  const camera = useCamera({ facing: 'environment', ideal: PHONE_SIZE, enabled: model.status !== 'error' });
  const cameraProblem = camera.failure ? PHONE_CAMERA_WORDS[camera.failure] : null;
  // Nothing for the camera box to show: the answer (a problem and its fix, or "Take a photo") takes its place.
  const cameraShown = model.status !== 'error' && !cameraProblem;
  const problemShown = model.status === 'error' || (cameraProblem !== null && !(classifier && !window.isSecureContext));
  const shown = useSteadyWord(classifier, camera.video, camera.ready);
  const languages: LanguageCode[] = classifier?.model.languages ?? [];
  const [language, setLanguage] = useState<LanguageCode | null>(null);
  const [sound, setSound] = useState(false);
  // Without the live camera (a page opened over the network is not a secure context), a photo.
  const [snap, setSnap] = useState<{ key: string; words: Record<string, string>; probability: number; background: boolean } | 'working' | null>(null);
  const takePhoto = async (file: File | undefined) => {
    if (!file || !classifier) return;
    setSnap('working');
    const r = await classifier.classifyPhoto(file).catch(() => null);
    const best = r?.top[0];
    setSnap(best ? { key: best.key, words: best.words, probability: best.probability, background: best.background === true } : null);
  };

  useEffect(() => {
    if (classifier && language === null) setLanguage(initialLanguage(classifier.model.languages, localStorage.getItem(LANGUAGE_KEY)));
  }, [classifier, language]);

  const lang = language ?? 'en';
  const shownKey = classifier && shown.kind === 'word' ? classifier.model.labels[shown.index] : null;
  // "Nothing I know" won: no word, nothing said, a calm "…".
  const quiet = shownKey !== null && shownKey === classifier?.model.background;
  const found = classifier && shownKey !== null && !quiet ? wordIn({ key: shownKey, words: classifier.model.words[shownKey] ?? {} }, lang) : null;
  const word = found?.text ?? null;
  const missing = found?.missing ?? false;

  // Say each new word once it is steady, and again in a newly chosen language (not a key standing
  // in for a word nobody wrote: read in this language's voice it would teach the wrong word).
  useEffect(() => {
    if (sound && word && !missing) speak(word, lang);
  }, [sound, word, missing, lang]);

  const choose = (code: LanguageCode) => {
    setLanguage(code);
    localStorage.setItem(LANGUAGE_KEY, code);
  };

  return (
    <main className="phone">
      <nav className="languages" aria-label="Language">
        {languages.map((code) => (
          <button
            key={code}
            type="button"
            className={code === lang ? 'lang on' : 'lang'}
            aria-pressed={code === lang}
            lang={code}
            onClick={() => choose(code)}
          >
            {nativeName(code)}
          </button>
        ))}
      </nav>
      <div className="camera" hidden={!cameraShown}>
        <video ref={camera.videoRef} muted playsInline autoPlay aria-label="What the camera sees" />
        {!camera.ready && !cameraProblem && model.status !== 'error' ? <p className="camera-note">Starting the camera…</p> : null}
      </div>
      <section className={cameraShown ? 'answer' : 'answer alone'} aria-live="polite">
        {model.status === 'error' ? (
          <Problem message={model.message} fix={model.fix} />
        ) : cameraProblem && classifier && !window.isSecureContext ? (
          <>
            {snap && snap !== 'working' && snap.background ? (
              <Quiet label={snap.key} />
            ) : snap && snap !== 'working' ? (
              <>
                <p
                  className={wordIn(snap, lang).missing ? 'word missing' : 'word'}
                  lang={lang}
                  data-testid="phone-word"
                  data-key={snap.key}
                  data-missing={String(wordIn(snap, lang).missing)}
                >
                  {wordIn(snap, lang).text}
                </p>
                {wordIn(snap, lang).missing ? (
                  <p className="missing-note" data-testid="missing-word">
                    {missingWordNote(lang)}
                  </p>
                ) : null}
              </>
            ) : (
              <p className="hint">{snap === 'working' ? 'Looking…' : 'Take a photo of something from the deck.'}</p>
            )}
            <label className="snap">
              Take a photo
              <input
                type="file"
                accept="image/*"
                capture="environment"
                hidden
                data-testid="phone-photo"
                onChange={(e) => void takePhoto(e.target.files?.[0])}
              />
            </label>
          </>
        ) : cameraProblem ? (
          <Problem message={cameraProblem.message} fix={cameraProblem.fix} />
        ) : model.status === 'loading' ? (
          <p className="hint">Loading the deck…</p>
        ) : quiet ? (
          <Quiet label={shownKey ?? ''} />
        ) : shown.kind === 'word' && word && missing ? (
          <>
            <p className="word missing" data-testid="phone-word" data-key={shownKey ?? ''} data-missing="true">
              {word}
            </p>
            <p className="missing-note" data-testid="missing-word">
              {missingWordNote(lang)}
            </p>
          </>
        ) : shown.kind === 'word' && word ? (
          <p className="word" lang={lang} data-testid="phone-word" data-key={shownKey ?? ''} data-missing="false">
            {word}
          </p>
        ) : shown.kind === 'unsure' ? (
          <>
            <p className="word unsure" data-testid="phone-word" data-key="">
              Not sure
            </p>
            <p className="hint">Hold the object closer, in good light.</p>
          </>
        ) : (
          <p className="hint">Point the camera at something from the deck.</p>
        )}
      </section>
      <footer className="footer">
        {/* No word can show while a problem does: a sound button would only be noise. */}
        {canSpeak() && classifier && !problemShown ? (
          <button type="button" className={sound ? 'sound on' : 'sound'} aria-pressed={sound} onClick={() => setSound((s) => !s)}>
            <SpeakerIcon on={sound} />
            {sound ? 'Sound on' : 'Tap to hear the words'}
          </button>
        ) : null}
        {classifier ? <OfflineNote state={offline} /> : null}
        {classifier && version ? <VersionNote version={version} /> : null}
      </footer>
    </main>
  );
}
