"""``interviewai ai providers`` / ``ai test [PROVIDER]``: which providers work, and a tiny call."""

from __future__ import annotations

import argparse
from typing import Any

from interviewai_tui.commands import CommandFactory
from interviewai_tui.commands.common import EXIT_FAILURE, EXIT_OK, run, settings_or_error

PROVIDER_NAMES = ("offline", "openai", "anthropic", "gemini", "deepseek", "ollama")


def register(command: CommandFactory) -> None:
    p = command("ai", "list AI providers or test one", _none)
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    providers = sub.add_parser("providers", help="each provider: key or server, model")
    providers.set_defaults(handler=_providers)
    test = sub.add_parser("test", help="send a tiny prompt; print latency, tokens and cost")
    test.add_argument("provider", nargs="?", choices=PROVIDER_NAMES)
    test.add_argument("--model", help="model to use instead of the configured one")
    test.set_defaults(handler=_test)


def _none(args: argparse.Namespace, overrides: dict[str, Any]) -> int:  # pragma: no cover
    return 2


def _keys_and_config(overrides: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    from interviewai_tui.container import Container

    container = Container(settings_or_error(overrides))
    return container.keys, container.ai_config()


def _providers(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    async def go() -> int:
        from interviewai_tui.ai.service import list_providers

        keys, config = _keys_and_config(overrides)
        for row in await list_providers(config, keys):
            mark = "*" if row.chosen else " "
            print(f"{mark} {row.name:10} {row.model:28} {row.detail}")
        return EXIT_OK

    return run(go())


def _test(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    async def go() -> int:
        from interviewai_tui.ai.service import test_provider

        keys, config = _keys_and_config(overrides)
        result = await test_provider(config, keys, args.provider, model=args.model)
        if not result.ok:
            print(f"{result.provider}: {result.error}")
            return EXIT_FAILURE
        cost = "unpriced" if result.cost is None else f"${result.cost:.6f}"
        print(
            f"{result.provider} {result.model}: {result.latency_ms:.0f} ms, "
            f"{result.input_tokens} in / {result.output_tokens} out tokens, {cost}"
        )
        print(f"reply: {result.text[:200]}")
        return EXIT_OK

    return run(go())
