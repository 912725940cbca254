"""Run by test_answer_crash in its own process: one real answer streamed through AnswerRecorder
into the store, printing every piece and every save, until the test kills it.

    python -m tests.core.answer_crash_child MODEL STORE_FOLDER RUN
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.core.chat.answer_recorder import AnswerRecorder
from app.core.engine.engine import ChatEngine, TokenPiece
from app.core.engine.options import LoadOptions, SamplingOptions
from app.core.engine.prompt_format import ChatMessage
from app.core.storage.store import ConversationStore

SAVE_INTERVAL_S = 0.2  # shorter than the app's, so ten runs are quick; the path is the same


def say(kind: str, value: object) -> None:
    print(kind, json.dumps(value), flush=True)


def main(model: str, folder: str, run: str) -> None:
    store = ConversationStore.in_folder(Path(folder))
    conversation = store.create_conversation(f"Run {run}")
    question = f"Run {run}: tell me a very long story about a lighthouse keeper."
    store.add_message(conversation, "user", question)
    say("USER", question)
    engine = ChatEngine(LoadOptions(model_path=Path(model), n_ctx=2048, n_threads=2))
    never_stop = {engine.llama.token_eos(): -100.0, engine.control_token_id("<end_of_turn>"): -100.0}
    sampling = SamplingOptions(temperature=0.0, max_tokens=1500, logit_bias=never_stop)
    recorder = AnswerRecorder(store, conversation, "gemma", interval_s=SAVE_INTERVAL_S)
    recorder.begin()
    text = ""
    for event in engine.generate([ChatMessage("user", question)], "", sampling):
        if isinstance(event, TokenPiece):
            say("PIECE", event.text)
            text += event.text
            saved_before = recorder.saved_text
            recorder.grow(text)
            if recorder.saved_text != saved_before:
                say("SAVED", recorder.saved_text)
    recorder.finish(text, "complete")
    say("DONE", text)


if __name__ == "__main__":
    main(*sys.argv[1:4])
