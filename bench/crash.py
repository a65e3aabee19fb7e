#!/usr/bin/env python3
"""Crash safety: SIGKILL refer at random moments of a write and check the ledger after.

    bench/crash.py --refer PATH --work DIR [--trials N] [--seed S] [--scenarios a,b,c] [--rows N]

Three scenarios, each from a ledger built once in DIR (data from bench/gen.py, seed "crash"):

  people   `refer import clients` of ROWS people into a ledger holding a third of them, some
           under other names (so the import both creates and updates): the WAL path.
  bulk     `refer import referrals` of ROWS referrals with a ~2.9 KB note each, a file over
           the 8 MiB that sends an import down the bulk path (indexes dropped and rebuilt,
           a rollback journal instead of the WAL, synchronous FULL).
  compute  the first `refer payouts compute` under sample-data/program.toml, which judges
           every referral (ROWS of them) in one transaction with a rollback journal.

A fourth, `split`, is not refer: a writer that changes the ledger in two transactions a
second apart, killed between them, which the checks must catch (tests/cli/crash_safety.sh runs it as their self-test).

For each, three uninterrupted runs on copies of the ledger give the after state (the three
must agree, or the canonical dump below keeps something volatile) and the command's time T.
Then every trial copies the before ledger, starts the command, sends SIGKILL after a delay
drawn uniformly from [0, 1.15 T] (random.Random(seed): the delays repeat, the moments the
kernel delivers them cannot), and checks, in this order:

  1. a read command (`clients`, `referrals`, `payouts list` as CSV) exits 0 and prints exactly
     what it prints on the before or on the after ledger: a reader never sees half a write;
  2. `PRAGMA integrity_check` is ok, `PRAGMA foreign_key_check` is empty, and the canonical
     dump (below) hashes to the before or to the after state;
  3. running the command again exits 0 and leaves exactly the after state, in WAL mode.

The canonical dump is the schema (sqlite_schema, so a dropped index counts), user_version,
application_id and every row of every table ordered by all its columns, leaving out the
clock's columns: clients.created_at and updated_at, events.at, programs.loaded_at.

A trial is `finished` when the command exited before the kill, else `killed`; a killed one
is `before` (nothing of its transaction reached the ledger files), `mid` (it left a hot
rollback journal or uncommitted WAL frames that the next open rolled back) or `after` (its
commit was complete). `corrupt` counts trials whose ledger failed step 2; `next failed`
those where step 1 or 3 failed. Exits 1 when either is not 0.
"""
import argparse
import csv
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VOLATILE = {("clients", "created_at"), ("clients", "updated_at"), ("events", "at"), ("programs", "loaded_at")}
ENV = dict(os.environ, REFER_TODAY="2026-11-23", NO_COLOR="1", USER="crash", REFER_BUSY_TIMEOUT_MS="10000")
ENV.pop("REFER_DB", None)


def canonical_hash(db):
    """sha256 of the ledger's content without the clock's columns; and integrity problems."""
    con = sqlite3.connect(db, isolation_level=None)
    try:
        problems = []
        integrity = [r[0] for r in con.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append("integrity_check: " + "; ".join(integrity[:5]))
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"foreign_key_check: {len(fk)} dangling references, first {fk[0]}")
        h = hashlib.sha256()
        for pragma in ("user_version", "application_id"):
            h.update(repr(con.execute(f"PRAGMA {pragma}").fetchone()).encode())
        schema = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name").fetchall()
        h.update(repr(schema).encode())
        for (table,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").fetchall():
            cols = [c[1] for c in con.execute(f'PRAGMA table_info("{table}")') if (table, c[1]) not in VOLATILE]
            listed = ", ".join(f'"{c}"' for c in cols)
            order = ", ".join(str(i + 1) for i in range(len(cols)))
            h.update(f"\n{table}({listed})\n".encode())
            for row in con.execute(f'SELECT {listed} FROM "{table}" ORDER BY {order}'):
                h.update(repr(row).encode())
                h.update(b"\n")
        return h.hexdigest(), problems
    finally:
        con.close()


def journal_mode(db):
    con = sqlite3.connect(db, isolation_level=None)
    try:
        return con.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        con.close()


def remove_ledger(db):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)


def refer(args, db, check=True):
    r = subprocess.run([ARGS.refer, "--db", db, *args], env=ENV, capture_output=True, text=True)
    if check and r.returncode != 0:
        sys.exit(f"crash.py: refer {' '.join(args)} on {db} exited {r.returncode}: {r.stderr.strip()}")
    return r


class Scenario:
    def __init__(self, name, command, read, build, signal_suffix=None):
        self.name, self.command, self.read, self.build = name, command, read, build
        # The command creates DB + suffix at the moment to kill it from (then 0 to 0.5 s later).
        self.signal_suffix = signal_suffix
        self.tally = dict(trials=0, finished=0, killed=0, before=0, mid=0, after=0,
                          before_state=0, after_state=0, corrupt=0, next_failed=0)

    def prepare(self, work):
        self.base = os.path.join(work, f"{self.name}.before.db")
        remove_ledger(self.base)
        self.build(self.base)
        self.before_hash, problems = canonical_hash(self.base)
        if problems:
            sys.exit(f"crash.py: {self.name}: the before ledger is broken: {problems}")
        self.before_read = refer(self.read, self.base).stdout
        self.trial_db = os.path.join(work, f"{self.name}.trial.db")
        times, hashes = [], set()
        for _ in range(3):
            self.fresh_copy()
            t0 = time.monotonic()
            subprocess.run(self.argv(self.trial_db), env=ENV, check=True, stdout=subprocess.DEVNULL)
            times.append(time.monotonic() - t0)
            h, problems = canonical_hash(self.trial_db)
            if problems:
                sys.exit(f"crash.py: {self.name}: an uninterrupted run left a broken ledger: {problems}")
            hashes.add(h)
        if len(hashes) != 1:
            sys.exit(f"crash.py: {self.name}: three uninterrupted runs left different ledgers: "
                     "the canonical dump keeps a volatile column")
        self.after_hash = hashes.pop()
        if self.after_hash == self.before_hash:
            sys.exit(f"crash.py: {self.name}: the command changes nothing; no test")
        self.after_read = refer(self.read, self.trial_db).stdout
        self.seconds = statistics.median(times)

    def argv(self, db):
        if callable(self.command):
            return self.command(db)
        return [ARGS.refer, "--db", db, "-q", *self.command]

    def fresh_copy(self):
        remove_ledger(self.trial_db)
        if self.signal_suffix and os.path.exists(self.trial_db + self.signal_suffix):
            os.remove(self.trial_db + self.signal_suffix)
        shutil.copyfile(self.base, self.trial_db)

    def trial(self, rng):
        t = self.tally
        t["trials"] += 1
        self.fresh_copy()
        delay = rng.uniform(0, 0.5) if self.signal_suffix else rng.uniform(0, 1.15 * self.seconds)
        proc = subprocess.Popen(self.argv(self.trial_db), env=ENV, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        if self.signal_suffix:
            deadline = time.monotonic() + 60
            while not os.path.exists(self.trial_db + self.signal_suffix) and time.monotonic() < deadline:
                time.sleep(0.01)
        time.sleep(delay)
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate()
        failures = []
        if not killed and proc.returncode != 0:
            failures.append(f"exited {proc.returncode} on its own: {err.decode().strip()}")
        if killed and proc.returncode != -signal.SIGKILL:  # the kill came as it exited
            killed = False
            if proc.returncode != 0:
                failures.append(f"exited {proc.returncode}: {err.decode().strip()}")
        journal = os.path.exists(self.trial_db + "-journal") and os.path.getsize(self.trial_db + "-journal") > 0
        wal = os.path.exists(self.trial_db + "-wal") and os.path.getsize(self.trial_db + "-wal") > 0

        read = refer(self.read, self.trial_db, check=False)
        if read.returncode != 0:
            failures.append(f"the next read exited {read.returncode}: {read.stderr.strip()}")
        elif read.stdout not in (self.before_read, self.after_read):
            failures.append("the next read printed neither the before nor the after listing")
        state, problems = canonical_hash(self.trial_db)
        if state not in (self.before_hash, self.after_hash):
            problems.append("the ledger is neither the before nor the after state")
        if problems:
            t["corrupt"] += 1
            self.keep_evidence(problems)

        if not killed:
            t["finished"] += 1
        else:
            t["killed"] += 1
            if state == self.after_hash:
                t["after"] += 1
            elif journal or wal:
                t["mid"] += 1
            else:
                t["before"] += 1
        if state == self.before_hash:
            t["before_state"] += 1
        elif state == self.after_hash:
            t["after_state"] += 1
        if state == self.before_hash and not killed:
            failures.append("the command exited 0 but the ledger is the before state")

        again = subprocess.run(self.argv(self.trial_db), env=ENV, capture_output=True, text=True)
        if again.returncode != 0:
            failures.append(f"running it again exited {again.returncode}: {again.stderr.strip()}")
        else:
            state_again, problems_again = canonical_hash(self.trial_db)
            if problems_again or state_again != self.after_hash:
                failures.append(f"running it again did not give the after state {problems_again}")
            elif journal_mode(self.trial_db) != "wal":
                failures.append(f"journal_mode {journal_mode(self.trial_db)} after running it again, not wal")
        if failures:
            t["next_failed"] += 1
            self.keep_evidence(failures)

    def keep_evidence(self, problems):
        n = self.tally["trials"]
        print(f"crash.py: {self.name} trial {n}: {'; '.join(problems)}", file=sys.stderr)


# The ledgers each scenario starts from.

def gen_data(work, rows):
    data = os.path.join(work, "data")
    stamp = os.path.join(data, ".params")
    params = f"clients={rows} referrals={rows} seed=crash"
    if os.path.exists(stamp) and open(stamp).read() == params:
        return data
    shutil.rmtree(data, ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen.py"), data, "--clients", str(rows),
                    "--referrals", str(rows), "--seed", "crash"], check=True, stderr=subprocess.DEVNULL)
    with open(os.path.join(data, "clients.csv"), newline="") as f:
        people = list(csv.reader(f))
    # A third of the people, every third of them under an older name: the import updates them.
    with open(os.path.join(data, "people-before.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(people[0])
        for i, row in enumerate(people[1:len(people) // 3]):
            w.writerow([row[0], row[1] + " (old)", *row[2:]] if i % 3 == 0 else row)
    # Notes that take the file over 8 MiB: the bulk path.
    with open(os.path.join(data, "referrals.csv"), newline="") as f:
        referrals = list(csv.reader(f))
    note = max(100, (9 << 20) // max(1, len(referrals) - 1) - 130)
    with open(os.path.join(data, "referrals-bulk.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(referrals[0] + ["note"])
        for i, row in enumerate(referrals[1:]):
            w.writerow(row + [(f"note {i} " * (note // 6 + 1))[:note]])
    if os.path.getsize(os.path.join(data, "referrals-bulk.csv")) <= 8 << 20:
        sys.exit("crash.py: the bulk referral file is not over 8 MiB")
    with open(stamp, "w") as f:
        f.write(params)
    return data


def scenarios(data):
    clients, bulk = os.path.join(data, "clients.csv"), os.path.join(data, "referrals-bulk.csv")
    program = os.path.join(ROOT, "sample-data", "program.toml")

    def people_before(db):
        refer(["-q", "import", "clients", os.path.join(data, "people-before.csv")], db)

    def bulk_before(db):
        refer(["-q", "import", "clients", clients], db)

    def compute_before(db):
        refer(["-q", "import", "clients", clients], db)
        refer(["-q", "import", "referrals", os.path.join(data, "referrals.csv")], db)
        refer(["-q", "program", "load", program], db)

    def checkpoint(build):
        def built(db):
            build(db)
            sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        return built

    # Not refer: a writer that changes the ledger in two transactions a second apart, killed
    # between them (up to 0.5 s after it says the first is committed). The harness must call
    # that corrupt (the self-test of tests/cli/crash_safety.sh).
    split_writer = """import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
for half in (0, 1):
    con.execute("BEGIN IMMEDIATE")
    con.execute("UPDATE clients SET name = name || ' x' WHERE id % 2 = ?", (half,))
    con.execute("COMMIT")
    if half == 0:
        open(sys.argv[1] + ".first-commit", "w").close()
        time.sleep(1)
"""

    return [
        Scenario("split", lambda db: [sys.executable, "-c", split_writer, db], ["clients", "--format", "csv"],
                 checkpoint(people_before), signal_suffix=".first-commit"),
        Scenario("people", ["import", "clients", clients], ["clients", "--format", "csv"], checkpoint(people_before)),
        Scenario("bulk", ["import", "referrals", bulk], ["referrals", "--format", "csv"], checkpoint(bulk_before)),
        Scenario("compute", ["payouts", "compute"], ["payouts", "list", "--format", "csv"], checkpoint(compute_before)),
    ]


def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--refer", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--trials", type=int, default=1000, help="over all scenarios, in turn (default 1000)")
    ap.add_argument("--seed", default=None, help="delays' seed (default: a random one, printed)")
    ap.add_argument("--scenarios", default="people,bulk,compute",
                    help="any of people, bulk, compute, and split (a writer the harness must catch)")
    ap.add_argument("--rows", type=int, default=3000, help="people and referrals in the data (default 3000)")
    ARGS = ap.parse_args()
    seed = ARGS.seed if ARGS.seed is not None else str(random.SystemRandom().randrange(10**9))
    print(f"crash: seed {seed} (again: --seed {seed}), {ARGS.trials} trials, refer {ARGS.refer}", flush=True)
    os.makedirs(ARGS.work, exist_ok=True)
    data = gen_data(ARGS.work, ARGS.rows)
    chosen = [s for s in scenarios(data) if s.name in ARGS.scenarios.split(",")]
    for s in chosen:
        s.prepare(ARGS.work)
        what = "refer " + " ".join(s.command[:2]) if isinstance(s.command, list) else "the command"
        print(f"crash: {s.name}: {what} takes {s.seconds:.2f} s uninterrupted", flush=True)
    rng = random.Random(seed)
    started = time.monotonic()
    # SIGTERM or ^C stops early, with the tally of the trials done.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        for i in range(ARGS.trials):
            chosen[i % len(chosen)].trial(rng)
            if (i + 1) % 100 == 0 and i + 1 < ARGS.trials:
                done = {k: sum(s.tally[k] for s in chosen) for k in ("killed", "corrupt", "next_failed")}
                print(f"crash: {i + 1} trials, {time.monotonic() - started:.0f} s: killed {done['killed']}, "
                      f"corrupt {done['corrupt']}, next-failed {done['next_failed']}", flush=True)
    except KeyboardInterrupt:
        print("crash: stopped early", flush=True)
    keys = ["trials", "finished", "killed", "before", "mid", "after", "before_state", "after_state", "corrupt",
            "next_failed"]
    heads = ["trials", "finished", "killed", "killed-before", "killed-mid", "killed-after", "before-state",
             "after-state", "corrupt", "next-failed"]
    print(f"{'scenario':<9}" + "".join(f"{h:>14}" for h in heads))
    total = {k: 0 for k in keys}
    for s in chosen:
        print(f"{s.name:<9}" + "".join(f"{s.tally[k]:>14}" for k in keys))
        for k in keys:
            total[k] += s.tally[k]
    print(f"{'total':<9}" + "".join(f"{total[k]:>14}" for k in keys))
    print(f"crash: seed {seed}: {total['trials']} trials in {time.monotonic() - started:.0f} s, "
          f"corrupt={total['corrupt']} next-failed={total['next_failed']}")
    return 1 if total["corrupt"] or total["next_failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
