"""Write golden files for corpus pages from the current parser, for review with `git diff`.

    python -m tests.make_golden ornl/md/2026/20260114T175544_c89834d.md ...

A golden file is only as good as its review: read the page beside the diff before committing.
"""

from __future__ import annotations

import json
import sys

from seminars.scrapers.registry import parse_page
from tests.corpus import CORPUS, GOLDEN, ornl_url


def main(rels: list[str]) -> None:
    for rel in rels:
        site = "ornl" if rel.startswith(("ornl/", "seeds/ornl")) else "cnls"
        url = ornl_url(rel) if rel.startswith("ornl/") else {
            "seeds/ornl-ai-seminar-2026.md": "https://ornl.github.io/events/ai-initiative-seminar-2026/",
            "seeds/lanl-cnls-talk.txt": "https://cnls.lanl.gov/External/showtalksummary.php?selection=9027",
        }[rel]
        res = parse_page((CORPUS / rel).read_bytes(), url, site)
        out = GOLDEN / (rel + ".json")
        out.parent.mkdir(parents=True, exist_ok=True)
        doc = {"site": site, "url": url, "talks": [t.to_dict() for t in res.talks]}
        if res.links:
            doc["links"] = res.links
        out.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(out.relative_to(GOLDEN), len(res.talks))


if __name__ == "__main__":
    main(sys.argv[1:])
