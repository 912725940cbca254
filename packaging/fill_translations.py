"""Write translations into a .ts file, or list what is still untranslated.

    python packaging/fill_translations.py de --unfinished > todo_de.json   # {context: {source: ""}}
    python packaging/fill_translations.py de done_de.json                  # merge them in

The JSON maps context → source → translation; a numerus source (%n) takes a list of forms
(German: [one, other]; Chinese: [other]). Filled entries lose type="unfinished"; run
`packaging/update_translations.py --release` afterwards to rebuild the .qm files."""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

SOURCES_FOLDER = Path(__file__).resolve().parents[1] / "resources" / "i18n"


def ts_path(language: str) -> Path:
    return SOURCES_FOLDER / f"gemma_desk_{language}.ts"


def unfinished(root: ElementTree.Element) -> dict[str, dict[str, str]]:
    todo: dict[str, dict[str, str]] = {}
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") == "unfinished":
                todo.setdefault(name, {})[message.findtext("source")] = ""
    return todo


def fill(root: ElementTree.Element, done: dict[str, dict[str, object]]) -> int:
    filled = 0
    for context in root.iter("context"):
        wanted = done.get(context.findtext("name"), {})
        for message in context.iter("message"):
            text = wanted.get(message.findtext("source"))
            if not text:
                continue
            translation = message.find("translation")
            if message.get("numerus") == "yes":
                for form in list(translation):
                    translation.remove(form)
                for form_text in text if isinstance(text, list) else [text]:
                    ElementTree.SubElement(translation, "numerusform").text = form_text
            else:
                translation.text = str(text)
            translation.attrib.pop("type", None)
            filled += 1
    return filled


def write(root: ElementTree.Element, path: Path) -> None:
    body = ElementTree.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("language")
    parser.add_argument("translations", nargs="?", type=Path)
    parser.add_argument("--unfinished", action="store_true", help="print the untranslated entries as JSON")
    args = parser.parse_args(argv)
    path = ts_path(args.language)
    tree = ElementTree.parse(path)
    if args.unfinished or args.translations is None:
        json.dump(unfinished(tree.getroot()), sys.stdout, ensure_ascii=False, indent=1)
        return 0
    count = fill(tree.getroot(), json.loads(args.translations.read_text(encoding="utf-8")))
    write(tree.getroot(), path)
    print(f"{path.name}: {count} entries filled", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
