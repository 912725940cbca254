"""A tiny random Gemma 3n (transformers) whose audio path has the real structure, for parity tests.

Narrow widths and two conformer blocks, but the real mel front end, chunking (12 frames, 12 of
left context), reduction ×4, 188 soft tokens, and the real token ids (audio vocabulary at
262272, <audio_soft_token> 262273). The vision tower (a timm model) is stubbed: installing timm
would pull a CUDA torch, and the audio path never touches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from unittest import mock

import numpy as np
import torch
from transformers import Gemma3nAudioConfig, Gemma3nConfig, Gemma3nTextConfig, Gemma3nVisionConfig
from transformers.models.gemma3n import modeling_gemma3n

START_OF_AUDIO, END_OF_AUDIO, AUDIO_SOFT_TOKEN = 256_000, 262_272, 262_273


def tiny_config(**audio_overrides: object) -> Gemma3nConfig:
    audio = Gemma3nAudioConfig(
        hidden_size=64, conf_num_attention_heads=4, conf_num_hidden_layers=2,
        sscp_conv_channel_size=(16, 8), **audio_overrides,
    )
    text = Gemma3nTextConfig(
        hidden_size=48, intermediate_size=96, num_hidden_layers=1, num_attention_heads=2,
        num_key_value_heads=1, head_dim=24, hidden_size_per_layer_input=8, laurel_rank=4,
        num_kv_shared_layers=0, layer_types=["full_attention"],
        activation_sparsity_pattern=[0.0],
    )
    vision = Gemma3nVisionConfig(hidden_size=32)
    return Gemma3nConfig(text_config=text, vision_config=vision, audio_config=audio)


class _NoVisionTower(torch.nn.Module):
    def forward(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("the vision tower is stubbed out")


def tiny_model(seed: int = 0, **audio_overrides: object) -> modeling_gemma3n.Gemma3nModel:
    """A Gemma3nModel with random weights rounded to float16 (so an F16 export is exact)."""
    model = _without_vision(modeling_gemma3n.Gemma3nModel, tiny_config(**audio_overrides), seed)
    _randomize_audio(model, seed, torch.float16)
    return model


def tiny_checkpoint_model(seed: int = 0) -> modeling_gemma3n.Gemma3nForConditionalGeneration:
    """What Google publishes, in small: a Gemma3nForConditionalGeneration (checkpoint names
    `model.audio_tower.…`) whose audio weights are bfloat16 values, so a bfloat16 save is exact."""
    model = _without_vision(modeling_gemma3n.Gemma3nForConditionalGeneration, tiny_config(), seed)
    _randomize_audio(model.model, seed, torch.bfloat16)
    return model


def _without_vision(model_class: type, config: Gemma3nConfig, seed: int) -> torch.nn.Module:
    real_from_config = modeling_gemma3n.AutoModel.from_config

    def from_config(config: object, *args: object, **kwargs: object) -> torch.nn.Module:
        if isinstance(config, Gemma3nVisionConfig):
            return _NoVisionTower()
        return real_from_config(config, *args, **kwargs)

    torch.manual_seed(seed)
    with mock.patch.object(modeling_gemma3n.AutoModel, "from_config", side_effect=from_config):
        model = model_class(config)
    return model.eval()


def _randomize_audio(model: modeling_gemma3n.Gemma3nModel, seed: int, precision: torch.dtype) -> None:
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if not name.startswith(("audio_tower.", "embed_audio.")):
                continue
            if parameter.ndim >= 2:  # matrices and kernels: unit-variance outputs
                fan_in = parameter[0].numel()
                values = torch.randn(parameter.shape, generator=generator) / fan_in ** 0.5
            elif name.endswith("per_dim_scale"):
                values = torch.randn(parameter.shape, generator=generator) * 0.5
            else:  # norm scales around 1
                values = 1.0 + 0.2 * torch.randn(parameter.shape, generator=generator)
            parameter.copy_(values.to(precision).float())


def audio_weights(model: modeling_gemma3n.Gemma3nModel) -> dict[str, np.ndarray]:
    """The model's tensors as numpy, under transformers' names (audio and everything else)."""
    return {name: tensor.detach().numpy().copy() for name, tensor in model.state_dict().items()}


class _Captured(Exception):
    pass


@dataclass(frozen=True)
class ReferenceOutput:
    features: np.ndarray  # (frames, 128)
    mask: np.ndarray  # (frames,) bool
    soft_tokens: np.ndarray  # (188, text_width): what replaced the <audio_soft_token>s
    end_of_audio: np.ndarray  # (text_width,): what the text model got for <end_of_audio>


def reference_embeddings(model: modeling_gemma3n.Gemma3nModel, samples: np.ndarray) -> ReferenceOutput:
    """Run the processor's features and the model's forward on one clip, capturing the input
    embeddings the language model receives (the forward stops there)."""
    from transformers import Gemma3nAudioFeatureExtractor

    extracted = Gemma3nAudioFeatureExtractor()(samples, return_tensors="pt")
    count = model.config.audio_soft_tokens_per_image
    ids = [2, 105, START_OF_AUDIO] + [AUDIO_SOFT_TOKEN] * count + [END_OF_AUDIO, 107]
    captured: dict[str, torch.Tensor] = {}

    def capture(module: torch.nn.Module, args: tuple, kwargs: dict) -> None:
        captured["inputs_embeds"] = kwargs["inputs_embeds"]
        raise _Captured

    handle = model.language_model.register_forward_pre_hook(capture, with_kwargs=True)
    try:
        with torch.no_grad():
            model(
                input_ids=torch.tensor([ids]),
                input_features=extracted["input_features"],
                input_features_mask=extracted["input_features_mask"],
            )
    except _Captured:
        pass
    finally:
        handle.remove()
    embeds = captured["inputs_embeds"][0].numpy()
    return ReferenceOutput(
        features=extracted["input_features"][0].numpy(),
        mask=extracted["input_features_mask"][0].numpy(),
        soft_tokens=embeds[3 : 3 + count],
        end_of_audio=embeds[3 + count],
    )
