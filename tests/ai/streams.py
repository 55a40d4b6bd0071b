# ruff: noqa: E501  (wire samples are kept verbatim, one event per line)
"""The sample streams of reference/ai-providers.md, byte for byte where framing matters."""

from __future__ import annotations

import json

OPENAI_STREAM = (
    b'data: {"id":"chatcmpl-T1","object":"chat.completion.chunk","created":1767000000,"model":"gpt-5-mini-2025-08-07","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"usage":null}\n\n'
    b'data: {"id":"chatcmpl-T1","object":"chat.completion.chunk","created":1767000000,"model":"gpt-5-mini-2025-08-07","choices":[{"index":0,"delta":{"content":"Hello!"},"logprobs":null,"finish_reason":null}],"usage":null}\n\n'
    b'data: {"id":"chatcmpl-T1","object":"chat.completion.chunk","created":1767000000,"model":"gpt-5-mini-2025-08-07","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}\n\n'
    b'data: {"id":"chatcmpl-T1","object":"chat.completion.chunk","created":1767000000,"model":"gpt-5-mini-2025-08-07","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}\n\n'
    b"data: [DONE]\n\n"
)

OPENAI_429_BODY = {
    "error": {
        "message": "Rate limit reached for gpt-5-mini ...",
        "type": "tokens",
        "param": None,
        "code": "rate_limit_exceeded",
    }
}

ANTHROPIC_STREAM = (
    b"event: message_start\n"
    b'data: {"type":"message_start","message":{"id":"msg_fake01","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1}}}\n\n'
    b"event: content_block_start\n"
    b'data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n'
    b"event: ping\n"
    b'data: {"type": "ping"}\n\n'
    b"event: content_block_delta\n"
    b'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello!"}}\n\n'
    b"event: content_block_stop\n"
    b'data: {"type":"content_block_stop","index":0}\n\n'
    b"event: message_delta\n"
    b'data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":5}}\n\n'
    b"event: message_stop\n"
    b'data: {"type":"message_stop"}\n\n'
)
ANTHROPIC_HEAD = ANTHROPIC_STREAM.split(b"event: content_block_stop")[0]
ANTHROPIC_ERROR_EVENT = (
    b"event: error\n"
    b'data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n'
)
ANTHROPIC_529_BODY = {
    "type": "error",
    "error": {"type": "overloaded_error", "message": "Overloaded"},
    "request_id": "req_fake",
}

GEMINI_STREAM = (
    b'data: {"candidates":[{"content":{"parts":[{"text":"Hel"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8},"modelVersion":"gemini-2.5-flash","responseId":"fakeResp1"}\r\n\r\n'
    b'data: {"candidates":[{"content":{"parts":[{"text":"lo!"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8},"modelVersion":"gemini-2.5-flash","responseId":"fakeResp1"}\r\n\r\n'
    b'data: {"candidates":[{"content":{"parts":[{"text":""}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":8,"candidatesTokenCount":3,"totalTokenCount":11},"modelVersion":"gemini-2.5-flash","responseId":"fakeResp1"}\r\n\r\n'
)
GEMINI_429_BODY = {
    "error": {
        "code": 429,
        "message": "You exceeded your current quota…",
        "status": "RESOURCE_EXHAUSTED",
        "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "2s"}],
    }
}
GEMINI_BAD_KEY_BODY = {
    "error": {
        "code": 400,
        "message": "API key not valid. Please pass a valid API key.",
        "status": "INVALID_ARGUMENT",
        "details": [
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "API_KEY_INVALID",
                "domain": "googleapis.com",
            }
        ],
    }
}

DEEPSEEK_STREAM = (
    b": keep-alive\n\n"
    b'data: {"id":"fake-ds-1","object":"chat.completion.chunk","created":1767000000,"model":"deepseek-reasoner","system_fingerprint":"fp_fake","choices":[{"index":0,"delta":{"role":"assistant","content":null,"reasoning_content":"User greets me; answer briefly."},"logprobs":null,"finish_reason":null}]}\n\n'
    b'data: {"id":"fake-ds-1","object":"chat.completion.chunk","created":1767000000,"model":"deepseek-reasoner","system_fingerprint":"fp_fake","choices":[{"index":0,"delta":{"content":"Hello!","reasoning_content":null},"logprobs":null,"finish_reason":null}]}\n\n'
    b'data: {"id":"fake-ds-1","object":"chat.completion.chunk","created":1767000000,"model":"deepseek-reasoner","system_fingerprint":"fp_fake","choices":[{"index":0,"delta":{"content":"","reasoning_content":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":12,"total_tokens":22,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":9},"prompt_cache_hit_tokens":0,"prompt_cache_miss_tokens":10}}\n\n'
    b"data: [DONE]\n\n"
)
DEEPSEEK_401_BODY = {
    "error": {
        "message": "Authentication Fails, Your api key: ****abcd is invalid",
        "type": "authentication_error",
        "param": None,
        "code": "invalid_request_error",
    }
}

OLLAMA_STREAM = (
    b'{"model":"llama3.2","created_at":"2026-01-05T10:00:00.000Z","message":{"role":"assistant","content":"Hel"},"done":false}\n'
    b'{"model":"llama3.2","created_at":"2026-01-05T10:00:00.050Z","message":{"role":"assistant","content":"lo!"},"done":false}\n'
    b'{"model":"llama3.2","created_at":"2026-01-05T10:00:00.100Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":120000000,"load_duration":1000000,"prompt_eval_count":26,"prompt_eval_duration":40000000,"eval_count":3,"eval_duration":70000000}\n'
)
OLLAMA_TAGS = {
    "models": [
        {"name": "llama3.2:latest", "model": "llama3.2:latest", "size": 2019393189},
        {"name": "qwen2.5-coder:7b", "model": "qwen2.5-coder:7b", "size": 4683087332},
    ]
}


def awkward_split(data: bytes) -> list[bytes | float]:
    """Pieces cut inside `data:`, between CR and LF and inside multi-byte characters."""
    cuts = sorted({3, 7, 11, *range(17, len(data), 23)})
    crlf = data.find(b"\r\n")
    if crlf > 0:
        cuts.append(crlf + 1)
    pieces: list[bytes | float] = []
    prev = 0
    for cut in sorted(set(cuts)):
        if prev < cut < len(data):
            pieces.append(data[prev:cut])
            pieces.append(0.001)  # a pause so each piece is its own TCP read
            prev = cut
    pieces.append(data[prev:])
    return pieces


def openai_chunks(texts: list[str], model: str = "gpt-5-mini") -> bytes:
    """A normal OpenAI stream with the given content deltas."""
    base = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": model}
    out = [
        {**base, "choices": [{"index": 0, "delta": {"content": t}, "finish_reason": None}]}
        for t in texts
    ]
    out.append({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    out.append(
        {**base, "choices": [], "usage": {"prompt_tokens": 5, "completion_tokens": len(texts)}}
    )
    return b"".join(f"data: {json.dumps(o)}\n\n".encode() for o in out) + b"data: [DONE]\n\n"
