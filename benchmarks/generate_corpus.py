#!/usr/bin/env python3
"""Generate a synthetic bilingual shingi site (and optionally the same pages as a Hugo site).

    generate_corpus.py N OUTDIR [--hugo OUTDIR2] [--seed S]

OUTDIR gets a shingi site root:
    shingi.yml
    content/index.{ja,en}.md, content/pages/about.{ja,en}.md
    content/members.yml      (50 members)
    content/meetings.yml     (20 meetings)
    content/references.yml   (2N references)
    content/issues/<n>/index.{ja,en}.md                (N issues, 6 sections each)
    content/comments/<meeting>/c<n>-<j>.{ja,en}.md     (5 comments per issue)

OUTDIR2 (with --hugo) gets a Hugo site holding the same issue and comment pages
(2 x 6N Markdown pages, filename-based translations), cross-links rewritten to
plain Markdown links, a minimal config and a minimal layout (no theme).

Everything is derived from one seeded random.Random, so the output is the same
byte for byte for the same N and seed. Total Markdown size is about 18.5 MB at
N = 1000 (printed at the end).
"""

import argparse
import os
import random
import re
import shutil
import sys

LANGS = ("ja", "en")

# --------------------------------------------------------------------------------------
# Vocabulary

FAMILY_NAMES = [
    ("sato", "佐藤", "Sato"), ("suzuki", "鈴木", "Suzuki"), ("takahashi", "高橋", "Takahashi"),
    ("tanaka", "田中", "Tanaka"), ("ito", "伊藤", "Ito"), ("watanabe", "渡辺", "Watanabe"),
    ("yamamoto", "山本", "Yamamoto"), ("nakamura", "中村", "Nakamura"), ("kobayashi", "小林", "Kobayashi"),
    ("kato", "加藤", "Kato"), ("yoshida", "吉田", "Yoshida"), ("yamada", "山田", "Yamada"),
    ("sasaki", "佐々木", "Sasaki"), ("yamaguchi", "山口", "Yamaguchi"), ("matsumoto", "松本", "Matsumoto"),
    ("inoue", "井上", "Inoue"), ("kimura", "木村", "Kimura"), ("hayashi", "林", "Hayashi"),
    ("saito", "斎藤", "Saito"), ("shimizu", "清水", "Shimizu"), ("yamazaki", "山崎", "Yamazaki"),
    ("mori", "森", "Mori"), ("abe", "阿部", "Abe"), ("ikeda", "池田", "Ikeda"),
    ("hashimoto", "橋本", "Hashimoto"), ("yamashita", "山下", "Yamashita"), ("ishikawa", "石川", "Ishikawa"),
    ("nakajima", "中島", "Nakajima"), ("maeda", "前田", "Maeda"), ("fujita", "藤田", "Fujita"),
    ("ogawa", "小川", "Ogawa"), ("goto", "後藤", "Goto"), ("okada", "岡田", "Okada"),
    ("hasegawa", "長谷川", "Hasegawa"), ("murakami", "村上", "Murakami"), ("kondo", "近藤", "Kondo"),
    ("ishii", "石井", "Ishii"), ("sakamoto", "坂本", "Sakamoto"), ("endo", "遠藤", "Endo"),
    ("aoki", "青木", "Aoki"), ("fujii", "藤井", "Fujii"), ("nishimura", "西村", "Nishimura"),
    ("fukuda", "福田", "Fukuda"), ("ota", "太田", "Ota"), ("miura", "三浦", "Miura"),
    ("fujiwara", "藤原", "Fujiwara"), ("okamoto", "岡本", "Okamoto"), ("matsuda", "松田", "Matsuda"),
    ("nakagawa", "中川", "Nakagawa"), ("nakano", "中野", "Nakano"),
]

AFFILIATIONS = [
    ("情報セキュリティ大学院大学", "Institute of Information Security"),
    ("国立研究開発法人 情報通信研究機構", "National Institute of Information and Communications Technology"),
    ("一般社団法人 日本経済団体連合会", "Japan Business Federation"),
    ("東京大学大学院 情報学環", "Interfaculty Initiative in Information Studies, University of Tokyo"),
    ("独立行政法人 情報処理推進機構", "Information-technology Promotion Agency"),
    ("一般社団法人 JPCERTコーディネーションセンター", "JPCERT Coordination Center"),
    ("慶應義塾大学 環境情報学部", "Faculty of Environment and Information Studies, Keio University"),
    ("株式会社 日本総合研究所", "The Japan Research Institute"),
    ("日本シーサート協議会", "Nippon CSIRT Association"),
    ("特定非営利活動法人 日本ネットワークセキュリティ協会", "Japan Network Security Association"),
]

PUBLISHERS = [
    ("経済産業省", "Ministry of Economy, Trade and Industry"),
    ("総務省", "Ministry of Internal Affairs and Communications"),
    ("内閣サイバーセキュリティセンター", "National center of Incident readiness and Strategy for Cybersecurity"),
    ("独立行政法人 情報処理推進機構", "Information-technology Promotion Agency"),
    ("日本シーサート協議会", "Nippon CSIRT Association"),
    ("日本ネットワークセキュリティ協会", "Japan Network Security Association"),
    ("デジタル庁", "Digital Agency"),
    ("文部科学省", "Ministry of Education, Culture, Sports, Science and Technology"),
]

# (ja, en) topic nouns
TOPICS = [
    ("サイバーセキュリティ人材", "cybersecurity human resources"),
    ("セキュリティ・バイ・デザイン", "security by design"),
    ("インシデント対応体制", "incident response structures"),
    ("脆弱性対応", "vulnerability handling"),
    ("サプライチェーンのリスク管理", "supply-chain risk management"),
    ("経営層の意識改革", "changing the mindset of senior management"),
    ("「プラス・セキュリティ」知識", "“Plus Security” knowledge"),
    ("デジタルサービスの連携", "linkages between digital services"),
    ("地域の中小企業", "small and medium-sized enterprises in the regions"),
    ("官民の人材交流", "exchanges of personnel between the public and private sectors"),
    ("兼業・副業の活用", "the use of side jobs and concurrent employment"),
    ("リモートワーク環境", "remote-work environments"),
    ("産学官の連携", "cooperation among industry, academia and government"),
    ("情報共有の枠組み", "frameworks for information sharing"),
    ("演習・訓練プログラム", "exercise and training programmes"),
    ("スキルの共通言語", "a common language for skills"),
    ("制御システムのセキュリティ", "the security of control systems"),
    ("クラウドサービスの利用", "the use of cloud services"),
    ("モデルカリキュラム", "model curricula"),
    ("資格制度", "certification schemes"),
]

SUBJECTS = [
    ("事業者", "businesses"), ("経営層", "senior management"), ("政府", "the Government"),
    ("地方公共団体", "local governments"), ("教育機関", "educational institutions"),
    ("業界団体", "industry associations"), ("専門人材", "specialist personnel"),
    ("ユーザ企業", "user companies"), ("ベンダ企業", "vendors"), ("関係省庁", "the ministries concerned"),
    ("各事業部門", "each business division"), ("事務局", "the Secretariat"),
]

VERBS = [
    ("の重要性を認識し、具体的な取組を進める必要がある", "need to recognise the importance of {t} and take concrete steps"),
    ("に関する先進的な事例を積極的に共有することが求められる", "are expected to share advanced examples concerning {t} actively"),
    ("について、現状の課題を整理した上で検討を深めるべきである", "should deepen their examination of {t} after sorting out the present challenges"),
    ("を推進するための環境整備が不可欠である", "find that developing an environment to promote {t} is indispensable"),
    ("の普及に向けたインセンティブの在り方を検討することが考えられる", "could consider what incentives there should be for the spread of {t}"),
    ("に係る役割分担を明確にすることが重要である", "need to clarify the division of roles concerning {t}"),
    ("を担う人材の確保が困難な状況にある", "are in a situation where it is difficult to secure personnel for {t}"),
    ("の実践に当たって、外部の専門組織との連携が有効である", "find cooperation with external specialised organisations effective in putting {t} into practice"),
    ("の効果を測定するための指標を整備することが望まれる", "are encouraged to develop indicators for measuring the effect of {t}"),
    ("について、継続的に見直しを行う仕組みが必要である", "need a mechanism for reviewing {t} continuously"),
]

CONNECTORS_JA = ["また、", "さらに、", "一方で、", "このため、", "特に、", "なお、", "加えて、", "その上で、", ""]
CONNECTORS_EN = ["In addition, ", "Furthermore, ", "On the other hand, ", "For this reason, ", "In particular, ",
                 "Note that ", "Moreover, ", "On that basis, ", ""]

SECTION_TITLES = [
    ("現状と課題", "Present situation and challenges"),
    ("検討の視点", "Points of view for the examination"),
    ("主な論点", "Main points at issue"),
    ("具体的な施策の方向性", "Directions for concrete measures"),
    ("関係者の役割", "Roles of the parties concerned"),
    ("今後の進め方", "The way forward"),
]

TABLE_HEAD = (["区分", "対象", "主な活動", "課題"], ["Category", "Scope", "Main activities", "Challenges"])
TABLE_CATS = [("CSIRT", "CSIRT"), ("PSIRT", "PSIRT"), ("DSIRT/SSIRT", "DSIRT/SSIRT"), ("FSIRT", "FSIRT"),
              ("SOC", "SOC"), ("経営企画部門", "Corporate planning")]

N_MEMBERS = 50
N_MEETINGS = 20
SECTIONS = 6
COMMENTS_PER_ISSUE = 5
# Size knobs (tuned so N = 1000 gives ~18.5 MB of Markdown).
PARAGRAPHS_PER_SECTION = (1, 2)    # inclusive range
SENTENCES_PER_PARAGRAPH = (1, 3)
COMMENT_PARAGRAPHS = (1, 2)
COMMENT_SENTENCES = (1, 3)
TABLE_ROWS = (3, 5)


def ordinal(n):
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def q(s):
    """A YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --------------------------------------------------------------------------------------
# Model


class Corpus:
    def __init__(self, n, seed):
        self.n = n
        self.rng = random.Random(seed)
        r = self.rng
        self.members = []
        for i, (mid, ja, en) in enumerate(FAMILY_NAMES[:N_MEMBERS]):
            role = "chair" if i == 0 else ("member" if i % 3 else "advisor")
            aff = AFFILIATIONS[i % len(AFFILIATIONS)]
            self.members.append({"id": mid, "ja": ja, "en": en, "role": role, "aff": aff})
        self.meetings = []
        for i in range(1, N_MEETINGS + 1):
            year = 2019 + (i - 1) // 6
            month = 1 + ((i - 1) % 6) * 2
            self.meetings.append({"id": str(i), "number": i, "date": f"{year:04d}-{month:02d}-{10 + i % 15:02d}"})
        self.references = []
        for i in range(1, 2 * n + 1):
            t = TOPICS[r.randrange(len(TOPICS))]
            p = PUBLISHERS[r.randrange(len(PUBLISHERS))]
            kind = r.choice([("ガイドライン", "Guidelines"), ("報告書", "Report"), ("手引き", "Guide"),
                             ("調査結果", "Survey results"), ("事例集", "Collection of cases")])
            self.references.append({
                "id": f"r{i}",
                "title": (f"{t[0]}に関する{kind[0]} 第{i}版", f"{kind[1]} on {t[1]}, edition {i}"),
                "publisher": p,
                "date": f"{2010 + r.randrange(12):04d}-{1 + r.randrange(12):02d}-{1 + r.randrange(28):02d}",
                "url": f"https://www.example.go.jp/docs/{i:05d}.pdf",
                "note": (f"参考資料{i}。", f"Reference material {i}.") if i % 4 == 0 else None,
            })
        self.issues = []
        for k in range(1, n + 1):
            t = TOPICS[r.randrange(len(TOPICS))]
            s = SUBJECTS[r.randrange(len(SUBJECTS))]
            self.issues.append({
                "id": str(k),
                "title": (f"政策課題{k}：{t[0]}の推進に向けた{s[0]}の取組",
                          f"Policy issue {k}: action by {s[1]} to promote {t[1]}"),
                "topic": t,
                "meeting": self.meetings[r.randrange(N_MEETINGS)]["id"],
                "advisors": sorted(r.sample(range(N_MEMBERS), 2)),
            })

    # ---- cross-links (shingi syntax); rendered for Hugo by hugo_links() ----
    def link_ref(self):
        return f"[[ref:r{self.rng.randint(1, 2 * self.n)}]]"

    def link_issue(self, this):
        if self.n == 1:
            m = this
        else:
            m = self.rng.randint(1, self.n - 1)
            if m >= this:
                m += 1
        k = self.rng.randint(1, SECTIONS)
        return f"[[issue:{m}#{m}.{k}]]"

    def link_member(self):
        return f"[[member:{self.members[self.rng.randrange(N_MEMBERS)]['id']}]]"

    # ---- text ----
    def sentence_pair(self, this, links=True):
        r = self.rng
        t = TOPICS[r.randrange(len(TOPICS))]
        s = SUBJECTS[r.randrange(len(SUBJECTS))]
        v = VERBS[r.randrange(len(VERBS))]
        c = r.randrange(len(CONNECTORS_JA))
        ja = f"{CONNECTORS_JA[c]}{s[0]}は、{t[0]}{v[0]}。"
        en_body = f"{s[1]} {v[1].format(t=t[1])}."
        if CONNECTORS_EN[c]:
            en = CONNECTORS_EN[c] + en_body
        else:
            en = en_body[0].upper() + en_body[1:]
        if links:
            x = r.random()
            if x < 0.18:
                link = self.link_ref()
                ja = ja[:-1] + link + "。"
                en = en[:-1] + " " + link + "."
            elif x < 0.24:
                link = self.link_issue(this)
                ja += f"（{link}参照）"
                en += f" (see {link})"
            elif x < 0.28:
                link = self.link_member()
                ja += f"（{link}委員の指摘）"
                en += f" (as pointed out by {link})"
        return ja, en

    def paragraph_pair(self, this, count=None):
        r = self.rng
        count = count or r.randint(*SENTENCES_PER_PARAGRAPH)
        pairs = [self.sentence_pair(this) for _ in range(count)]
        return "".join(p[0] for p in pairs), " ".join(p[1] for p in pairs)

    def table_pair(self, this):
        r = self.rng
        ja = ["| " + " | ".join(TABLE_HEAD[0]) + " |", "|---|---|---|---|"]
        en = ["| " + " | ".join(TABLE_HEAD[1]) + " |", "|---|---|---|---|"]
        for cat in TABLE_CATS[:r.randint(*TABLE_ROWS)]:
            cells = [self.sentence_pair(this, links=False) for _ in range(3)]
            if r.random() < 0.5:
                link = self.link_ref()
                cells[2] = (cells[2][0] + link, cells[2][1] + " " + link)
            ja.append("| " + " | ".join([cat[0]] + [c[0] for c in cells]) + " |")
            en.append("| " + " | ".join([cat[1]] + [c[1] for c in cells]) + " |")
        return "\n".join(ja), "\n".join(en)

    def list_pair(self, this):
        r = self.rng
        ja, en = [], []
        for i in range(r.randint(4, 6)):
            s = self.sentence_pair(this)
            ja.append(f"- {s[0]}")
            en.append(f"- {s[1]}")
            if i % 2 == 1:
                sub = self.sentence_pair(this, links=False)
                ja.append(f"  - → {sub[0]}")
                en.append(f"  - → {sub[1]}")
        return "\n".join(ja), "\n".join(en)

    def issue_pages(self, k):
        """(front matter + body) for ja and en of issue k (1-based)."""
        r = self.rng
        issue = self.issues[k - 1]
        adv = [self.members[a]["id"] for a in issue["advisors"]]
        ja_parts, en_parts = [], []
        for lang, parts in (("ja", ja_parts), ("en", en_parts)):
            i = 0 if lang == "ja" else 1
            summary = (f"{issue['topic'][0]}について、現状の課題と今後の施策の方向性を整理する。" if i == 0 else
                       f"The present challenges concerning {issue['topic'][1]} and the directions for future measures are set out.")
            parts.append("---\n"
                         f"id: {q(issue['id'])}\n"
                         f"number: {k}\n"
                         f"title: {q(issue['title'][i])}\n"
                         f"summary: {q(summary)}\n"
                         f"advisors: [{', '.join(adv)}]\n"
                         f"meeting: {q(issue['meeting'])}\n"
                         "---\n")
        intro = self.paragraph_pair(k)
        ja_parts.append(intro[0] + "\n")
        en_parts.append(intro[1] + "\n")
        for s in range(1, SECTIONS + 1):
            title = SECTION_TITLES[s - 1]
            ja_parts.append(f"## {k}.{s} {title[0]} {{#{k}.{s}}}\n")
            en_parts.append(f"## {k}.{s} {title[1]} {{#{k}.{s}}}\n")
            ja_parts.append(f"**検討論点：** {issue['topic'][0]}について、{title[0]}を整理する。\n")
            en_parts.append(f"**Issue for consideration:** {title[1]} concerning {issue['topic'][1]}.\n")
            for _ in range(r.randint(*PARAGRAPHS_PER_SECTION)):
                p = self.paragraph_pair(k)
                ja_parts.append(p[0] + "\n")
                en_parts.append(p[1] + "\n")
            if s == 1:
                t = self.table_pair(k)
                ja_parts.append(t[0] + "\n")
                en_parts.append(t[1] + "\n")
                ja_parts.append(f"出典：{self.link_ref()}、{self.link_ref()}\n")
                en_parts.append(f"Source: {self.link_ref()}, {self.link_ref()}\n")
            if s == 2:
                li = self.list_pair(k)
                ja_parts.append(li[0] + "\n")
                en_parts.append(li[1] + "\n")
            if s == 4:
                ja_parts.append("> **編集注：** この節は合成データです。\n")
                en_parts.append("> **Editorial note:** This section is synthetic data.\n")
        return "\n".join(ja_parts), "\n".join(en_parts)

    def comment_pages(self, k, j):
        """(meeting id, comment id, ja text, en text) for comment j of issue k."""
        r = self.rng
        member = self.members[r.randrange(N_MEMBERS)]["id"]
        meeting = self.meetings[r.randrange(N_MEETINGS)]
        section = r.randint(1, SECTIONS)
        cid = f"c{k}-{j}"
        status = r.choice(["open", "reflected", "noted"])  # of the fixed set of statuses
        fm = ("---\n"
              f"member: {member}\n"
              f"target: {q(f'{k}#{k}.{section}')}\n"
              f"meeting: {q(meeting['id'])}\n"
              f"date: {q(meeting['date'])}\n"
              f"status: {status}\n"
              "---\n")
        paras = [self.paragraph_pair(k, r.randint(*COMMENT_SENTENCES)) for _ in range(r.randint(*COMMENT_PARAGRAPHS))]
        ja = fm + "\n" + "\n\n".join(p[0] for p in paras) + "\n"
        en = fm + "\n" + "\n\n".join(p[1] for p in paras) + "\n"
        return meeting["id"], cid, ja, en


# --------------------------------------------------------------------------------------
# Writers


class Writer:
    def __init__(self):
        self.bytes = 0
        self.files = 0
        self.md_bytes = 0
        self.md_files = 0

    def write(self, path, text):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        self.bytes += len(data)
        self.files += 1
        if path.endswith(".md"):
            self.md_bytes += len(data)
            self.md_files += 1


def data_files(c):
    members = ["# Synthetic members (benchmarks/generate_corpus.py)."]
    for m in c.members:
        members.append(f"- id: {m['id']}\n"
                       f"  name: {{ja: {q(m['ja'])}, en: {q(m['en'])}}}\n"
                       f"  role: {m['role']}\n"
                       f"  affiliation: {{ja: {q(m['aff'][0])}, en: {q(m['aff'][1])}}}")
    meetings = ["# Synthetic meetings (benchmarks/generate_corpus.py)."]
    for m in c.meetings:
        title_ja = f"第{m['number']}回 専門調査会"
        title_en = f"{ordinal(m['number'])} Meeting of the Expert Panel"
        meetings.append(f"- id: {q(m['id'])}\n"
                        f"  number: {m['number']}\n"
                        f"  date: {q(m['date'])}\n"
                        f"  title:\n"
                        f"    ja: {q(title_ja)}\n"
                        f"    en: {q(title_en)}")
    refs = ["# Synthetic references (benchmarks/generate_corpus.py). Position = citation number."]
    for ref in c.references:
        entry = (f"- id: {ref['id']}\n"
                 f"  title:\n    ja: {q(ref['title'][0])}\n    en: {q(ref['title'][1])}\n"
                 f"  publisher:\n    ja: {q(ref['publisher'][0])}\n    en: {q(ref['publisher'][1])}\n"
                 f"  date: {q(ref['date'])}\n"
                 f"  url: {q(ref['url'])}")
        if ref["note"]:
            entry += f"\n  note:\n    ja: {q(ref['note'][0])}\n    en: {q(ref['note'][1])}"
        refs.append(entry)
    return "\n".join(members) + "\n", "\n".join(meetings) + "\n", "\n".join(refs) + "\n"


LINK_RE = re.compile(r"\[\[(ref|issue|member):([^\]|#]+)(?:#([^\]|]+))?(?:\|([^\]]+))?\]\]")


def hugo_links(c, text, lang):
    """Rewrite [[kind:id#anchor|label]] into plain Markdown links for the Hugo copy."""
    li = 0 if lang == "ja" else 1

    def sub(m):
        kind, target, anchor, label = m.group(1), m.group(2), m.group(3), m.group(4)
        if kind == "ref":
            n = int(target[1:])
            return f"[\\[{n}\\]](/{lang}/references/#{target})"
        if kind == "issue":
            title = label or c.issues[int(target) - 1]["title"][li]
            return f"[{title}](/{lang}/issues/{target}/{'#' + anchor if anchor else ''})"
        if kind == "member":
            mem = next(x for x in c.members if x["id"] == target)
            return f"[{label or mem[lang]}](/{lang}/members/{target}/)"
        raise ValueError(m.group(0))

    return LINK_RE.sub(sub, text)


HUGO_CONFIG = """\
# Minimal Hugo site generated by benchmarks/generate_corpus.py (no theme).
baseURL = "/"
title = "shingi benchmark corpus"
defaultContentLanguage = "ja"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS"]
enableRobotsTXT = false

[languages]
  [languages.ja]
    languageName = "日本語"
    weight = 1
    title = "合成審議会"
  [languages.en]
    languageName = "English"
    weight = 2
    title = "Synthetic committee"

[markup]
  [markup.goldmark]
    [markup.goldmark.renderer]
      unsafe = false
    [markup.goldmark.parser]
      autoHeadingID = true
      [markup.goldmark.parser.attribute]
        title = true
  [markup.tableOfContents]
    startLevel = 2
    endLevel = 3
"""

HUGO_BASEOF = """\
<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<title>{{ if .Title }}{{ .Title }} | {{ end }}{{ .Site.Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<nav>{{ range .Translations }}<a href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a> {{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

HUGO_SINGLE = """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ .Content }}
</article>
{{ end }}
"""

HUGO_LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title | default .File.ContentBaseName }}</a></li>
{{ end }}</ul>
{{ end }}
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of policy issues")
    ap.add_argument("outdir", help="shingi site root to create (must not exist or be empty)")
    ap.add_argument("--hugo", metavar="OUTDIR2", help="also write the same pages as a Hugo site here")
    ap.add_argument("--seed", type=int, default=20210602)
    args = ap.parse_args()
    if args.n < 1:
        sys.exit("N must be at least 1")
    if args.n > 5800:
        print("warning: references.yml may exceed shingi's default file-size limit (4 MiB) above N≈5800; "
              "raise limits: max_file_size: in shingi.yml", file=sys.stderr)
    for d in filter(None, (args.outdir, args.hugo)):
        if os.path.exists(d) and os.listdir(d):
            sys.exit(f"{d} exists and is not empty")

    c = Corpus(args.n, args.seed)
    w = Writer()
    hw = Writer()
    root = args.outdir
    content = os.path.join(root, "content")
    hugo = args.hugo

    w.write(os.path.join(root, "shingi.yml"),
            "# Synthetic site for benchmarks (benchmarks/generate_corpus.py).\n"
            "title:\n  ja: \"合成審議会 ベンチマーク\"\n  en: \"Synthetic Committee Benchmark\"\n"
            "short_title:\n  ja: \"合成審議会\"\n  en: \"Synthetic Committee\"\n"
            # An absolute address, so that the sitemap (built, as on a published site)
            # has absolute <loc>s and the corpus checks with no warning.
            "base_url: \"https://example.org/\"\nlanguages: [ja, en]\ndefault_language: ja\n")
    members, meetings, refs = data_files(c)
    w.write(os.path.join(content, "members.yml"), members)
    w.write(os.path.join(content, "meetings.yml"), meetings)
    w.write(os.path.join(content, "references.yml"), refs)
    w.write(os.path.join(content, "index.ja.md"),
            "---\ntitle: \"合成審議会 ベンチマーク\"\n---\n\n"
            f"このサイトは{args.n}件の政策課題からなる合成データです。[[issue:1]]から始まります。\n")
    w.write(os.path.join(content, "index.en.md"),
            "---\ntitle: \"Synthetic Committee Benchmark\"\n---\n\n"
            f"This site is synthetic data with {args.n} policy issues. It starts at [[issue:1]].\n")
    w.write(os.path.join(content, "pages", "about.ja.md"),
            "---\ntitle: \"このサイトについて\"\norder: 1\n---\n\n## 目的 {#purpose}\n\n"
            "ベンチマーク用の合成データです。\n")
    w.write(os.path.join(content, "pages", "about.en.md"),
            "---\ntitle: \"About this site\"\norder: 1\n---\n\n## Purpose {#purpose}\n\n"
            "Synthetic data for benchmarks.\n")

    if hugo:
        hw.write(os.path.join(hugo, "hugo.toml"), HUGO_CONFIG)
        hw.write(os.path.join(hugo, "layouts", "_default", "baseof.html"), HUGO_BASEOF)
        hw.write(os.path.join(hugo, "layouts", "_default", "single.html"), HUGO_SINGLE)
        hw.write(os.path.join(hugo, "layouts", "_default", "list.html"), HUGO_LIST)

    def emit(rel, text, lang):
        w.write(os.path.join(content, rel), text)
        if hugo:
            hw.write(os.path.join(hugo, "content", rel), hugo_links(c, text, lang))

    for k in range(1, args.n + 1):
        ja, en = c.issue_pages(k)
        emit(os.path.join("issues", str(k), "index.ja.md"), ja, "ja")
        emit(os.path.join("issues", str(k), "index.en.md"), en, "en")
        for j in range(1, COMMENTS_PER_ISSUE + 1):
            meeting, cid, ja, en = c.comment_pages(k, j)
            emit(os.path.join("comments", meeting, f"{cid}.ja.md"), ja, "ja")
            emit(os.path.join("comments", meeting, f"{cid}.en.md"), en, "en")

    print(f"shingi site: {root}: {w.md_files} Markdown files, {w.md_bytes:,} bytes "
          f"({w.md_bytes / 1e6:.1f} MB) of Markdown; {w.files} files, {w.bytes:,} bytes in all "
          f"({args.n} issues, {args.n * COMMENTS_PER_ISSUE} comments, {len(c.references)} references, "
          f"{len(c.members)} members, {len(c.meetings)} meetings)")
    if hugo:
        print(f"hugo site:   {hugo}: {hw.md_files} Markdown pages, {hw.md_bytes:,} bytes "
              f"({hw.md_bytes / 1e6:.1f} MB) of Markdown")


if __name__ == "__main__":
    main()
