"""Labeled synthetic talk records for the merge benchmark.

The world is drawn first (people, their talks, where and when each talk is given, where each
event is listed), then every listing is written out independently through the noise spec
below. Truth labels come from the world, never from the matcher. The spec lists the kinds of
variation seen on real seminar pages (ORNL/LANL corpus) and their rates are guesses, fixed
here before any tuning of the matcher.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date

from seminars.record import Speaker, Talk

# ------------------------------------------------------------------------------ the noise spec

NOISE = {
    # names
    "name_initial": 0.12,  # "S. Schotthoefer"
    "name_last_first": 0.10,  # "Schotthoefer, Steffen"
    "name_caps_surname": 0.03,  # "SCHOTTHOEFER Steffen"
    "name_middle_initial": 0.5,  # shown when the person has one
    "name_honorific": 0.15,  # "Dr." / "Prof."
    "name_degree": 0.03,  # ", PhD"
    "name_umlaut_spelled": 0.3,  # ö -> oe
    "name_diacritics_stripped": 0.2,  # ö -> o, é -> e
    "name_upper": 0.02,
    "name_typo": 0.01,  # one edit in the surname
    "first_typo": 0.01,
    # titles
    "title_lower": 0.10,
    "title_upper": 0.04,
    "title_titlecase": 0.15,
    "title_drop_subtitle": 0.25,
    "title_quotes": 0.05,
    "title_period": 0.05,
    "title_join_words": 0.06,  # "NetworksWith"
    "title_hyphen_space": 0.05,  # "Low Rank"
    "title_typo1": 0.10,
    "title_typo2": 0.04,
    "title_revised": 0.04,  # a later page version carries a reworded title
    # listings
    "schedule_row": 0.45,  # an extra row in a schedule table
    "schedule_tbd": 0.5,  # ... whose title is still TBD
    "second_site": 0.25,  # the event is also listed on another site
    "page_version": 0.30,  # an earlier/later version of the page
    "cross_listing_date_off": 0.1,  # another site shows the date a day off (time zones)
    "start_missing": 0.3,
    "abstract_present": 0.6,
    "abstract_truncated": 0.2,
    "abstract_edited": 0.2,  # a lead sentence added and a few words changed

    "affil_missing": 0.2,
    "affil_acronym": 0.3,
    "affil_division": 0.1,
    "co_speaker_dropped": 0.3,
    # the world
    "co_speaker": 0.05,
    "generic_title": 0.04,  # "Invited Talk", "Seminar"
    "same_surname_person": 0.10,  # a new person shares an existing person's surname
    "same_main_new_subtitle": 0.15,  # a speaker's next talk reuses the main title
}
TALKS_PER_PERSON = [(1, 0.6), (2, 0.25), (3, 0.1), (4, 0.05)]
OCCURRENCES_PER_TALK = [(1, 0.7), (2, 0.2), (3, 0.07), (4, 0.03)]

FIRST = """Steffen Stefan Anna Maria John James Robert Michael David William Richard Thomas Daniel
Matthew Jennifer Linda Elizabeth Susan Jessica Sarah Karen Nancy Lisa Margaret Emily Michelle
Jürgen Jörg Günter Björn Søren Zoë José André François Hélène Renée Łukasz Jiří Ümit Mónica
Raúl Inés Åsa Gößta Wei Jun Jing Jian Li Ming Hui Yan Xin Hao Yu Min Lei Tao Ji-woon Seo-yeon
Min-jun Hiroshi Yuki Takeshi Aiko Ravi Priya Anil Sunita Arjun Deepa Rahul Ananya Vikram Kavita
Olga Dmitri Ivan Natalia Sergei Elena Pavel Irina Ahmed Fatima Omar Layla Hassan Yasmin Chinedu
Ngozi Kwame Ama Tomasz Agnieszka Marek Katarzyna Pierre Claire Luc Camille Giulia Marco Luca
Chiara Sofia Mateo Lucía Diego Valentina Carlos Ana Pedro Beatriz Erik Ingrid Lars Astrid Nils
Freya Jan Eva Pieter Sanne Kevin Brian Jason Eric Andrew Ryan Justin Brandon Benjamin Samuel
Gregory Alexander Patrick Jack Dennis Tyler Aaron Jose Adam Nathan Henry Zachary Douglas Peter
Kyle Noah Ethan Jeremy Christian Walter Keith Roger Terry Austin Sean Gerald Carl Harold Dylan
Arthur Lawrence Jordan Jesse Bryan Billy Bruce Gabriel Joe Logan Alan Juan Albert Willie Elijah
Wayne Randy Vincent Mason Roy Ralph Bobby Russell Bradley Philip Eugene""".split()

SURNAMES = """Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao
Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Singh Kumar Patel Sharma Gupta Shah Reddy Rao Iyer
Nair Das Bose Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez
Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Thompson White Harris Sanchez
Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green
Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Müller Schmidt Schneider Fischer
Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann
Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Krause Meier Lehmann Köhler
Weiß Jäger Groß Schotthöfer Schnake Gößling Bäcker Dvořák Novák Svoboda Nováková Kowalski
Wiśniewski Wójcik Łukasiewicz Núñez Pérez Gómez Fernández Díaz Álvarez Muñoz Jiménez Peña Rossi
Russo Ferrari Esposito Bianchi Romano Colombo Ricci Dubois Lefèvre Moreau Laurent Girard Bonnet
Rousseau Blanc Guérin Müller-Lüdenscheidt Ivanov Smirnov Kuznetsov Popov Volkov Sokolov Lebedev
Kozlov Novikov Morozov Petrov Tanaka Suzuki Takahashi Watanabe Yamamoto Nakamura Kobayashi Saito
Sato Ito Okafor Adeyemi Mensah Boateng Nwosu Hassan Ahmed Ali Khan Hussain Ibrahim Haddad Mansour
Jensen Nielsen Hansen Pedersen Andersen Larsen Johansson Karlsson Nilsson Eriksson Lindqvist
Åström Ångström Berg Dahl Holm Lund Strand Virtanen Korhonen Mäkinen Nieminen Hämäläinen Silva
Santos Oliveira Souza Costa Pereira Almeida Ferreira Carvalho Gomes Ribeiro Martins Rocha
O'Brien O'Connor Murphy Kelly Byrne Ryan Walsh McCarthy Doyle Kennedy Lynch Murray Quinn Gallagher
Fitzgerald Sullivan Stewart Morris Rogers Reed Cook Morgan Bell Murphy Bailey Cooper Richardson
Cox Howard Ward Peterson Gray James Watson Brooks Sanders Price Bennett Wood Barnes Ross Henderson
Coleman Jenkins Perry Powell Long Patterson Hughes Washington Butler Simmons Foster Bryant
Alexander Russell Griffin Hayes Myers Ford Hamilton Graham Sullivan Wallace Woods Cole West Jordan
Owens Reynolds Fisher Ellis Harrison Gibson Mcdonald Marshall Wells Ortiz Warren Dixon Burns Gordon
Shaw Holmes Rice Hunt Black Daniels Palmer Mills Nichols Grant Knight Ferguson Rose Stone Hawkins
Dunn Perkins Hudson Spencer Gardner Stephens Payne Pierce Berry Matthews Arnold Wagner Willis Ray
Watkins Olson Carroll Duncan Snyder Hart Cunningham Bradley Lane Andrews Ruiz Harper Fox Riley
Armstrong Carpenter Weaver Greene Lawrence Elliott Chavez Sims Austin Peters Kelley Franklin
Lawson Fields Ryan Schotthoefer-Lang van_der_Berg de_la_Cruz van_Dijk von_Neumann""".split()
SURNAMES = [s.replace("_", " ") for s in dict.fromkeys(SURNAMES)]

INSTITUTIONS = [
    ("ORNL", "Oak Ridge National Laboratory", "America/New_York"),
    ("LANL", "Los Alamos National Laboratory", "America/Denver"),
    ("SNL", "Sandia National Laboratories", "America/Denver"),
    ("LLNL", "Lawrence Livermore National Laboratory", "America/Los_Angeles"),
    ("ANL", "Argonne National Laboratory", "America/Chicago"),
    ("PNNL", "Pacific Northwest National Laboratory", "America/Los_Angeles"),
    ("MIT", "Massachusetts Institute of Technology", "America/New_York"),
    ("KIT", "Karlsruhe Institute of Technology", "Europe/Berlin"),
    ("UTK", "University of Tennessee", "America/New_York"),
    ("CMU", "Carnegie Mellon University", "America/New_York"),
    ("Stanford", "Stanford University", "America/Los_Angeles"),
    ("ETH", "ETH Zurich", "Europe/Zurich"),
]
DIVISIONS = ["Computer Science and Mathematics Division", "Theoretical Division", "Physics Department",
             "Center for Nonlinear Studies", "Department of Mathematics", "Data Science Group"]
UTC_OFFSET = {"America/New_York": -5, "America/Denver": -7, "America/Los_Angeles": -8,
              "America/Chicago": -6, "Europe/Berlin": 1, "Europe/Zurich": 1}

ADJ = """Efficient Scalable Robust Structure-Preserving Interpretable Adaptive Data-Driven Provably
Convergent Physics-Constrained Explainable Fast Certified Hierarchical Stochastic Sparse Parallel
Mixed-Precision Multiscale Learned Randomized Energy-Stable Asymptotic-Preserving""".split()
METHODS = ["Low-Rank Training", "Graph Neural Networks", "Physics-Informed Neural Networks",
           "Bayesian Optimization", "Sparse Grids", "Tensor Networks", "Reduced-Order Models",
           "Monte Carlo Methods", "Discontinuous Galerkin Methods", "Transformers", "Diffusion Models",
           "Kernel Methods", "Randomized Linear Algebra", "Multigrid Solvers", "Reinforcement Learning",
           "Gaussian Processes", "Neural Operators", "Variational Inference", "Automatic Differentiation",
           "Quantum Circuits", "Topological Data Analysis", "Dynamic Mode Decomposition",
           "Foundation Models", "Symbolic Regression", "Particle-in-Cell Methods",
           "Optimal Transport", "Hamiltonian Neural Networks", "Krylov Subspace Methods",
           "Fine-Tuning of Neural Networks", "Large Language Models"]
PROBLEMS = ["Uncertainty Quantification", "Fine-Tuning", "Inverse Problems", "Surrogate Modeling",
            "Model Compression", "Data Assimilation", "Anomaly Detection", "Closure Modeling",
            "Scientific Discovery", "Optimal Control", "Design Optimization", "Error Estimation",
            "Parameter Estimation", "Time Integration", "Mesh Adaptation", "Forecasting"]
DOMAINS = ["Radiation Transport", "Plasma Dynamics", "Climate Models", "Materials Science",
           "Fusion Energy", "Power Grids", "Molecular Dynamics", "Turbulent Flows",
           "Additive Manufacturing", "Neutron Scattering", "Exascale Computing", "Subsurface Flow",
           "Cosmology", "Epidemiology", "Battery Materials", "Kinetic Equations", "Seismic Imaging",
           "Quantum Chemistry", "Nuclear Reactors", "Hydrology"]
PROPS = ["Stability", "Expressivity", "Convergence", "Generalization", "Robustness",
         "Sample Complexity", "Implicit Bias", "Conditioning"]
SUBTITLES = ["Theory and Practice", "From {d} to {d2}", "A {a} Perspective", "Lessons from {d}",
             "Challenges and Opportunities", "Recent Advances", "Algorithms and Applications",
             "Beyond {m}", "A Case Study in {d}", "Bridging {p} and {m}"]
TEMPLATES = ["{a} {m} for {p} in {d}", "{m} for {d}", "Towards {a} {p} with {m}",
             "{p} of {d} via {m}", "On the {prop} of {m}", "{a} {m}",
             "{a} {p} for {d}", "{m} Meets {d}"]
GENERIC = ["Invited Talk", "Seminar", "Colloquium", "Special Seminar", "CNLS Colloquium",
           "Quantum Lunch", "Distinguished Lecture", "Research Update", "Postdoc Seminar"]
ABSTRACT_WORDS = """we present novel method approach results show that this talk will discuss recent
work on model data problem solution accuracy efficiency algorithm numerical analysis experiments
demonstrate performance improvement framework theory application large scale simulation training
network learning error bound convergence rate structure physics constraint domain system dynamics
parameter estimate uncertainty computation memory cost reduce speedup benchmark dataset""".split()


@dataclass
class Person:
    pid: int
    first: str
    middle: str | None
    last: str
    inst: int
    topic: tuple[str, str, str]  # (method, problem, domain) the person keeps coming back to


@dataclass
class Labeled:
    talk: Talk
    talk_id: int  # truth: same talk (speakers + content), several events
    event_id: int  # truth: same occurrence


def _pick(rng: random.Random, table: list[tuple[int, float]]) -> int:
    r = rng.random()
    for v, p in table:
        r -= p
        if r < 0:
            return v
    return table[-1][0]


def _zipf_weights(n: int, s: float = 0.9) -> list[float]:
    return [1 / (k + 1) ** s for k in range(n)]


def _make_person(rng: random.Random, pid: int, people: list[Person], sw: list[float]) -> Person:
    if people and rng.random() < NOISE["same_surname_person"]:
        last = rng.choice(people).last  # a different person with an existing surname
    else:
        last = rng.choices(SURNAMES, weights=sw)[0]
    first = rng.choice(FIRST)
    middle = rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.3 else None
    topic = (rng.choice(METHODS), rng.choice(PROBLEMS), rng.choice(DOMAINS))
    return Person(pid, first, middle, last, rng.randrange(len(INSTITUTIONS)), topic)


def _make_title(rng: random.Random, person: Person, previous: list[str]) -> tuple[str, bool]:
    """(title, generic). Related talks: the person's topic words come back 70% of the time."""
    if rng.random() < NOISE["generic_title"]:
        return rng.choice(GENERIC), True
    with_sub = [t for t in previous if ":" in t]
    if with_sub and rng.random() < NOISE["same_main_new_subtitle"]:
        main = with_sub[-1].split(":")[0]
        for _ in range(20):
            title = f"{main}: {_subtitle(rng)}"
            if title not in previous:
                return title, False
    for _ in range(50):  # one person's different talks never carry the very same title
        title = _fresh_title(rng, person)
        if title.split(":")[0] not in {t.split(":")[0] for t in previous}:
            break
    return title, False


def _fresh_title(rng: random.Random, person: Person) -> str:
    m, p, d = person.topic
    fill = {
        "a": rng.choice(ADJ),
        "m": m if rng.random() < 0.7 else rng.choice(METHODS),
        "p": p if rng.random() < 0.7 else rng.choice(PROBLEMS),
        "d": d if rng.random() < 0.7 else rng.choice(DOMAINS),
        "prop": rng.choice(PROPS),
    }
    title = rng.choice(TEMPLATES).format(**fill)
    if rng.random() < 0.35:
        title = f"{title}: {_subtitle(rng)}"
    return title


def _subtitle(rng: random.Random) -> str:
    return rng.choice(SUBTITLES).format(
        d=rng.choice(DOMAINS), d2=rng.choice(DOMAINS), a=rng.choice(ADJ), m=rng.choice(METHODS),
        p=rng.choice(PROBLEMS),
    )


def _abstract(rng: random.Random, title: str) -> str:
    """Filler prose that keeps returning to the title's words, as abstracts do."""
    topic = [w.strip(":").lower() for w in title.split() if len(w) > 3]
    words = [rng.choice(topic) if topic and rng.random() < 0.25 else rng.choice(ABSTRACT_WORDS)
             for _ in range(rng.randint(60, 140))]
    return " ".join(words).capitalize() + "."


# ------------------------------------------------------------------------------ noise functions


def _strip_diacritics(s: str) -> str:
    s = s.replace("ß", "ss").replace("ø", "o").replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _spell_umlauts(s: str) -> str:
    for k, v in {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}.items():
        s = s.replace(k, v)
    return s


def _typo(rng: random.Random, s: str) -> str:
    letters = [i for i, c in enumerate(s) if c.isalpha()]
    if len(letters) < 4:
        return s
    i = rng.choice(letters[1:])
    kind = rng.randrange(4)
    c = rng.choice("abcdefghijklmnopqrstuvwxyz")
    if kind == 0:
        return s[:i] + c + s[i + 1:]
    if kind == 1:
        return s[:i] + s[i + 1:]
    if kind == 2:
        return s[:i] + c + s[i:]
    j = i + 1 if i + 1 < len(s) and s[i + 1].isalpha() else i - 1
    a, b = min(i, j), max(i, j)
    return s[:a] + s[b] + s[a] + s[b + 1:]


def noisy_name(rng: random.Random, p: Person) -> str:
    first, last = p.first, p.last
    r = rng.random()
    if r < NOISE["name_umlaut_spelled"]:
        first, last = _spell_umlauts(first), _spell_umlauts(last)
    elif r < NOISE["name_umlaut_spelled"] + NOISE["name_diacritics_stripped"]:
        first, last = _strip_diacritics(first), _strip_diacritics(last)
    if rng.random() < NOISE["name_typo"]:
        last = _typo(rng, last)
    if rng.random() < NOISE["first_typo"]:
        first = _typo(rng, first)
    if rng.random() < NOISE["name_initial"]:
        first = first[0] + "."
    given = first
    if p.middle and rng.random() < NOISE["name_middle_initial"]:
        given = f"{first} {p.middle}."
    r = rng.random()
    if r < NOISE["name_last_first"]:
        name = f"{last}, {given}"
    elif r < NOISE["name_last_first"] + NOISE["name_caps_surname"]:
        name = f"{last.upper()} {given}"
    else:
        name = f"{given} {last}"
    if rng.random() < NOISE["name_honorific"]:
        name = rng.choice(["Dr. ", "Prof. ", "Dr ", "Professor "]) + name
    if rng.random() < NOISE["name_degree"] and "," not in name:
        name += ", PhD"
    if rng.random() < NOISE["name_upper"]:
        name = name.upper()
    return name


def noisy_title(rng: random.Random, title: str, *, drop_sub_p: float) -> str:
    if ":" in title and rng.random() < drop_sub_p:
        title = title.split(":")[0]
    r = rng.random()
    if r < NOISE["title_lower"]:
        title = title.lower()
    elif r < NOISE["title_lower"] + NOISE["title_upper"]:
        title = title.upper()
    elif r < NOISE["title_lower"] + NOISE["title_upper"] + NOISE["title_titlecase"]:
        title = title.title()
    if rng.random() < NOISE["title_join_words"]:
        words = title.split(" ")
        joins = [i for i in range(1, len(words)) if words[i][:1].isupper()]
        if joins:
            i = rng.choice(joins)
            title = " ".join(words[: i - 1] + [words[i - 1] + words[i]] + words[i + 1:])
    if rng.random() < NOISE["title_hyphen_space"]:
        title = title.replace("-", " ")
    if rng.random() < NOISE["title_typo1"]:
        title = _typo(rng, title)
    if rng.random() < NOISE["title_typo2"]:
        title = _typo(rng, _typo(rng, title))
    if rng.random() < NOISE["title_quotes"]:
        title = f"“{title}”"
    if rng.random() < NOISE["title_period"]:
        title += "."
    return title


def _affiliation(rng: random.Random, inst: int) -> str | None:
    short, full, _ = INSTITUTIONS[inst]
    r = rng.random()
    if r < NOISE["affil_missing"]:
        return None
    if r < NOISE["affil_missing"] + NOISE["affil_acronym"]:
        return short
    if r < NOISE["affil_missing"] + NOISE["affil_acronym"] + NOISE["affil_division"]:
        return f"{rng.choice(DIVISIONS)}, {full}"
    return full


# ------------------------------------------------------------------------------------ the world


def generate(n_records: int, seed: int = 7) -> list[Labeled]:
    """About n_records labeled records, shuffled."""
    rng = random.Random(seed)
    sw = _zipf_weights(len(SURNAMES))
    out: list[Labeled] = []
    people: list[Person] = []
    talk_id = event_id = 0
    start_day = date(2022, 1, 3).toordinal()
    span_days = 5 * 365
    while len(out) < n_records:
        person = _make_person(rng, len(people), people, sw)
        people.append(person)
        previous: list[str] = []
        co = _make_person(rng, -1, people, sw) if rng.random() < NOISE["co_speaker"] else None
        used_days: set[int] = set()
        for _ in range(_pick(rng, TALKS_PER_PERSON)):
            title, generic = _make_title(rng, person, previous)
            previous.append(title)
            abstract = _abstract(rng, title)
            for _ in range(_pick(rng, OCCURRENCES_PER_TALK)):
                day = start_day + rng.randrange(span_days)
                while any(abs(day - u) < 3 for u in used_days):  # one person, one talk a few days
                    day = start_day + rng.randrange(span_days)
                used_days.add(day)
                inst = rng.randrange(len(INSTITUTIONS))
                hour = rng.choice([10, 11, 13, 14, 15, 16])
                out.extend(
                    _listings(rng, person, co, title, generic, abstract, day, inst, hour, talk_id, event_id)
                )
                event_id += 1
                if generic:  # a generic title says nothing: each event is its own talk
                    talk_id += 1
            if not generic:
                talk_id += 1
    rng.shuffle(out)
    return out[:n_records]


def _listings(rng: random.Random, person: Person, co: Person | None, title: str, generic: bool,
              abstract: str, day: int, inst: int, hour: int, talk_id: int, event_id: int) -> list[Labeled]:
    short, _, tz = INSTITUTIONS[inst]
    kinds = ["detail"]
    if rng.random() < NOISE["schedule_row"]:
        kinds.append("schedule")
    if rng.random() < NOISE["second_site"]:
        kinds.append("second_site")
    if rng.random() < NOISE["page_version"]:
        kinds.append("version")
    revised = None
    if not generic and rng.random() < NOISE["title_revised"]:
        m, p, d = person.topic
        revised = rng.choice(TEMPLATES).format(a=rng.choice(ADJ), m=m, p=p, d=d, prop=rng.choice(PROPS))
    out = []
    for kind in kinds:
        d = day
        if kind == "second_site" and rng.random() < NOISE["cross_listing_date_off"]:
            d += rng.choice([-1, 1])
        speakers = [Speaker(noisy_name(rng, person), _affiliation(rng, person.inst))]
        if co is not None and not (kind == "schedule" and rng.random() < NOISE["co_speaker_dropped"]):
            speakers.append(Speaker(noisy_name(rng, co), _affiliation(rng, co.inst)))
        if kind == "schedule" and rng.random() < NOISE["schedule_tbd"]:
            t: str | None = rng.choice(["TBD", "TBA", "To be announced", None, "tbd"])
        else:
            base = revised if (kind == "version" and revised) else title
            t = noisy_title(rng, base, drop_sub_p=NOISE["title_drop_subtitle"] * (2 if kind == "schedule" else 1))
        ab = None
        if kind != "schedule" and rng.random() < NOISE["abstract_present"]:
            ab = abstract
            if rng.random() < NOISE["abstract_edited"]:
                words = ab.split()
                for _ in range(rng.randint(1, 4)):
                    words[rng.randrange(len(words))] = rng.choice(ABSTRACT_WORDS)
                ab = rng.choice(["In this talk, ", "Abstract: ", "This seminar: ", ""]) + " ".join(words)
            if rng.random() < NOISE["abstract_truncated"]:
                words = ab.split()
                ab = " ".join(words[: max(20, len(words) // 2)]) + " ..."
        dd = date.fromordinal(d)
        start = None
        if not (kind == "schedule" or rng.random() < NOISE["start_missing"]):
            off = UTC_OFFSET[tz]
            start = f"{dd.isoformat()}T{hour:02d}:00:00{'+' if off >= 0 else '-'}{abs(off):02d}:00"
        end = None
        if start:
            end = start.replace(f"T{hour:02d}", f"T{hour + 1:02d}")
        site = short if kind != "second_site" else rng.choice(["CNLS", "SIAM", "Indico", short])
        out.append(
            Labeled(
                Talk(
                    title=t, speakers=speakers, date=dd.isoformat(), start=start, end=end,
                    timezone=tz, abstract=ab, institution=short if kind != "second_site" or site == short else site,
                    source_url=f"https://{site.lower()}.example.org/{kind}/{event_id}",
                ),
                talk_id,
                event_id,
            )
        )
    return out

