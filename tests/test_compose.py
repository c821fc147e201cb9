"""docker-compose.yml and the Dockerfile, checked as data: no Docker engine needed."""

import re

import pytest
import yaml

from tests.throwaway_postgres import BASE_DIR

SECRET_WORDS = re.compile(r"PASSWORD|SECRET|KEY|TOKEN", re.IGNORECASE)
INTERPOLATION = re.compile(r"\$\{[A-Z_]+(:?[-?][^}]*)?\}")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def test_compose_defines_the_database_migration_web_worker_and_demo_services(services):
    assert {"db", "migrate", "web", "worker", "demo"} <= set(services)


def test_database_keeps_its_data_in_a_named_volume(compose, services):
    volume, _, target = services["db"]["volumes"][0].partition(":")
    assert volume in compose["volumes"]
    assert target == "/var/lib/postgresql/data"
    assert services["db"]["image"].startswith("postgres:")


def test_database_health_check_asks_pg_isready_over_tcp(services):
    check = " ".join(services["db"]["healthcheck"]["test"])
    assert "pg_isready -h 127.0.0.1" in check


def test_migrate_runs_once_after_the_database_is_healthy(services):
    migrate = services["migrate"]
    assert migrate["command"] == ["python", "manage.py", "migrate", "--no-input"]
    assert migrate["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert migrate["restart"] == "no"


def test_web_starts_only_when_the_database_is_healthy_and_migrated(services):
    assert services["web"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }


def test_long_running_services_restart_and_report_health(services):
    for name in ("db", "web", "worker"):
        assert services[name]["restart"] == "unless-stopped"
    for name in ("db", "web"):
        assert services[name]["healthcheck"]["test"]
    assert services["web"]["healthcheck"]["test"] == ["CMD", "python", "docker/healthcheck.py"]


def test_web_port_is_published_on_loopback_only(services):
    assert all(port.startswith("127.0.0.1:") for port in services["web"]["ports"])


def test_worker_runs_the_task_queue_with_the_web_image_and_settings(services):
    worker, web = services["worker"], services["web"]
    assert worker["command"] == ["python", "manage.py", "db_worker"]
    for key in ("build", "image", "env_file", "environment", "depends_on"):
        assert worker[key] == web[key], key
    assert "ports" not in worker


def test_worker_is_not_probed_as_a_web_server(services):
    # The image's HEALTHCHECK asks the web port, which nothing serves in the worker.
    assert services["worker"]["healthcheck"] == {"disable": True}


def test_demo_data_loads_only_on_request(services):
    demo = services["demo"]
    assert demo["profiles"] == ["demo"]
    assert demo["command"] == ["python", "manage.py", "load_demo"]
    assert demo["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_app_services_read_their_settings_from_env_file(services):
    for name in ("migrate", "web", "worker", "demo"):
        assert services[name]["env_file"] == ".env"


def test_compose_holds_no_secret_literal(services):
    for name, service in services.items():
        for key, value in service.get("environment", {}).items():
            literal = INTERPOLATION.sub("", value)
            if SECRET_WORDS.search(key):
                assert literal == "", f"{name}: {key} is a literal"
            # A password inside a URL must come from .env as well.
            for password in re.findall(r"://[^:/@]*:([^@]*)@", literal):
                assert password == "", f"{name}: {key} holds a password"


def test_every_variable_compose_interpolates_is_in_env_example():
    text = (BASE_DIR / "docker-compose.yml").read_text()
    example = (BASE_DIR / ".env.example").read_text()
    for variable in set(re.findall(r"\$\{([A-Z_]+)", text)):
        assert re.search(rf"^{variable}=", example, re.MULTILINE), variable


def test_dockerfile_runs_gunicorn_as_an_unprivileged_user_with_a_health_check():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert re.search(r"^FROM python:[\d.]+-slim", dockerfile, re.MULTILINE)
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.MULTILINE)
    assert "EXPOSE 8000" in dockerfile
    assert 'CMD ["python", "docker/healthcheck.py"]' in dockerfile
    assert "collectstatic" in dockerfile
    assert "config/gunicorn.py" in dockerfile
    # Requirements are installed before the code is copied, so that layer stays cached.
    assert dockerfile.index("pip install -r requirements.txt") < dockerfile.index("COPY . .")


def test_docker_build_context_leaves_out_secrets_and_local_state():
    ignored = (BASE_DIR / ".dockerignore").read_text().split()
    assert {".env", ".git", ".venv", "db.sqlite3", "backups"} <= set(ignored)
