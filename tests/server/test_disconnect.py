"""A client that hangs up stops its own generation: within one token mid-stream, before it starts
when it was still queued."""

import openai

from tests.server.conftest import EOG_BANNED

ENDLESS = {"model": "g", "temperature": 0, "logit_bias": EOG_BANNED, "max_tokens": 1500}
JOB_END_TIMEOUT_S = 30


def test_hanging_up_mid_stream_cancels_within_one_token(text_server):
    client = text_server.client()
    jobs_before = len(text_server.port.jobs)
    stream = client.chat.completions.create(
        messages=[{"role": "user", "content": "Count to a thousand."}], stream=True, **ENDLESS)
    seen = 0
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            seen += 1
            if seen == 3:
                break
    stream.close()  # closes the connection: the server sees the disconnect

    job = text_server.port.jobs[jobs_before]
    assert job.ended.wait(JOB_END_TIMEOUT_S), "the generation did not stop after the client left"
    assert job.result.stop_reason == "cancelled"
    assert job.tokens_at_cancel is not None and job.tokens_at_cancel < 1500
    assert len(job.result.token_ids) <= job.tokens_at_cancel + 1


def test_a_queued_request_whose_client_left_never_runs(text_server):
    client = text_server.client()
    jobs_before = len(text_server.port.jobs)
    busy = client.chat.completions.create(messages=[{"role": "user", "content": "Go on."}], stream=True, **ENDLESS)
    next(iter(busy))  # the engine is now on this job
    impatient = text_server.client(timeout=1.0)
    try:
        impatient.chat.completions.create(messages=[{"role": "user", "content": "Me next?"}], **ENDLESS)
    except openai.APITimeoutError:
        pass
    else:
        raise AssertionError("the second request should have waited behind the first")
    queued = text_server.port.jobs[jobs_before + 1]
    busy.close()
    assert queued.ended.wait(JOB_END_TIMEOUT_S)
    assert queued.result.stop_reason == "cancelled" and queued.result.token_ids == []
    assert queued.tokens_from_engine == 0, "it was skipped, not started"
