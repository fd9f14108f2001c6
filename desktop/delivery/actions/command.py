"""Run a command: an argv list from the rule, the event's body on stdin, WEBHOOK_* variables.

Safety, in order of importance:
- No shell ever: the argv goes to exec as it is in the rule, so no payload byte can become
  a command, an argument or a redirection; payload values reach the process only as stdin,
  environment values and a JSON file, which are data.
- The command runs in a new session (its own process group); at its timeout the whole group
  is killed (SIGKILL), so a script's children do not outlive a runaway run.
- stdout and stderr are drained to the end (a full pipe would block the script) but only
  the first OUTPUT_LIMIT bytes of each are kept, decoded as text, and never run.
Runs on the hub's asyncio loop (an asyncio subprocess), never on the UI thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import tempfile

from desktop.core.actions import OUTPUT_LIMIT, ActionKind, ActionRule, RunOutcome
from desktop.core.model import StoredEvent
from desktop.delivery.actions.base import RunContext
from desktop.delivery.actions.fields import event_environment, event_json

_READ = 65536
_DRAIN_AFTER_KILL_S = 2.0  # a descendant that left the group may hold a pipe open; stop waiting


async def _read_head(stream: asyncio.StreamReader | None) -> str:
    """All of a stream, keeping its first OUTPUT_LIMIT bytes (as text) and a note of the rest."""
    if stream is None:
        return ""
    kept = bytearray()
    dropped = 0
    while chunk := await stream.read(_READ):
        room = OUTPUT_LIMIT - len(kept)
        kept += chunk[:room]
        dropped += max(0, len(chunk) - room)
    text = kept.decode("utf-8", errors="replace")
    return text + (f"\n… ({dropped} more bytes not kept)" if dropped else "")


async def _feed(stdin: asyncio.StreamWriter | None, body: bytes) -> None:
    if stdin is None:
        return
    try:
        stdin.write(body)
        await stdin.drain()
    except (BrokenPipeError, ConnectionResetError):
        pass  # the command did not read its stdin: its choice, not a failure
    finally:
        stdin.close()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            await stdin.wait_closed()


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _answer(code: int) -> str:
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return f"killed by signal {name}"
    return f"exit {code}"


class CommandKind:
    kind = ActionKind.COMMAND

    async def run(self, rule: ActionRule, event: StoredEvent, ctx: RunContext) -> RunOutcome:
        fd, json_path = tempfile.mkstemp(prefix=f"webhook-event-{event.id}-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                file.write(event_json(event))
            return await self._run(rule, event, json_path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(json_path)

    async def _run(self, rule: ActionRule, event: StoredEvent, json_path: str) -> RunOutcome:
        env = {**os.environ, **event_environment(event, json_path)}
        try:
            proc = await asyncio.create_subprocess_exec(
                *rule.command,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                cwd=rule.cwd or None,
                env=env,
                start_new_session=True,  # its own process group: killed as a whole at timeout
            )
        except (OSError, ValueError) as exc:
            where = f" in {rule.cwd}" if rule.cwd else ""
            return RunOutcome(ok=False, answer=f"could not start {rule.command[0]!r}{where}: {exc}")
        readers = [
            asyncio.ensure_future(_read_head(proc.stdout)),
            asyncio.ensure_future(_read_head(proc.stderr)),
        ]
        feeder = asyncio.ensure_future(_feed(proc.stdin, event.request.body))
        timed_out = False
        try:
            async with asyncio.timeout(rule.timeout_s):
                code = await proc.wait()
                await asyncio.gather(feeder, *readers)
        except TimeoutError:
            timed_out = True
            _kill_group(proc.pid)
            code = await proc.wait()
            await asyncio.wait([feeder, *readers], timeout=_DRAIN_AFTER_KILL_S)
        except BaseException:  # the runner is stopping: leave nothing running behind
            _kill_group(proc.pid)
            for task in (feeder, *readers):
                task.cancel()
            raise
        for task in (feeder, *readers):
            task.cancel()
        stdout, stderr = (r.result() if r.done() and not r.cancelled() else "" for r in readers)
        if timed_out:
            answer = f"timed out after {rule.timeout_s:g} s: process group killed"
            return RunOutcome(ok=False, answer=answer, exit_code=code, stdout=stdout, stderr=stderr)
        return RunOutcome(ok=code == 0, answer=_answer(code), exit_code=code, stdout=stdout, stderr=stderr)

    def preview(self, rule: ActionRule, event: StoredEvent, ctx: RunContext) -> str:
        env = event_environment(event, "<a temporary file with the whole event as JSON>")
        lines = [
            "Command (dry run: nothing was executed)",
            f"argv: {json.dumps(list(rule.command), ensure_ascii=False)}",
            f"working directory: {rule.cwd or os.getcwd()}",
            f"timeout: {rule.timeout_s:g} s (then the whole process group is killed)",
            f"stdin: the event's body, {len(event.request.body)} bytes",
            "environment added:",
            *(f"  {name}={json.dumps(value, ensure_ascii=False)}" for name, value in env.items()),
            "",
            "whole event (the file WEBHOOK_EVENT_JSON names):",
            event_json(event),
        ]
        return "\n".join(lines)
