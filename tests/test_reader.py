"""The four input formats, missing front matter, and duplicates."""
from __future__ import annotations

import json

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252")

from analysis.registries.actors import load_registry
from analysis.workbook import build_workbook

BODY = "Serbian President Aleksandar Vučić said on Monday that exports would stop.\n\nHe added more."
FRONT = ("---\nid: halt-1\ntitle: Halt\nsource: Example News\nurl: https://example.org/a\npublished: 2024-10-01\n"
         "language: en\n---\n")


def test_txt_and_md_with_front_matter(write_articles):
    folder = write_articles({"a.txt": FRONT + BODY, "b.md": FRONT.replace("halt-1", "halt-2") + BODY + " Also."})
    wb = build_workbook(folder)
    articles = wb.articles.set_index("article_id")
    assert list(articles.index) == ["halt-1", "halt-2"]
    assert articles.loc["halt-1", "text"] == BODY
    assert articles.loc["halt-1", "published"] == "2024-10-01"
    assert articles.loc["halt-1", "published_precision"] == "day"
    assert articles.loc["halt-2", "source"] == "Example News"
    assert wb.problems.empty


def test_missing_front_matter_takes_the_file_name_as_id(write_articles):
    wb = build_workbook(write_articles({"plain-story.txt": BODY}))
    assert wb.articles["article_id"].tolist() == ["plain-story"]
    assert wb.articles["title_derived"].tolist() == [True]
    assert wb.articles["published"].isna().all()


def test_jsonl_one_article_per_line_and_bad_lines_reported(write_articles):
    lines = [json.dumps({"id": "j1", "text": BODY, "published": "2024-10"}), "{not json",
             json.dumps({"title": "no text"}), json.dumps({"text": "Second article about exports."})]
    wb = build_workbook(write_articles({"feed.jsonl": "\n".join(lines)}))
    assert wb.articles["article_id"].tolist() == ["j1", "feed-4"]
    assert wb.articles.set_index("article_id").loc["j1", "published_precision"] == "month"
    assert wb.problems["path"].tolist() == ["feed.jsonl:2", "feed.jsonl:3"]
    assert wb.problems["problem"].tolist() == ["malformed JSON line", "no article text"]


def test_html_page_main_text_and_metadata(write_articles):
    paragraph = ("Serbian President Aleksandar Vučić has ordered a halt to all arms and military equipment "
                 "exports from Serbia, the Ministry of Defense announced late Monday in Belgrade.")
    page = f"""<html><head><title>Serbia halts arms exports</title>
<meta property="og:title" content="Serbia halts arms exports">
<meta name="date" content="2024-10-01"><script>alert('x')</script></head>
<body><nav>Home | World | Sport</nav><article><h1>Serbia halts arms exports</h1>
<p>{paragraph}</p><p>{paragraph.replace('late Monday', 'on Tuesday')}</p></article>
<footer>Copyright</footer></body></html>"""
    wb = build_workbook(write_articles({"saved.html": page}))
    article = wb.articles.iloc[0]
    assert article["title"] == "Serbia halts arms exports"
    assert "ordered a halt" in article["text"]
    assert "alert" not in article["text"] and "Copyright" not in article["text"]
    assert article["published"] == "2024-10-01"


def test_duplicate_text_under_another_name_is_loaded_once(write_articles):
    wb = build_workbook(write_articles({"one.txt": BODY, "two.txt": BODY.replace("\n", "\r\n")}))
    assert wb.articles["article_id"].tolist() == ["one"]
    assert wb.problems[["path", "problem"]].values.tolist() == [["two.txt", "duplicate article"]]


def test_yes_no_on_off_stay_words_in_front_matter_and_data(write_articles):
    """YAML 1.1 reads NO as False: Norway's code, a source called "On" or an id "yes" stay text."""
    folder = write_articles({"a.txt": "---\nid: yes\nsource: On\nlanguage: no\n---\n" + BODY})
    articles = build_workbook(folder).articles.set_index("article_id")
    assert list(articles.index) == ["yes"] and articles.loc["yes", "source"] == "On"
    assert articles.loc["yes", "language"] == "no"


def test_the_registry_gives_norway_its_demonym():
    assert load_registry().phrases["norwegian government"] == ("norway-government", "role")


def test_mojibake_is_repaired_and_reported(write_articles):
    garbled = BODY.encode("utf-8").decode("sloppy-windows-1252")  # "VuÄ\x8diÄ‡", as a scraper saves it
    wb = build_workbook(write_articles({"scraped.txt": garbled}))
    assert wb.articles["text"].tolist() == [BODY]
    assert wb.problems["problem"].tolist() == ["mojibake repaired"]
    assert "'Ä‡' as 'ć'" in wb.problems["detail"].iloc[0]
