"""Load through the official `openai` client: 8 concurrent clients × 3 requests on loopback, one
engine. Every request is answered with its own prompt's answer, and the queue shows in the times."""

import statistics
import threading
import time

from app.core.chat.chat_request import user_message
from tests.server.conftest import EOG_BANNED

CLIENTS = 8
REQUESTS_EACH = 3
MAX_TOKENS = 4


def prompt_of(client_index: int) -> str:
    # A different length per client: usage.prompt_tokens then tells whose prompt was answered.
    return f"Client {client_index} says" + " hello" * (client_index + 1)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def test_eight_concurrent_clients_all_answered_in_order_of_the_queue(text_server):
    engine = text_server.engine.engine  # idle: ask it for each prompt's exact length first
    expected_prompt_tokens = {
        i: engine.plan([user_message(prompt_of(i))]).n_positions for i in range(CLIENTS)
    }
    assert len(set(expected_prompt_tokens.values())) == CLIENTS
    jobs_before = len(text_server.port.jobs)
    start_together = threading.Barrier(CLIENTS)
    answers: dict[int, list[dict]] = {i: [] for i in range(CLIENTS)}
    failures: list[BaseException] = []

    def run_client(index: int) -> None:
        client = text_server.client()
        messages = [{"role": "user", "content": prompt_of(index)}]
        options = {"model": "g", "temperature": 0, "max_tokens": MAX_TOKENS, "logit_bias": EOG_BANNED}
        start_together.wait()
        try:
            for number in range(REQUESTS_EACH):
                started = time.perf_counter()
                if number % 2 == index % 2:
                    stream = client.chat.completions.create(
                        messages=messages, stream=True, stream_options={"include_usage": True}, **options)
                    chunks = list(stream)
                    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
                    usage, answer_id = chunks[-1].usage, chunks[0].id
                else:
                    answer = client.chat.completions.create(messages=messages, **options)
                    text, usage, answer_id = answer.choices[0].message.content, answer.usage, answer.id
                answers[index].append({"text": text, "usage": usage, "id": answer_id, "wave": number,
                                       "seconds": time.perf_counter() - started})
        except BaseException as error:  # noqa: BLE001 - reported below, with the others
            failures.append(error)

    threads = [threading.Thread(target=run_client, args=(i,)) for i in range(CLIENTS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    wall = time.perf_counter() - began

    assert not failures, failures
    assert all(not thread.is_alive() for thread in threads)
    everything = [answer for client_answers in answers.values() for answer in client_answers]
    assert len(everything) == CLIENTS * REQUESTS_EACH, "every request answered"
    assert len({answer["id"] for answer in everything}) == len(everything)
    # Nothing mixed up: each answer carries its own prompt's length and exactly the text its own
    # engine job produced (matched one to one against the jobs the engine ran).
    produced = [(job.messages[-1].text, listener.result.text)
                for job, listener in zip(text_server.port.submitted[jobs_before:], text_server.port.jobs[jobs_before:])]
    for index, client_answers in answers.items():
        for answer in client_answers:
            assert answer["usage"].prompt_tokens == expected_prompt_tokens[index]
            assert answer["usage"].completion_tokens == MAX_TOKENS
            produced.remove((prompt_of(index), answer["text"]))
    assert produced == []

    # One engine, one job at a time: the first wave's eight requests finish one after another.
    first_wave = sorted(answer["seconds"] for answer in everything if answer["wave"] == 0)
    assert first_wave[-1] >= 3 * first_wave[0], first_wave
    latencies = [answer["seconds"] for answer in everything]
    report = (f"load: {CLIENTS} clients x {REQUESTS_EACH} requests, {MAX_TOKENS} tokens each: "
              f"p50 {statistics.median(latencies):.2f} s, p99 {percentile(latencies, 0.99):.2f} s, "
              f"first wave {first_wave[0]:.2f}-{first_wave[-1]:.2f} s, wall {wall:.1f} s, "
              f"{len(everything) / wall:.2f} requests/s, {len(everything) * MAX_TOKENS / wall:.1f} tokens/s")
    print(report)
