"""The deployment files agree with the code: every setting documented, migrations run once, no root.

Static checks of deploy/ (the Dockerfile, .dockerignore, compose.yaml, the systemd unit and the
example settings), plus the image's health check run against a stand-in HTTP server. Building the
image for real is opt-in (BACKCOACH_TEST_DOCKER=1 with a Docker daemon and python:3.11-slim).
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
IMAGE_HOME = "/var/lib/backcoach"


def aliases() -> dict[str, str]:
    """Every setting's environment name, mapped to its field name."""
    return {field.alias or name: name for name, field in Settings.model_fields.items()}


# ---- the example settings ----

SETTING_LINE = re.compile(r"#?\s*([A-Z][A-Z0-9_]*)=(.*)")


def example_settings() -> dict[str, str]:
    """NAME → value for every line of the example that sets a variable, commented out or not."""
    found: dict[str, str] = {}
    for line in (DEPLOY / "backcoach.env.example").read_text(encoding="utf-8").splitlines():
        if match := SETTING_LINE.fullmatch(line.strip()):
            name, value = match.groups()
            assert name not in found, f"{name} appears twice"
            found[name] = value.strip()
    return found


def test_env_example_names_every_setting() -> None:
    """Each Settings field has a line in backcoach.env.example."""
    assert sorted(set(aliases()) - set(example_settings())) == []


def test_env_example_names_no_unknown_setting() -> None:
    """Nothing in backcoach.env.example is a name the code does not read."""
    assert sorted(set(example_settings()) - set(aliases())) == []


def test_env_example_shows_the_defaults() -> None:
    """Each line carries the code's default (empty where the default is unset)."""
    fields = aliases()
    for alias, value in example_settings().items():
        name = fields[alias]
        default = Settings.model_fields[name].default
        if default is None:
            assert value == "", f"{alias} is unset by default"
        else:
            parsed = getattr(Settings(**{alias: value}), name)
            assert parsed == default, f"{alias}={value} but the default is {default!r}"


def test_env_example_holds_no_token() -> None:
    """No bot token, real or realistic, is written into the example."""
    text = (DEPLOY / "backcoach.env.example").read_text(encoding="utf-8")
    assert not re.search(r"\d{5,}:[A-Za-z0-9_-]{20,}", text)
    assert example_settings()["TELEGRAM_BOT_TOKEN"] == ""


# ---- the Dockerfile ----


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined and comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for line in (DEPLOY / "Dockerfile").read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#") or (not pending and not line.strip()):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        keyword, _, arguments = (pending + line).strip().partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        pending = ""
    return instructions


def final_stage() -> list[tuple[str, str]]:
    """The instructions of the last stage: the image that runs."""
    instructions = dockerfile()
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from:]


def arguments(keyword: str, stage: list[tuple[str, str]] | None = None) -> list[str]:
    return [args for kw, args in (stage or final_stage()) if kw == keyword]


def env_of_image() -> dict[str, str]:
    pairs = (pair.split("=", 1) for args in arguments("ENV") for pair in shlex.split(args))
    return {key: value for key, value in pairs}


def test_image_is_built_on_python_311_slim() -> None:
    """The running stage comes from python:3.11-slim (directly or through the ARG's default)."""
    defaults = dict(arg.split("=", 1) for arg in arguments("ARG", dockerfile()) if "=" in arg)
    image = final_stage()[0][1].split()[0]
    image = re.sub(r"\$\{(\w+)\}", lambda m: defaults[m.group(1)], image)
    assert image == "python:3.11-slim"


def test_image_runs_as_a_fixed_non_root_user() -> None:
    """The last USER is a numeric uid other than 0, so the runtime can check it is not root."""
    users = arguments("USER")
    assert users, "no USER in the running stage"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) != 0


def test_image_serves_by_default_and_never_migrates() -> None:
    """ENTRYPOINT is backcoach, CMD is serve; neither runs the migrations."""
    (entrypoint,) = arguments("ENTRYPOINT")
    (command,) = arguments("CMD")
    assert json.loads(entrypoint) == ["backcoach"]
    assert json.loads(command) == ["serve"]
    assert "migrate" not in entrypoint + command


def test_image_keeps_state_in_a_volume_and_listens_outside() -> None:
    """BACKCOACH_HOME is the volume, the server listens on all interfaces, port 8080 exposed."""
    env = env_of_image()
    assert env["BACKCOACH_HOME"] == IMAGE_HOME
    assert env["BACKCOACH_LISTEN_HOST"] == "0.0.0.0"
    assert any(IMAGE_HOME in volume for volume in arguments("VOLUME"))
    assert arguments("EXPOSE") == ["8080"]
    assert set(env) & set(aliases()) <= {
        "BACKCOACH_HOME",
        "BACKCOACH_LISTEN_HOST",
        "BACKCOACH_PORT",
    }


def test_image_installs_without_dev_extras() -> None:
    """The project is installed from the copied sources, never with the [dev] extra."""
    runs = " ".join(arguments("RUN", dockerfile()))
    assert "pip install --no-deps ." in runs
    assert "[dev]" not in runs


def image_health_check() -> list[str]:
    (check,) = arguments("HEALTHCHECK")
    _, _, command = check.partition("CMD ")
    argv: list[str] = json.loads(command)
    return argv


def compose_health_check() -> list[str]:
    test: list[str] = compose()["services"]["bot"]["healthcheck"]["test"]
    assert test[0] == "CMD"
    return test[1:]


@pytest.fixture
def healthz() -> Iterator[dict[str, Any]]:
    """A stand-in server on 127.0.0.1: GET /healthz answers state["status"]."""
    state: dict[str, Any] = {"status": 200}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(state["status"] if self.path == "/healthz" else 404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state["port"] = server.server_address[1]
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def run_check(argv: list[str], port: int) -> int:
    assert argv[:2] == ["python", "-c"], argv
    env = {**os.environ, "BACKCOACH_PORT": str(port), "HTTP_PROXY": "http://127.0.0.1:9"}
    done = subprocess.run(
        [sys.executable, "-c", argv[2]], env=env, capture_output=True, timeout=30, check=False
    )
    return done.returncode


@pytest.mark.parametrize("check", [image_health_check, compose_health_check])
def test_health_check_passes_on_200_and_fails_on_503(check: Any, healthz: dict[str, Any]) -> None:
    """The health check asks /healthz on BACKCOACH_PORT, ignores proxies, and fails on a 503."""
    assert run_check(check(), healthz["port"]) == 0
    healthz["status"] = 503
    assert run_check(check(), healthz["port"]) != 0


def test_health_check_fails_when_nothing_listens() -> None:
    """No server on the port is unhealthy, not a hang."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert run_check(image_health_check(), port) != 0


# ---- the build context ----


def dockerignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """A .dockerignore pattern as a regex: * and ? stay within a folder, **/ spans folders."""
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        elif pattern[i] == "[":
            end = pattern.index("]", i)
            out, i = out + pattern[i : end + 1], end + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out)


def in_build_context(path: str) -> bool:
    """Whether .dockerignore lets `path` into the context: the last pattern matching it or a
    folder above it decides, as in Docker."""
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    included = True
    for pattern in dockerignore_patterns():
        negated = pattern.startswith("!")
        regex = pattern_regex(pattern.lstrip("!").strip("/"))
        if any(regex.fullmatch(prefix) for prefix in prefixes):
            included = negated
    return included


def copied_sources() -> list[str]:
    sources: list[str] = []
    for args in arguments("COPY", dockerfile()):
        words = [word for word in args.split() if not word.startswith("--")]
        if "--from" not in args:
            sources += words[:-1]
    return sources


def test_build_context_holds_everything_the_image_copies() -> None:
    """Every file under each COPY source reaches the build (bytecode caches aside)."""
    assert copied_sources(), "the Dockerfile copies nothing from the context"
    for source in copied_sources():
        path = ROOT / source
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        assert files, f"{source} is missing"
        for file in files:
            relative = file.relative_to(ROOT).as_posix()
            if "__pycache__" not in relative:
                assert in_build_context(relative), f"{relative} is dockerignored"


@pytest.mark.parametrize(
    "path",
    [
        ".venv/bin/python",
        ".git/config",
        "var/backcoach.db",
        "tests/conftest.py",
        "bench/turns.py",
        ".pytest_cache/README.md",
        "deploy/backcoach.env",
        "deploy/.env",
        "bot/__pycache__/cli.cpython-311.pyc",
    ],
)
def test_build_context_leaves_out(path: str) -> None:
    """The environment, local data, git, tests, caches and settings with a token stay out."""
    assert not in_build_context(path)


# ---- compose.yaml ----


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    return loaded


def backcoach_services() -> dict[str, dict[str, Any]]:
    """The services that run the backcoach image (everything but the database and the proxy)."""
    services = compose()["services"]
    image = services["migrate"]["image"]
    return {name: spec for name, spec in services.items() if spec.get("image") == image}


def command(spec: dict[str, Any]) -> list[str]:
    value = spec.get("command", [])
    return shlex.split(value) if isinstance(value, str) else list(value)


def test_compose_database_has_a_health_check_and_a_volume() -> None:
    """db is PostgreSQL 16, checked with pg_isready, its data in a named volume."""
    file = compose()
    db = file["services"]["db"]
    assert db["image"].startswith("postgres:16")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    volume = db["volumes"][0].split(":")[0]
    assert volume in file["volumes"]


def test_compose_migrates_once_in_a_one_shot_service() -> None:
    """Exactly one service runs `migrate`; it never restarts and waits for a healthy db."""
    migrating = [name for name, spec in backcoach_services().items() if "migrate" in command(spec)]
    assert migrating == ["migrate"]
    migrate = compose()["services"]["migrate"]
    assert command(migrate) == ["migrate"]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"


def test_compose_bot_services_start_after_a_successful_migration() -> None:
    """Every service running the bot waits for migrate to finish successfully."""
    bots = {name: spec for name, spec in backcoach_services().items() if name != "migrate"}
    assert {"bot", "polling"} <= set(bots)
    for name, spec in bots.items():
        assert spec["depends_on"]["migrate"]["condition"] == "service_completed_successfully", name


def test_compose_no_replica_migrates() -> None:
    """Bot services set BACKCOACH_AUTO_MIGRATE=false; neither command nor entrypoint migrates."""
    for name, spec in backcoach_services().items():
        if name == "migrate":
            continue
        assert spec["environment"]["BACKCOACH_AUTO_MIGRATE"] == "false", name
        assert command(spec)[0] in {"serve", "run"}, name
        assert "entrypoint" not in spec, name


def test_compose_webhook_and_polling_are_separate_profiles() -> None:
    """Webhook replicas and the single poller are never started together."""
    services = compose()["services"]
    bot, polling = services["bot"], services["polling"]
    assert command(bot) == ["serve"] and bot["deploy"]["replicas"] >= 2
    assert command(polling) == ["run"] and polling["deploy"]["replicas"] == 1
    assert bot["profiles"] and polling["profiles"]
    assert not set(bot["profiles"]) & set(polling["profiles"])


def test_compose_webhook_replicas_have_a_health_check() -> None:
    """The serve replicas are health-checked; the poller serves no HTTP, so its check is off."""
    services = compose()["services"]
    assert services["bot"]["healthcheck"]["test"]
    assert services["polling"]["healthcheck"] == {"disable": True}


def test_compose_sets_only_known_settings() -> None:
    """Every backcoach variable the compose file sets is one the code reads."""
    for name, spec in backcoach_services().items():
        for variable in spec.get("environment", {}):
            assert variable in aliases(), f"{name}: {variable}"


def test_compose_bind_mounts_exist() -> None:
    """Files the compose file mounts from deploy/ are there."""
    for spec in compose()["services"].values():
        for volume in spec.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("./"):
                assert (DEPLOY / source).exists(), source


# ---- the systemd unit ----


def unit() -> dict[str, list[tuple[str, str]]]:
    """Section → (key, value) pairs in order; keys may repeat, as in systemd."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] = []
    for raw in (DEPLOY / "backcoach.service").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), [])
        else:
            key, _, value = line.partition("=")
            current.append((key.strip(), value.strip()))
    return sections


def service(key: str) -> list[str]:
    return [value for k, value in unit()["Service"] if k == key]


def test_unit_runs_as_an_unprivileged_user() -> None:
    """User= names an account other than root."""
    (user,) = service("User")
    assert user not in {"", "root", "0"}


def test_unit_migrates_then_runs_the_poller_from_the_venv() -> None:
    """ExecStartPre migrates and ExecStart runs `backcoach run` from /opt/backcoach/.venv."""
    (pre,) = service("ExecStartPre")
    (start,) = service("ExecStart")
    assert shlex.split(pre) == ["/opt/backcoach/.venv/bin/backcoach", "migrate"]
    assert shlex.split(start) == ["/opt/backcoach/.venv/bin/backcoach", "run"]


def test_unit_keeps_state_in_its_state_directory() -> None:
    """StateDirectory=backcoach is BACKCOACH_HOME; settings come from /etc/backcoach."""
    assert service("StateDirectory") == ["backcoach"]
    assert f"BACKCOACH_HOME={IMAGE_HOME}" in service("Environment")
    assert service("EnvironmentFile") == ["/etc/backcoach/backcoach.env"]
    assert IMAGE_HOME in " ".join(service("ReadWritePaths"))


def test_unit_sets_only_known_settings() -> None:
    """Environment= lines name settings the code reads (other than Python's own variables)."""
    for assignment in service("Environment"):
        name = assignment.split("=", 1)[0]
        if name.startswith(("BACKCOACH_", "TELEGRAM_", "DATABASE_")):
            assert name in aliases(), name


def test_unit_is_hardened_and_restarts_on_failure() -> None:
    """The sandboxing switches the deployment relies on are all set."""
    for key, value in {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "Restart": "on-failure",
    }.items():
        assert service(key) == [value], key


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    """systemd accepts every line (the venv path swapped for /bin/true, which exists here)."""
    text = (DEPLOY / "backcoach.service").read_text(encoding="utf-8")
    copy = tmp_path / "backcoach.service"
    copy.write_text(text.replace("/opt/backcoach/.venv/bin/backcoach", "/bin/true"))
    done = subprocess.run(
        ["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, timeout=60
    )
    complaints = [
        line
        for line in (done.stdout + done.stderr).splitlines()
        if "backcoach.service" in line and ("ignoring" in line or "Unknown" in line)
    ]
    assert complaints == []


# ---- a real build (opt-in) ----


def docker_ready() -> bool:
    if os.environ.get("BACKCOACH_TEST_DOCKER") != "1" or shutil.which("docker") is None:
        return False
    probe = subprocess.run(
        ["docker", "image", "inspect", "python:3.11-slim"], capture_output=True, timeout=30
    )
    return probe.returncode == 0


@pytest.mark.skipif(
    not docker_ready(),
    reason="set BACKCOACH_TEST_DOCKER=1 with a Docker daemon and python:3.11-slim",
)
def test_image_builds_and_runs_as_non_root(tmp_path: Path) -> None:
    """docker build succeeds; the container is not root, and migrate and advise work in it."""
    tag = "backcoach:test-deploy"
    build = ["docker", "build", "-f", "deploy/Dockerfile", "-t", tag, "."]
    subprocess.run(build, cwd=ROOT, check=True, timeout=1800)
    docker_run = ["docker", "run", "--rm"]
    uid = subprocess.run(
        [*docker_run, "--entrypoint", "id", tag, "-u"], capture_output=True, text=True, check=True
    )
    assert uid.stdout.strip() != "0"
    migrate = subprocess.run(
        [*docker_run, tag, "migrate"], capture_output=True, text=True, check=True, timeout=120
    )
    assert "up to date" in migrate.stdout
    advise = [*docker_run, tag, "advise", "--baseline", "2", "--during", "3"]
    subprocess.run(advise, capture_output=True, check=True, timeout=120)
