"""A rendered prompt turned into what llama.cpp evaluates: token ids and media pieces, in order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence, Union

from app.core.engine.prompt_format import ControlToken, GeneratedTokens, MediaSlot, PlainText, Segment, merge_plain_text
from app.core.errors import UserError


@dataclass(frozen=True)
class MediaUnit:
    """A media piece in the evaluated sequence; equal keys mean the same content at the same place."""

    key: str
    kind: str
    n_tokens: int
    n_positions: int
    piece: object = None  # EncodedPiece, compared by key only

    def __eq__(self, other) -> bool:
        return isinstance(other, MediaUnit) and (self.key, self.n_positions) == (other.key, other.n_positions)

    def __hash__(self) -> int:
        return hash((self.key, self.n_positions))


Unit = Union[int, MediaUnit]


@dataclass
class PromptPlan:
    units: list[Unit]
    segments: list[Segment]
    skipped_media: list[str] = field(default_factory=list)  # names of media that could not be read

    @property
    def token_ids(self) -> list[int]:
        return [unit for unit in self.units if isinstance(unit, int)]

    @property
    def n_positions(self) -> int:
        return positions_of(self.units)

    @property
    def media_units(self) -> list[MediaUnit]:
        return [unit for unit in self.units if isinstance(unit, MediaUnit)]


def positions_of(units: Sequence[Unit]) -> int:
    return sum(1 if isinstance(unit, int) else unit.n_positions for unit in units)


def common_prefix_length(a: Sequence[Unit], b: Sequence[Unit]) -> int:
    length = 0
    for left, right in zip(a, b):
        if left != right:
            break
        length += 1
    return length


class ControlTokenError(UserError):
    pass


def plan_prompt(
    segments: Sequence[Segment],
    tokenize_text: Callable[[str], list[int]],
    control_token_id: Callable[[str], int],
    media_units: Callable[[MediaSlot], list[Unit]],
) -> PromptPlan:
    """Tokenize segments: plain text never parses control tokens; only format markers become them."""
    units: list[Unit] = []
    merged = merge_plain_text(segments)
    for segment in merged:
        if isinstance(segment, ControlToken):
            units.append(control_token_id(segment.text))
        elif isinstance(segment, PlainText):
            units.extend(tokenize_text(segment.text))
        elif isinstance(segment, GeneratedTokens):
            units.extend(segment.token_ids)
        else:
            units.extend(media_units(segment))
    return PromptPlan(units=units, segments=list(merged))
