"""`make bench SCALE=province`: the portal at province scale on PostgreSQL (issue 19).

Generates 100 departments with 1,000,000 officers and their certificates, 825,000 annual reviews,
1,000,000 training records (and the assessments the 40-hour rule reads) and 200,000 major
decisions with COPY, in databases of their own on the server DATABASE_URL names (``bench_small``
with a tenth of the rows, ``bench``), then:

- runs every deadline check on both (first run, rerun) and prints the growth factor;
- serves the portal with gunicorn (2 workers, DEBUG off, persistent connections) beside a bare
  Django view (one indexed query, JSON) on the same database, and requests each page in
  interleaved rounds: median, p95, queries per request, and the ratio to the bare view.

Absolute times vary on a shared machine; the ratios are the result. Options: ``--officers N``
(default 1,000,000), ``--rounds N``, ``--skip-generate`` (reuse the databases), ``--only checks``
or ``--only serve``; ``--keep-pristine`` copies each generated database to ``NAME_pristine`` (the
checks change the data) and ``--from-pristine`` recreates them from those copies and migrates them
instead of generating, so that first runs can be measured again.
"""

import argparse
import datetime
import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from decimal import Decimal
from pathlib import Path

SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789"  # noqa: S105
ROOT = Path(__file__).resolve().parent.parent
DEPARTMENTS = 100


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = _free_port()
CHECK_DAY = datetime.date(2027, 1, 4)  # the first working day of 2027: the year-end check too


def _database_url(name: str) -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    parts = urllib.parse.urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        sys.exit("The province bench needs PostgreSQL: set DATABASE_URL=postgres://...")
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def _setup_django(database: str):
    os.environ["DATABASE_URL"] = _database_url(database)
    # The server reads the session this process signs in.
    os.environ["SECRET_KEY"] = SECRET_KEY
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supervision.settings")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
    import django

    django.setup()


def _use_database(name: str):
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = name


def _admin_sql(*statements):
    import psycopg

    with psycopg.connect(_database_url("postgres"), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


# Data -----------------------------------------------------------------------------------------


def _fixtures():
    """The departments, entities, categories, courses and users, through the ORM (a few hundred
    rows); returns what the generators need."""
    from cases.models import MajorDecisionCategory
    from entities.models import EnforcementEntity
    from supervision.demo import demo_credit_code
    from supervision.models import Department, Jurisdiction, User
    from training.models import ContentArea, Course

    root = Jurisdiction.objects.root()
    legal_office = Department.objects.create(
        jurisdiction=root,
        code="FZB",
        name="省人民政府法制办公室",
        region="省",
        credit_code=demo_credit_code("00300001"),
        is_legal_office=True,
    )
    legal = User.objects.create_user(
        "bench_legal", password="bench-password-1", role=User.Role.LEGAL_OFFICE
    )
    legal.department = legal_office
    legal.save()
    departments = []
    for n in range(DEPARTMENTS):
        department = Department.objects.create(
            jurisdiction=root,
            code=f"B{n:03d}",
            name=f"测试执法局{n:03d}",
            region="省",
            credit_code=demo_credit_code(f"0070{n:04d}"),
        )
        entity = EnforcementEntity.objects.create(
            department=department,
            name=department.name,
            kind="statutory",
            legal_basis="某法",
            status="published",
            published_on=datetime.date(2020, 1, 1),
        )
        category = MajorDecisionCategory.objects.create(
            department=department, title="较大数额罚款", criteria="20万元以上"
        )
        course = Course.objects.create(
            department=department,
            title="2026年度执法培训",
            kind=Course.Kind.DEPARTMENT,
            organiser=department.name,
            starts_on=datetime.date(2026, 6, 1),
            ends_on=datetime.date(2026, 6, 30),
            hours=Decimal(40),
            content_areas=[ContentArea.PENALTY_LAW, ContentArea.ETHICS],
        )
        User.objects.create_user(
            f"bench_clerk_{n:03d}",
            email=f"clerk{n:03d}@example.gov.cn",
            role=User.Role.CLERK,
            department=department,
        )
        departments.append((department, entity.pk, category.pk, course.pk))
    return departments


def _copy(table: str, columns: list[str], rows):
    from django.db import connection

    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def _citizen_id(n: int) -> str:
    from supervision.validators import citizen_id_check_character

    born = datetime.date(1960, 1, 1) + datetime.timedelta(days=n // 500)
    body = f"341302{born:%Y%m%d}{n % 500 + 100:03d}"
    return body + citizen_id_check_character(body)


def generate(officers: int) -> dict:  # noqa: C901 - one generator per table, read in order
    """Everything, with COPY; returns row counts and seconds."""
    from django.db import connection

    from personnel.services import annual_review_due

    started = time.perf_counter()
    departments = _fixtures()
    rng = random.Random(19)
    now = datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC)
    per_department = officers // DEPARTMENTS
    review_due = {2026: annual_review_due(2026), 2027: annual_review_due(2027)}
    first_issue = datetime.date(2021, 12, 1)
    span = (datetime.date(2026, 12, 31) - first_issue).days
    counts = dict.fromkeys(("officers", "certificates", "reviews", "training", "decisions"), 0)

    def officer_rows():
        for d, (department, entity_id, _c, _course) in enumerate(departments):
            for i in range(per_department):
                n = d * per_department + i
                yield (
                    n + 1,
                    f"人员{n}",
                    _citizen_id(n),
                    "执法科科员",
                    True,
                    now,
                    department.pk,
                    entity_id,
                    "",
                    "",
                )

    _copy(
        "personnel_officer",
        [
            "id",
            "name",
            "citizen_id",
            "post",
            "on_establishment",
            "created_at",
            "department_id",
            "entity_id",
            "photo",
            "photo_name",
        ],
        officer_rows(),
    )
    counts["officers"] = per_department * DEPARTMENTS

    reviewed = set()

    def certificate_rows():
        sequences = {}
        for d, (department, *_rest) in enumerate(departments):
            for i in range(per_department):
                n = d * per_department + i
                issued = first_issue + datetime.timedelta(days=rng.randrange(span))
                key = (department.code, issued.year)
                sequences[key] = sequences.get(key, 0) + 1
                number = f"皖ZF{department.code}{issued.year}{sequences[key]:05d}"
                passed = rng.random() < 0.825
                if passed:
                    reviewed.add(n + 1)
                expires = issued + datetime.timedelta(days=5 * 365)
                due = review_due[2027 if passed else 2026]
                status = "valid" if expires >= datetime.date(2026, 12, 1) else "expired"
                yield (n + 1, "enforcement", number, issued, expires, status, "", due, now, n + 1)

    _copy(
        "personnel_certificate",
        [
            "id",
            "kind",
            "number",
            "issued_on",
            "expires_on",
            "status",
            "status_reason",
            "review_due",
            "created_at",
            "officer_id",
        ],
        certificate_rows(),
    )
    counts["certificates"] = counts["officers"]

    def review_rows():
        for pk in sorted(reviewed):
            yield (pk, 2026, "passed", datetime.date(2026, 3, 1), "", now, pk)

    _copy(
        "personnel_annualreview",
        ["id", "year", "result", "reviewed_on", "note", "created_at", "certificate_id"],
        review_rows(),
    )
    counts["reviews"] = len(reviewed)

    def training_rows():
        for d, (_dep, _e, _c, course_id) in enumerate(departments):
            for i in range(per_department):
                n = d * per_department + i
                hours = Decimal(40) if rng.random() < 0.9 else Decimal(20)
                yield (n + 1, hours, 2026, now, course_id, n + 1)

    _copy(
        "training_trainingrecord",
        ["id", "hours", "year", "created_at", "course_id", "officer_id"],
        training_rows(),
    )
    counts["training"] = counts["officers"]

    def assessment_rows():
        for n in range(counts["officers"]):
            if rng.random() < 0.95:
                yield (n + 1, 2026, Decimal(85), True, datetime.date(2026, 7, 1), "", now, n + 1)

    _copy(
        "training_assessment",
        ["id", "year", "score", "passed", "assessed_on", "note", "created_at", "officer_id"],
        assessment_rows(),
    )

    def decision_rows():
        total = officers // 5
        for n in range(total):
            department, _e, category_id, _course = departments[n % DEPARTMENTS]
            created = now + datetime.timedelta(minutes=n)
            decided = datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 360)
            filed = n % 10 != 0
            yield (
                n + 1,
                f"决定〔2026〕{n + 1}号",
                "某公司违法案",
                "某公司",
                "拟处罚款。",
                "passed",
                "",
                created,
                decided,
                decided,
                decided + datetime.timedelta(days=15),
                False,
                decided + datetime.timedelta(days=10) if filed else None,
                created,
                created,
                department.pk,
                category_id,
                "",
                "",
            )

    _copy(
        "cases_majordecision",
        [
            "id",
            "case_number",
            "title",
            "party",
            "summary",
            "review_status",
            "review_opinion",
            "reviewed_at",
            "reviewed_on",
            "decision_date",
            "filing_due",
            "filing_due_provisional",
            "filed_on",
            "created_at",
            "updated_at",
            "department_id",
            "category_id",
            "receipt",
            "return_reason",
        ],
        decision_rows(),
    )
    counts["decisions"] = officers // 5
    with connection.cursor() as cursor:
        for table in (
            "personnel_officer",
            "personnel_certificate",
            "personnel_annualreview",
            "training_trainingrecord",
            "training_assessment",
            "cases_majordecision",
        ):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
    connection.close()
    import psycopg

    with psycopg.connect(_database_url(connection.settings_dict["NAME"]), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


# Deadline checks ------------------------------------------------------------------------------


def run_checks(day=CHECK_DAY) -> dict[str, float]:
    """Each registered rule as the engine runs it (act, drafts, notices, e-mails): seconds."""
    from django.db import transaction

    from supervision import notices
    from supervision.calendar import WorkingCalendar
    from supervision.deadlines import in_portal_language, registered_rules

    calendar = WorkingCalendar.load()
    times = {}
    for rule in registered_rules():
        started = time.perf_counter()
        with in_portal_language():
            with transaction.atomic():
                rule.act(day)
            drafts = list(rule.drafts(day, calendar))
        if drafts:
            notices.issue(drafts, rule=rule.name, day=day)
        times[rule.name] = time.perf_counter() - started
    return times


# Serving --------------------------------------------------------------------------------------


def _session_cookie() -> str:
    from django.test import Client

    from supervision.models import User

    client = Client()
    client.force_login(User.objects.get(username="bench_legal"))
    return f"sessionid={client.cookies['sessionid'].value}"


def _targets(cookie):
    from cases.models import MajorDecision
    from personnel.models import Certificate

    number = Certificate.objects.order_by("-id").values_list("number", flat=True)[1000]
    quoted = urllib.parse.quote(number)
    missing = urllib.parse.quote("皖ZFB999202699999")
    from supervision.web.paging import encode_cursor

    certificates = Certificate.objects.order_by("-issued_on", "-id").values_list("issued_on", "id")
    middle = certificates[Certificate.objects.count() // 2]
    cursor = encode_cursor(list(middle), before=False)
    decisions = MajorDecision.objects.order_by("-created_at", "-id").values_list("created_at", "id")
    deep_decision = decisions[MajorDecision.objects.count() // 2]
    decision_cursor = encode_cursor(list(deep_decision), before=False)
    public = {}
    staff = {"Cookie": cookie}
    return [
        ("bare view (one indexed query)", f"/bench/bare/?number={quoted}", public, "public"),
        (
            "public API lookup by number",
            f"/api/v1/public/certificates/?number={quoted}",
            public,
            "public",
        ),
        (
            "public API lookup, number missing",
            f"/api/v1/public/certificates/?number={missing}",
            public,
            "public",
        ),
        ("certificate verification page", f"/public/certificates/{quoted}/", public, "public"),
        ("officers API, page 1", "/api/v1/officers/", staff, "staff"),
        ("certificates API, page 1", "/api/v1/certificates/", staff, "staff"),
        (
            "certificates API, middle row (cursor)",
            f"/api/v1/certificates/?cursor={cursor}",
            staff,
            "staff",
        ),
        ("decisions API, page 1", "/api/v1/decisions/", staff, "staff"),
        (
            "decisions API, middle row (cursor)",
            f"/api/v1/decisions/?cursor={decision_cursor}",
            staff,
            "staff",
        ),
        ("officer list page", "/personnel/officers/", staff, "staff"),
        ("certificate list page", "/personnel/certificates/", staff, "staff"),
        ("decision list page", "/cases/decisions/", staff, "staff"),
    ]


def _serve(database: str):
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(database),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TWO_FACTOR_ROLES": "nobody",
        "PUBLIC_API_RATE": "1000000/s",
        "PUBLIC_PAGE_RATE": "1000000/s",
    }
    if not (Path(tempfile.gettempdir()) / "bench-static" / "staticfiles.json").exists():
        subprocess.run(
            [str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    return subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "bench.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )


def _get(conn, path, headers):
    started = time.perf_counter()
    # As behind the TLS proxy of production (SECURE_SSL_REDIRECT is on with DEBUG off).
    conn.request(
        "GET", path, headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https", **headers}
    )
    response = conn.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    return elapsed, response.status, int(response.getheader("X-Queries", "-1"))


def measure(targets, rounds: int, per_round: int) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    samples = {name: [] for name, *_ in targets}
    queries = {}
    for name, path, headers, _kind in targets:  # warm up each worker
        for _ in range(4):
            _elapsed, status, count = _get(conn, path, headers)
            if status not in (200, 404):
                raise SystemExit(f"{name}: {path} answered {status}")
            queries[name] = count
    for _ in range(rounds):
        for name, path, headers, _kind in targets:
            for _ in range(per_round):
                elapsed, _status, _count = _get(conn, path, headers)
                samples[name].append(elapsed)
    return {name: (samples[name], queries[name]) for name in samples}


def _p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def serve_and_measure(database: str, rounds: int, per_round: int):
    _setup_connection_for(database)
    cookie = _session_cookie()
    targets = _targets(cookie)
    server = _serve(database)
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=2).request(
                    "GET", "/bench/bare/?number=x"
                )
                break
            except OSError:
                time.sleep(0.2)
        results = measure(targets, rounds, per_round)
    finally:
        server.terminate()
        server.wait(30)
    bare_samples, _q = results[targets[0][0]]
    bare_median, bare_p95 = statistics.median(bare_samples), _p95(bare_samples)
    print()
    print("| what | median ms | p95 ms | queries | median vs bare (speed) | p95 / bare p95 |")
    print("|---|---|---|---|---|---|")
    for name, *_rest in targets:
        samples, count = results[name]
        median, p95 = statistics.median(samples), _p95(samples)
        print(
            f"| {name} | {median * 1000:.1f} | {p95 * 1000:.1f} | {count} | "
            f"{bare_median / median:.2f}× | {p95 / bare_p95:.2f}× |"
        )


def _setup_connection_for(database):
    _use_database(database)


def check_table(small: dict, big: dict, small_rerun: dict, big_rerun: dict, rows_small, rows_big):
    print()
    print(
        f"| rule | {rows_small:,} officers: first s | rerun s | {rows_big:,}: first s | rerun s | growth | rerun / first |"
    )
    print("|---|---|---|---|---|---|---|")
    for name in big:
        growth = big[name] / small[name] if small[name] > 0.0005 else float("nan")
        ratio = big_rerun[name] / big[name] if big[name] > 0 else float("nan")
        print(
            f"| {name} | {small[name]:.2f} | {small_rerun[name]:.2f} | {big[name]:.2f} | "
            f"{big_rerun[name]:.2f} | {growth:.1f}× | {ratio:.0%} |"
        )
    print(
        f"| **all rules** | {sum(small.values()):.1f} | {sum(small_rerun.values()):.1f} | "
        f"{sum(big.values()):.1f} | {sum(big_rerun.values()):.1f} | "
        f"{sum(big.values()) / sum(small.values()):.1f}× | {sum(big_rerun.values()) / sum(big.values()):.0%} |"
    )


def main(argv):
    parser = argparse.ArgumentParser(prog="python -m bench --scale province")
    parser.add_argument("--officers", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--per-round", type=int, default=5)
    parser.add_argument("--skip-generate", action="store_true")
    parser.add_argument("--only", choices=["checks", "serve"])
    parser.add_argument(
        "--keep-pristine",
        action="store_true",
        help="after generating, copy each database to NAME_pristine (the checks change the data)",
    )
    parser.add_argument(
        "--from-pristine",
        action="store_true",
        help="instead of generating, recreate each database from NAME_pristine and migrate it",
    )
    parser.add_argument(
        "--database",
        default="bench",
        help="and NAME_small for a tenth, NAME_template for the schema",
    )
    args = parser.parse_args(argv)
    small_rows = args.officers // 10
    small = f"{args.database}_small"
    template = f"{args.database}_template"  # each --database its own schema (branches differ)
    _setup_django("postgres")
    from django.core.management import call_command

    if not args.skip_generate and not args.from_pristine:
        import psycopg

        with psycopg.connect(_database_url("postgres"), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if exists.fetchone() is None:
                conn.execute(f"CREATE DATABASE {template}")
        _use_database(template)
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        from django.db import connection

        connection.close()
        print(f"migrated the template database in {time.perf_counter() - started:.0f} s")
        for name, rows in ((small, small_rows), (args.database, args.officers)):
            _admin_sql(
                f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name} TEMPLATE {template}"
            )
            _use_database(name)
            counts = generate(rows)
            print(f"generated {name}: {counts}")
            if args.keep_pristine:
                _admin_sql(
                    f"DROP DATABASE IF EXISTS {name}_pristine",
                    f"CREATE DATABASE {name}_pristine TEMPLATE {name}",
                )
    elif args.from_pristine:
        for name in (small, args.database):
            _admin_sql(
                f"DROP DATABASE IF EXISTS {name}",
                f"CREATE DATABASE {name} TEMPLATE {name}_pristine",
            )
            _use_database(name)
            started = time.perf_counter()
            call_command("migrate", verbosity=0)
            from django.db import connection

            connection.close()
            print(
                f"recreated {name} from {name}_pristine, migrated in {time.perf_counter() - started:.0f} s"
            )
    if args.only != "checks":
        serve_and_measure(args.database, args.rounds, args.per_round)
    if args.only != "serve":
        times = {}
        for name in (small, args.database):
            _use_database(name)
            first = run_checks()
            rerun = run_checks()
            times[name] = (first, rerun)
            print(
                f"deadline checks on {name}: first {sum(first.values()):.1f} s, rerun {sum(rerun.values()):.1f} s"
            )
        check_table(
            times[small][0],
            times[args.database][0],
            times[small][1],
            times[args.database][1],
            small_rows,
            args.officers,
        )
