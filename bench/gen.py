#!/usr/bin/env python3
"""Deterministic, streaming benchmark data for refer: a CRM client export, a referral
spreadsheet and (optionally) an NPS survey, as refer's imports read them.

    bench/gen.py OUTDIR --clients N --referrals M [--nps-rate R] [--seed S]

Writes OUTDIR/clients.csv, OUTDIR/referrals.csv and, when R > 0, OUTDIR/nps.csv. Same
arguments, same bytes. Memory stays small whatever the size (a few arrays of numbers per
client, about 15 bytes each): no row is kept after it is written.

How uniqueness is kept without remembering emails: every person (client or referee) has a
slot; a slot names a company and a rank within it, and an email is the person's local part,
the rank as a digit suffix when it is not the first, and the company's domain. Companies of
clients and of referees come from disjoint index ranges, and a company index maps to one
domain only, so emails never repeat (case-insensitively: they are lowercase underneath) and
no referee has a client's email. A client's identity (name, email, start date) is a pure
function of its number, so referrals.csv can name its referrer without a table of emails.
"""
import argparse
import array
import bisect
import csv
import datetime
import hashlib
import math
import os
import random
import sys
import time

FIRST_DAY = datetime.date(2019, 1, 1)
LAST_START = datetime.date(2026, 10, 31)  # the latest started_on
TODAY = datetime.date(2026, 11, 23)       # nothing happens after this day
N_DAYS = (TODAY - FIRST_DAY).days + 1
START_DAYS = (LAST_START - FIRST_DAY).days + 1
DAY = [(FIRST_DAY + datetime.timedelta(days=d)).isoformat() for d in range(N_DAYS)]
LAST = N_DAYS - 1

FIRST_NAMES = """Aaron Abigail Adrian Alan Alicia Amelia Andre Angela Arjun Ava Barry Beatrice
Bianca Blake Brian Caleb Camila Carlos Carmen Cecilia Chloe Colin Connor Dana Daniel Darius
Deepa Derek Diana Dominic Edgar Eleanor Elena Elliot Emma Erin Ethan Fiona Florence Gabriel
Gavin Grace Hannah Harvey Hector Holly Ian Irene Isaac Ivy Jacob Jasmine Javier Joanna Jonah
Julia Kai Karen Keith Kenji Laura Leah Leon Lucy Luis Mabel Marcus Maria Martin Maya Miles
Mira Nadia Nathan Neil Nina Noel Olga Oliver Oscar Paige Paula Pedro Quentin Rachel Rafael
Rosa Ruby Ryan Sabrina Samir Sara Sean Simone Sofia Stella Tara Theo Tomas Uma Valerie Victor
Vivian Wade Wendy Xavier Yara Yusuf Zach Zara""".split()
LAST_NAMES = """Abbott Acosta Alvarado Atkins Bai Banerjee Barker Becker Bishop Blackwell
Bolton Bowen Brennan Burke Caldwell Cannon Carver Chandler Chang Cho Conway Cortez Craig
Dalton Dawson Delgado Dorsey Doyle Drake Duffy Easton Ellison Estrada Farley Finch Fleming
Flynn Frost Fuller Gallagher Garner Gill Glover Goodwin Hale Hanson Harper Hayden Hobbs
Holland Hooper Hsu Ibarra Ingram Iyer Jacobs Joshi Kane Keller Khan Kirby Knox Lambert Lang
Larson Levy Lowe Lynch Mack Maddox Malik Mann Marsh Mccoy Mehta Mercer Molina Monroe Nash
Navarro Noble Norris Novak Obi Ortega Pace Park Pham Pruitt Quinn Rahman Ramsey Reid Rhodes
Riggs Rojas Saito Santana Schultz Serrano Shah Shepherd Sims Sloan Soto Stark Strong Sutton
Tan Tate Thornton Townsend Vance Vaughn Vega Wade Walsh Weber Whitaker Wolfe Yoon Zamora
O'Connor O'Hara D'Souza""".split()
# (display first, display last, email first, email last): names that need UTF-8 all the way.
UNICODE_NAMES = [
    ("Ángel", "Ibáñez", "angel", "ibanez"), ("Chloé", "Girard", "chloe", "girard"),
    ("Björn", "Lindqvist", "bjorn", "lindqvist"), ("Małgorzata", "Zając", "malgorzata", "zajac"),
    ("Jiří", "Horák", "jiri", "horak"), ("Sinéad", "Ó Briain", "sinead", "obriain"),
    ("Niño", "Peña", "nino", "pena"), ("Göran", "Strömberg", "goran", "stromberg"),
    ("Anaïs", "Lefèbvre", "anais", "lefebvre"), ("Şebnem", "Öztürk", "sebnem", "ozturk"),
    ("Ярослав", "Соколов", "yaroslav", "sokolov"), ("Ελένη", "Παππά", "eleni", "pappa"),
    ("美咲", "佐藤", "misaki", "sato"), ("Thảo", "Trần", "thao", "tran"),
    ("Dagný", "Þórsdóttir", "dagny", "thorsdottir"), ("Mãe", "Conceição", "mae", "conceicao"),
]
ADJECTIVES = """Acme Alder Amber Apex Arbor Aspen Atlas Azure Basalt Beacon Birch Bluff Bright
Canopy Cedar Cinder Cobalt Comet Coral Crest Delta Dune Ember Falcon Fern Fjord Flint Forge
Gable Glacier Granite Harbor Hazel Horizon Indigo Iris Juniper Kestrel Lantern Linden Lumen
Maple Marble Meridian Mesa Nimbus Northwind Oak Onyx Orchard Osprey Pebble Pinnacle Quarry
Quill Raven Redwood Ridge Sable Sage Sierra Slate Spruce Summit Tidal Timber Topaz Vale Willow
Zenith""".split()
NOUNS = """Advisory Analytics Architects Assembly Audio Bakehouse Biotech Brands Build Cargo
Clinic Cloud Coaching Concepts Dental Devices Dynamics Energy Engineering Fabrication Farms
Finance Fitness Foods Freight Furniture Goods Health Imaging Insights Interiors Labs Legal
Lighting Logic Machines Marine Media Medical Metrics Mobility Motion Optics Outdoors Payments
Pharma Plastics Power Print Realty Recruiting Robotics Security Signals Software Sports
Staffing Studios Supply Systems Telecom Textiles Therapy Tooling Travel Ventures Vision Water
Wireless Works""".split()
# Spellings of a domain stem; together with adjective and noun they name a company uniquely.
STEM_FORMS = ["{a}{n}", "{a}-{n}", "{a}{n}hq", "get{a}{n}", "{a}{n}group", "{a}{n}co",
              "the{a}{n}", "{a}{n}global", "{a}{n}inc", "{a}{n}team"]
LEGAL = ["", "", "", "", "Inc.", "LLC", "Ltd", "GmbH", "Co.", "Group", "Corp.", "S.A.", "B.V.",
         "& Partners", "Pty Ltd", "AB"]
TLDS = [".com"] * 12 + [".io", ".co", ".net", ".org", ".co.uk", ".de", ".fr", ".ca", ".com.au",
                         ".nl", ".se", ".es"]
INDUSTRIES = ["software", "healthcare", "manufacturing", "retail", "finance", "logistics",
              "education", "hospitality", "construction", "media", "energy", "real-estate",
              "professional-services", "nonprofit", "telecom", "agriculture", "legal",
              "marketing"]
FREE_MAIL = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "hotmail.com"]
CLIENT_SOURCES = [("inbound", 34), ("outbound", 28), ("referral", 22), ("partner", 10), ("event", 6)]
REFERRAL_SOURCES = [("client", 86), ("partner", 7), ("employee", 3), ("advisor", 2), ("other", 2)]
TAGS = ["enterprise", "smb", "mid-market", "vip", "churn-risk", "upsell", "beta", "champion",
        "newsletter", "case-study", "renewal-q1", "renewal-q3", "partner-managed", "onsite"]
# The pipeline, one step at a time: (status reached, chance of being lost at this step,
# chance of stalling here for good, days to the next step as (minimum, mean of the rest, max)).
STEPS = [("contacted", 0.04, 0.08, (0, 1.5, 10)),
         ("meeting", 0.12, 0.14, (2, 9.0, 45)),
         ("qualified", 0.10, 0.17, (3, 14.0, 90)),
         ("won", 0.22, 0.21, (7, 35.0, 180))]
LOST_AFTER = (1, 12.0, 120)  # days from the last step reached to lost
NPS_SCORES = [(0, 2), (1, 1), (2, 1), (3, 2), (4, 3), (5, 5), (6, 7), (7, 12), (8, 19), (9, 22),
              (10, 26)]
NPS_COMMENTS = {
    "promoter": ["Great team, quick answers.", "We'd recommend you to anyone",
                 'Our "go-to" partner for this', "Onboarding took a day; impressive",
                 "Reports save us hours, thanks!", "Solid, reliable, friendly"],
    "passive": ["Fine overall, a few rough edges", "Price is high, value is OK",
                "Slow to answer, good once they do", 'Wish there were a "bulk edit"',
                "Does the job."],
    "detractor": ["Invoices were wrong twice", "Nobody followed up, again.",
                  "Too expensive for what it does", 'The "new" dashboard is worse',
                  "Support closed my ticket, unsolved"],
}

MASK = (1 << 64) - 1


def mix(x):
    """splitmix64: a well-spread 64-bit hash of x."""
    x = (x + 0x9E3779B97F4A7C15) & MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK
    return x ^ (x >> 31)


def seed_key(seed, stream):
    return int.from_bytes(hashlib.sha256(f"{seed}:{stream}".encode()).digest()[:8], "little")


def weighted(pairs):
    """A function of u in [0, 1) picking a value by weight."""
    total = sum(w for _, w in pairs)
    edges, acc = [], 0
    for _, w in pairs:
        acc += w
        edges.append(acc / total)
    values = [v for v, _ in pairs]
    return lambda u: values[min(bisect.bisect_right(edges, u), len(values) - 1)]


def dollars(cents):
    return "%d.%02d" % divmod(cents, 100)


class Permutation:
    """i -> (a * i + b) mod n with gcd(a, n) = 1: spreads neighbours over [0, n)."""

    def __init__(self, n, key):
        self.n = max(n, 1)
        a = (key | 1) % self.n or 1
        while math.gcd(a, self.n) != 1:
            a += 1
        self.a, self.b = a, (key >> 32) % self.n

    def __call__(self, i):
        return (self.a * i + self.b) % self.n


# Ten slots in a row make seven companies of sizes 1, 1, 1, 1, 1, 2 and 3: most people are
# alone at their company, some share it (and then the rank keeps their emails apart).
SLOT_COMPANY = [0, 1, 2, 3, 4, 5, 5, 6, 6, 6]
SLOT_RANK = [0, 0, 0, 0, 0, 0, 1, 0, 1, 2]


def company_of_slot(slot):
    block, at = divmod(slot, 10)
    return 7 * block + SLOT_COMPANY[at], SLOT_RANK[at]


class Companies:
    """Company index -> (name, domain, industry); one index, one domain."""

    def __init__(self):
        self.per_round = len(ADJECTIVES) * len(NOUNS) * len(STEM_FORMS)
        stems = {f.format(a=a.lower(), n=n.lower()) for a in ADJECTIVES for n in NOUNS for f in STEM_FORMS}
        assert len(stems) == self.per_round, "domain stems must be unique"
        self.cache = {}

    def __call__(self, index):
        c = self.cache.get(index)
        if c is None:
            if len(self.cache) > 50_000:  # a bounded memo: most lookups are random
                self.cache.clear()
            h = mix(index ^ 0x5EED)
            # Scramble within a round so consecutive indexes do not share an adjective.
            rnd, at = divmod(index, self.per_round)
            at = (at * 7919 + rnd) % self.per_round
            at, form = divmod(at, len(STEM_FORMS))
            a, n = divmod(at, len(NOUNS))
            adj, noun = ADJECTIVES[a], NOUNS[n]
            stem = STEM_FORMS[form].format(a=adj.lower(), n=noun.lower()) + (str(rnd + 1) if rnd else "")
            legal = LEGAL[h % len(LEGAL)]
            name = f"{adj} {noun}" + (f" {legal}" if legal else "")
            c = (name, stem + TLDS[(h >> 8) % len(TLDS)], INDUSTRIES[(h >> 16) % len(INDUSTRIES)])
            self.cache[index] = c
        return c


def person_name(h):
    """Display name and the ASCII first and last names an email is made of, from hash bits."""
    quirk = (h & 0xFFFF) % 1000
    if quirk < 12:
        first, last, ef, el = UNICODE_NAMES[((h >> 16) & 0xFFFF) % len(UNICODE_NAMES)]
        return f"{first} {last}", ef, el
    first = FIRST_NAMES[((h >> 16) & 0xFFFF) % len(FIRST_NAMES)]
    last = LAST_NAMES[((h >> 32) & 0xFFFF) % len(LAST_NAMES)]
    ef, el = first.lower(), last.lower().replace("'", "")
    if quirk < 20:
        return f"{last}, {first}", ef, el                   # CRM "Last, First"
    if quirk < 25:
        return f"{first} {last}, " + ("Jr." if h & 1 else "MBA"), ef, el
    if quirk < 29:
        return f'{first} "{first[:3]}" {last}', ef, el      # nickname in quotes
    return f"{first} {last}", ef, el


def local_part(h, ef, el):
    style = ((h >> 48) & 0xFFFF) % 100
    if style < 48:
        return f"{ef}.{el}"
    if style < 68:
        return ef[0] + el
    if style < 76:
        return f"{ef}_{el}"
    if style < 84:
        return ef + el[0]
    if style < 92:
        return ef
    return f"{el}.{ef}"


def mixed_case(email):
    """How a CRM shows an email someone typed with capitals: Jane.Doe@Acmelabs.com."""
    local, domain = email.split("@", 1)
    return ".".join(p[:1].upper() + p[1:] for p in local.split(".")) + "@" + domain.capitalize()


class Clients:
    """Client i's identity as a pure function of i (so referrals can name any client)."""

    def __init__(self, n, seed, companies):
        self.n, self.companies = n, companies
        self.key = seed_key(seed, "clients")
        self.perm = Permutation(n, mix(self.key))
        self.n_companies = 7 * ((n + 9) // 10)

    def identity(self, i):
        """(email as exported, display name, company, domain, industry, started day)."""
        h = mix(self.key ^ (i * 0x2545F4914F6CDD1D & MASK))
        g = mix(h)  # a second word of bits, for what the name does not use
        company, rank = company_of_slot(self.perm(i))
        cname, domain, industry = self.companies(company)
        name, ef, el = person_name(h)
        email = local_part(h, ef, el) + (str(rank + 1) if rank else "") + "@" + domain
        if (g & 0xFFFF) % 20 == 0:
            email = mixed_case(email)
        # Start date: a third evenly over the years, the rest more and more recent.
        u = ((g >> 16) & 0xFFFFFF) / float(1 << 24)
        if ((g >> 40) & 0xFFFF) % 3 == 0:
            day = int(u * START_DAYS)
        else:
            day = int(math.sqrt(u) * START_DAYS)
        return email, name, cname, domain, industry, min(day, START_DAYS - 1)


def write_clients(path, clients, seed, starts):
    """clients.csv; fills `starts` (started day per client) for the referrals and NPS."""
    rng = random.Random(f"{seed}:client-details")
    r = rng.random
    source = weighted(CLIENT_SOURCES)
    with open(path, "w", encoding="utf-8", newline="", buffering=1 << 20) as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["email", "name", "company", "industry", "annual_value", "started_on", "source", "tags"])
        rows = []
        for i in range(clients.n):
            email, name, company, _, industry, day = clients.identity(i)
            starts.append(day)
            # Annual value: skewed low, $600 to about $400k, mostly whole hundreds.
            cents = max(60_000, int(rng.lognormvariate(math.log(1_200_000), 1.0)))
            cents = min(cents, 40_000_000)
            if r() < 0.7:
                cents -= cents % 10_000
            t = r()
            n_tags = 0 if t < 0.35 else 1 if t < 0.72 else 2 if t < 0.92 else 3
            tags = []
            for _ in range(n_tags):
                tag = TAGS[int(r() * len(TAGS))]
                if tag not in tags:
                    tags.append(tag)
            rows.append((email, name, company, industry, dollars(cents), DAY[day], source(r()), ";".join(tags)))
            if len(rows) == 10_000:
                w.writerows(rows)
                rows.clear()
        w.writerows(rows)


def referrer_weights(n, seed, starts, shape):
    """Cumulative referral propensity per client: a gamma-distributed taste for referring
    (few prolific referrers, many occasional ones, some never) times the days as a client."""
    rng = random.Random(f"{seed}:propensity")
    cum = array.array("d")
    total = 0.0
    for i in range(n):
        total += rng.gammavariate(shape, 1.0) * (LAST - starts[i] + 1)
        cum.append(total)
    return cum


def delay(r, spec):
    low, mean, high = spec
    return min(high, low + int(-mean * math.log(1.0 - r())))


def pipeline(r, submitted):
    """(status, status day) of a referral submitted on `submitted`, as of TODAY: recent ones
    are early in the pipeline because their next step has not come yet."""
    status, day = "submitted", submitted
    for reached, p_lost, p_stall, gap in STEPS:
        x = r()
        if x < p_lost:
            lost_on = day + delay(r, LOST_AFTER)
            return ("lost", lost_on) if lost_on <= LAST else (status, day)
        if x < p_lost + p_stall:
            return status, day
        nxt = day + delay(r, gap)
        if nxt > LAST:
            return status, day
        status, day = reached, nxt
    return status, day


def write_referrals(path, clients, seed, starts, m, shape, stats):
    rng = random.Random(f"{seed}:referrals")
    r = rng.random
    key = seed_key(seed, "referees")
    perm = Permutation(m, mix(key))
    companies = clients.companies
    source = weighted(REFERRAL_SOURCES)
    cum = referrer_weights(clients.n, seed, starts, shape)
    total = cum[-1]
    counts = array.array("H", bytes(2 * clients.n))
    by_status = {}
    with open(path, "w", encoding="utf-8", newline="", buffering=1 << 20) as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["referrer_email", "referee_name", "referee_email", "referee_company", "source",
                    "submitted_on", "status", "status_on", "deal_value"])
        rows = []
        for j in range(m):
            i = min(bisect.bisect_right(cum, r() * total), clients.n - 1)
            if counts[i] < 65535:
                counts[i] += 1
            referrer = clients.identity(i)[0]
            if r() < 0.03:
                referrer = referrer.lower() if r() < 0.5 else referrer.upper()
            start = starts[i]
            submitted = start + int(r() * (LAST - start + 1))
            status, status_day = pipeline(r, submitted)
            by_status[status] = by_status.get(status, 0) + 1
            deal = ""
            if status == "won":  # lognormal around $12k, $500 to $600k
                cents = int(rng.lognormvariate(math.log(1_200_000), 0.9))
                cents = min(max(cents, 50_000), 60_000_000)
                if r() < 0.8:
                    cents -= cents % 50_000
                deal = dollars(cents)
            # The referee: a person at a company no client works at, or on a free-mail address.
            h = mix(key ^ (j * 0x2545F4914F6CDD1D & MASK))
            g = mix(h)
            name, ef, el = person_name(h)
            if (g & 0xFFFF) % 10 == 0:
                email = f"{local_part(h, ef, el)}{j + 1}@{FREE_MAIL[((g >> 16) & 0xFF) % len(FREE_MAIL)]}"
                company = "" if (g >> 24) & 1 else companies(clients.n_companies + perm(j) // 2)[0]
            else:
                index, rank = company_of_slot(perm(j))
                company, domain, _ = companies(clients.n_companies + index)
                email = local_part(h, ef, el) + (str(rank + 1) if rank else "") + "@" + domain
            if ((g >> 32) & 0xFFFF) % 25 == 0:
                email = mixed_case(email)
            rows.append((referrer, name, email, company, source(r()), DAY[submitted], status, DAY[status_day], deal))
            if len(rows) == 10_000:
                w.writerows(rows)
                rows.clear()
        w.writerows(rows)
    referring = sorted(c for c in counts if c)
    stats["referrers"] = len(referring)
    stats["referring_share"] = len(referring) / clients.n
    stats["median_per_referrer"] = referring[len(referring) // 2] if referring else 0
    stats["top_referrer"] = referring[-1] if referring else 0
    stats["status"] = {s: by_status.get(s, 0) for s in ("submitted", "contacted", "meeting", "qualified", "won", "lost")}


def write_nps(path, clients, seed, starts, rate):
    """NPS responses for about `rate` of the clients, 1-3 each, after they started, on
    distinct days; comments with commas, quotes and sometimes a line break."""
    rng = random.Random(f"{seed}:nps")
    r = rng.random
    score_of = weighted(NPS_SCORES)
    rows_written = 0
    with open(path, "w", encoding="utf-8", newline="", buffering=1 << 20) as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["email", "score", "responded_on", "comment"])
        rows = []
        for i in range(clients.n):
            if r() >= rate:
                continue
            email = clients.identity(i)[0]
            day = starts[i]
            for _ in range(1 + (r() < 0.4) + (r() < 0.15)):
                day += 20 + int(r() * 300)
                if day > LAST:
                    break
                score = score_of(r())
                comment = ""
                if r() < 0.45:
                    kind = "promoter" if score >= 9 else "passive" if score >= 7 else "detractor"
                    pool = NPS_COMMENTS[kind]
                    comment = pool[int(r() * len(pool))]
                    if r() < 0.06:
                        comment += "\n" + pool[int(r() * len(pool))]
                shown = email if r() >= 0.05 else email.upper()
                rows.append((shown, score, DAY[day], comment))
                rows_written += 1
            if len(rows) >= 10_000:
                w.writerows(rows)
                rows.clear()
        w.writerows(rows)
    return rows_written


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="gen.py",
        description="Write deterministic benchmark CSVs for refer (clients.csv, referrals.csv, "
                    f"nps.csv when --nps-rate > 0) into OUTDIR. Dates run {DAY[0]}..{DAY[-1]}.",
        epilog="Example: bench/gen.py /tmp/refer-bench-data --clients 1000000 --referrals 5000000")
    ap.add_argument("outdir")
    ap.add_argument("--clients", type=int, default=1000, metavar="N", help="clients (default 1000)")
    ap.add_argument("--referrals", type=int, default=None, metavar="M",
                    help="referrals (default 5 per client)")
    ap.add_argument("--nps-rate", type=float, default=0.0, metavar="R",
                    help="share of clients with 1-3 NPS responses; 0 (default) writes no nps.csv")
    ap.add_argument("--seed", default="1", metavar="S", help="any string (default 1)")
    ap.add_argument("--skew", type=float, default=0.9, metavar="K",
                    help="gamma shape of the referral propensity: smaller, fewer and busier "
                         "referrers (default 0.9)")
    a = ap.parse_args(argv)
    if a.referrals is None:
        a.referrals = 5 * a.clients
    if a.clients < 1 or a.referrals < 0:
        ap.error("--clients must be >= 1 and --referrals >= 0")
    if not 0.0 <= a.nps_rate <= 1.0:
        ap.error("--nps-rate must be in 0..1")
    if a.skew <= 0:
        ap.error("--skew must be > 0")
    os.makedirs(a.outdir, exist_ok=True)
    t0 = time.monotonic()
    clients = Clients(a.clients, a.seed, Companies())
    starts = array.array("H")
    write_clients(os.path.join(a.outdir, "clients.csv"), clients, a.seed, starts)
    print(f"gen.py: clients.csv    {a.clients:>9} rows  {time.monotonic() - t0:6.1f} s", file=sys.stderr)
    stats = {}
    write_referrals(os.path.join(a.outdir, "referrals.csv"), clients, a.seed, starts, a.referrals, a.skew, stats)
    print(f"gen.py: referrals.csv  {a.referrals:>9} rows  {time.monotonic() - t0:6.1f} s  "
          f"referrers {stats['referring_share']:.1%} of clients, median {stats['median_per_referrer']}, "
          f"top {stats['top_referrer']}; " + " ".join(f"{k} {v}" for k, v in stats["status"].items()),
          file=sys.stderr)
    if a.nps_rate > 0:
        n = write_nps(os.path.join(a.outdir, "nps.csv"), clients, a.seed, starts, a.nps_rate)
        print(f"gen.py: nps.csv        {n:>9} rows  {time.monotonic() - t0:6.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
