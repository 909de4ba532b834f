# ruff: noqa: E501  (HTML and story text are data; long lines keep them readable)
"""The sample stories (Quintype story data) and how each page renders them.

Each entry of PAGES is (file stem, story, page options). Page options:
  extractor   layer that must answer ("quintype_json", "arrow_dom", "jsonld")
  static_page include script#static-page          arrow   arrow markup (False: plain HTML)
  old         older arrow spellings                time    "plain"|"timeago"|"timeago_empty"|"empty"
  show_published / show_updated                    lazy    lazy data-src images
  jsonld      JSON-LD article types                aside_cards: filled aside (url, headline, ...)
"""

from __future__ import annotations

from typing import Any

from build_story import author, linked, make_story
from qt import (
    Story,
    also_read,
    blockquote_el,
    blurb,
    image,
    image_key,
    quote_el,
    summary,
    text,
    title,
    tweet,
    youtube,
)

PageSpec = tuple[str, Story, dict[str, Any]]

DEFAULT: dict[str, Any] = {
    "extractor": "quintype_json",
    "static_page": True,
    "arrow": True,
    "old": False,
    "time": "timeago",
    "show_published": False,
    "show_updated": True,
    "lazy": True,
    "jsonld": ["Article", "NewsArticle"],
}


def opts(**kw: Any) -> dict[str, Any]:
    return {**DEFAULT, **kw}


# --- authors ----------------------------------------------------------------------------------

MARKOVA = author("Elena Markova", "elena-markova", "elenamarkova_ibn", "Diplomatic correspondent.")
WHITCOMBE = author("Daniel Whitcombe", "daniel-whitcombe", "dwhitcombe")
KOVALENKO = author("Oksana Kovalenko", "oksana-kovalenko", None, "Kyiv-based reporter.")
NOWAK = author("Paweł Nowak", "pawel-nowak", "pnowak_ibn")
AYDIN = author("Selin Aydın", "selin-aydin", None)
DESK = author("Inter Bellum News Desk", "inter-bellum-news-desk", "interbellumnews")

# --- 1. the seed ------------------------------------------------------------------------------

SEED_ALSO = [
    linked(
        "Russian Offensive Advances as Worlds Focus Is on Trump-Putin Call",
        "world/russian-offensive-advances-as-worlds-focus-is-on-trump-putin-call",
    ),
    linked(
        "Europe, Ukraine Rush to Influence Trump Ahead of Putin Call",
        "world/europe-ukraine-rush-to-influence-trump-ahead-of-putin-call",
    ),
    linked(
        "Trump Announces Planned Monday Call with President Putin",
        "politics/trump-announces-planned-monday-call-with-president-putin",
    ),
]

SEED = make_story(
    headline="Putin Hails ‘Very Useful’ Two-Hour Call With Trump on Ukraine Peace Talks",
    subheadline="Russia signals openness to ceasefire and long-term peace agreement with Kiev",
    slug="world/putin-hails-very-useful-two-hour-call-with-trump-on-ukraine-peace-talks",
    section=("World", "world"),
    authors=[MARKOVA],
    tags=["Vladimir Putin", "Donald Trump", "Ukraine", "Peace Talks", "Russia"],
    first_published="2025-05-19T21:12:00.000Z",
    updated="2025-05-20T06:41:00.000Z",
    read_time=2,
    hero_file="putin.jpg",
    hero_caption=None,
    hero_attribution="Kremlin.ru",
    summary="Putin says Moscow will draft a peace memorandum with Kiev after a two-hour call with Trump.",
    meta_description=(
        "Putin called his two-hour phone conversation with Trump “very useful” and said Russia "
        "will propose a memorandum on a future peace agreement with Ukraine."
    ),
    links=SEED_ALSO,
    cards=[
        [
            text(
                "<p>Russian President Vladimir Putin described his two-hour phone conversation with "
                "U.S. President Donald Trump on Monday as “very useful,” emphasizing that both "
                "nations are aligned in supporting the resumption of peace talks between Moscow "
                "and Kiev.</p><p>The call, which focused on the ongoing conflict in Ukraine, marks "
                "a potential turning point in diplomatic efforts.</p>"
            ),
        ],
        [
            title("Putin: “We’re on the right track”"),
            text(
                "<p>Speaking to reporters shortly after the call, Putin praised Trump for backing "
                "the direct dialogue now underway between Russia and Ukraine, which resumed last "
                "week in Istanbul after a three-year hiatus.</p><p>“Russia supports a peaceful "
                "resolution of the Ukraine conflict,” Putin said. “We must simply identify the "
                "most effective path toward peace.”</p><p>Putin revealed that he and Trump had "
                "agreed on the need to develop a formal memorandum outlining the foundation for "
                "a future peace agreement between Russia and Ukraine. The document would include "
                "proposed ceasefire timelines and key settlement principles.</p>"
            ),
        ],
        [
            text(
                "<h2>Russia proposes peace framework</h2><p>Putin stated that Moscow will soon "
                "present a draft peace memorandum to Kiev:</p>"
            ),
            quote_el(
                "“Russia will propose and be ready to work with the Ukrainian side on a "
                "memorandum on a potential future peace agreement, defining the terms of "
                "settlement and timeframe for a potential ceasefire.”"
            ),
            text(
                "<p>The proposal follows the most significant breakthrough in recent diplomacy: "
                "the agreement on a large-scale prisoner swap and the intention to continue "
                "high-level talks. Both sides reportedly agreed in principle to exchange 1,000 "
                "prisoners each and to submit written ceasefire proposals.</p>"
            ),
        ],
        [
            title("Trump’s influence in the peace process"),
            text(
                "<p>The Kremlin acknowledged that Trump’s push for renewed dialogue played a major "
                "role in restarting negotiations. Last week, Trump urged Ukrainian President "
                "Vladimir Zelensky to accept Putin’s offer of talks and announced he could attend "
                "the next round in Türkiye if progress continues.</p><p>While Zelensky had "
                "initially demanded a 30-day ceasefire as a precondition, the latest developments "
                "suggest that both sides may now be more flexible in finding common ground.</p>"
            ),
        ],
        [
            text(
                "<h2>Outlook: Real compromise or fragile optics?</h2><p>Putin concluded that the "
                "situation is “generally steering in the right direction,” but added that "
                "compromise and mutual commitment are essential.</p><p>“The issue is, of course, "
                "that both Moscow and Kiev should demonstrate maximum desire for peace and find "
                "compromises that would satisfy all parties,” he said.</p><p>Whether a long-term "
                "resolution is truly within reach remains uncertain. Previous negotiations "
                "collapsed in 2022 after Kiev withdrew from a draft treaty—allegedly under "
                "pressure from Western backers. Russia has consistently maintained that any future "
                "agreement must address what it calls the root causes of the conflict, including "
                "NATO expansion and the status of newly integrated Russian territories.</p>"
            ),
            also_read(SEED_ALSO[0]["id"], SEED_ALSO[0]["headline"]),
            also_read(SEED_ALSO[1]["id"], SEED_ALSO[1]["headline"]),
            also_read(SEED_ALSO[2]["id"], SEED_ALSO[2]["headline"]),
        ],
    ],
)


SEED_LINK = linked(SEED["headline"], SEED["slug"])

# --- 2. prisoner exchange: three authors, old arrow, plain <time>, images, ol, tweet ----------

SWAP_ALSO = [
    SEED_LINK,
    linked(
        "Istanbul Talks End With Agreement on Prisoner Swap but No Ceasefire",
        "world/istanbul-talks-end-with-agreement-on-prisoner-swap-but-no-ceasefire",
    ),
]

SWAP = make_story(
    headline="Ukraine and Russia Complete Largest Prisoner Exchange of the War",
    subheadline="A thousand prisoners from each side were freed over three days, the first tangible result of the Istanbul talks",
    slug="world/ukraine-and-russia-complete-largest-prisoner-exchange-of-the-war",
    section=("World", "world"),
    authors=[KOVALENKO, AYDIN, WHITCOMBE],
    tags=["Prisoner Exchange", "Ukraine", "Russia", "Istanbul Talks", "Türkiye"],
    first_published="2025-05-23T14:20:37.512Z",
    updated="2025-05-25T09:05:12.004Z",
    read_time=4,
    hero_file="prisoner-exchange.jpg",
    hero_caption="<p>Freed Ukrainian servicemen near the <em>Belarusian</em> border on Friday</p>",
    hero_attribution="Coordination HQ for the Treatment of POWs",
    summary="The 1,000-for-1,000 exchange agreed in Istanbul was carried out in three stages.",
    meta_description="Ukraine and Russia exchanged 1,000 prisoners each between 23 and 25 May, the largest swap since 2022.",
    links=SWAP_ALSO,
    cards=[
        [
            text(
                "<p>Ukraine and Russia on Sunday completed the largest prisoner exchange since the "
                "start of the full-scale war, with <strong>1,000 prisoners</strong> returned to each "
                "side over three days. The swap was the one concrete outcome of the direct talks held "
                "in Istanbul on 16 May, the first since the spring of 2022.</p>"
                "<p>President Volodymyr Zelensky said the exchange showed that “agreements can be "
                "implemented when there is will,” while Moscow’s negotiator Vladimir Medinsky called "
                "it a step that “builds trust.” The talks followed "
                '<a href="/world/putin-hails-very-useful-two-hour-call-with-trump-on-ukraine-peace-talks">'
                "a two-hour call between Putin and Trump</a> on 19 May.</p>"
            ),
            image(
                image_key("2025-05", "swap-bus", "buses.jpg"),
                "Buses carrying released prisoners arrive in the Chernihiv region",
                "Office of the President of Ukraine",
            ),
        ],
        [
            title("How the exchange was carried out"),
            text(
                "<p>Officials on both sides described a tightly choreographed process, mediated by "
                "Türkiye and monitored by the International Committee of the Red Cross:</p>"
                "<ol><li>On Friday, 390 people, including 120 civilians, were exchanged at the "
                "Belarusian border.</li><li>On Saturday, 307 servicemen were returned to each side.</li>"
                "<li>On Sunday, the final 303 prisoners were freed, completing the "
                "<em>1,000-for-1,000</em> formula agreed in Istanbul.</li></ol>"
                "<p>Among those released were soldiers captured during the defence of Mariupol in 2022 "
                "and civilians detained in occupied areas of the Kherson and Zaporizhzhia regions.</p>"
            ),
            tweet(
                "https://twitter.com/ZelenskyyUa/status/1926300000000000000",
                "1000 of our people have been returned home. We continue to work to bring everyone back.",
                "Volodymyr Zelenskyy / Володимир Зеленський",
                "ZelenskyyUa",
                "May 25, 2025",
            ),
        ],
        [
            text(
                "<h2>A rare moment of cooperation</h2><p>Ankara, which hosted the talks at the "
                "Dolmabahçe Palace, welcomed the exchange. Foreign Minister Hakan Fidan said Türkiye "
                "was “ready to host the next round at any level.”</p>"
                "<p>Families of prisoners who were not included gathered in Kyiv on Sunday, holding "
                "photographs of missing relatives. Ukrainian officials said that thousands remain in "
                "Russian custody and that lists for a further exchange were being prepared.</p>"
            ),
            image(
                image_key("2025-05", "swap-family", "family.jpg"),
                "Relatives hold photographs of missing soldiers in Kyiv",
                "Inter Bellum News / Oksana Kovalenko",
            ),
            text(
                "<p>Russia’s Defence Ministry said its returned servicemen were taken to Belarus for "
                "medical checks before being flown to Moscow.</p>"
            ),
            also_read(SWAP_ALSO[0]["id"], SWAP_ALSO[0]["headline"]),
            also_read(SWAP_ALSO[1]["id"], SWAP_ALSO[1]["headline"]),
        ],
    ],
)

# --- 3. EU sanctions: two authors, summary, ul, blockquote, labelled also-read, non-ASCII -----

SANCTIONS_ALSO = [
    linked(
        "Shadow Fleet Tanker Detained Off Estonia After Navy Standoff",
        "economy/shadow-fleet-tanker-detained-off-estonia-after-navy-standoff",
    ),
]

SANCTIONS = make_story(
    headline="EU Adopts 17th Sanctions Package as Kallas Warns of ‘Shadow Fleet’ Evasion",
    subheadline="Brussels lists nearly 200 more tankers; Warsaw and Kyiv call for a lower oil price cap of €45",
    slug="economy/eu-adopts-17th-sanctions-package-as-kallas-warns-of-shadow-fleet-evasion",
    section=("Economy", "economy"),
    authors=[NOWAK, MARKOVA],
    tags=["Sanctions", "European Union", "Shadow Fleet", "Oil Price Cap", "Kaja Kallas"],
    first_published="2025-05-20T10:02:00.000Z",
    updated="2025-05-20T16:48:30.250Z",
    read_time=3,
    hero_file="kallas-brussels.jpg",
    hero_caption="EU foreign policy chief Kaja Kallas in Brussels",
    hero_attribution="European Union",
    summary="The package targets 189 tankers of Russia’s ‘shadow fleet’ and dozens of companies.",
    meta_title="EU’s 17th Sanctions Package Targets Shadow Fleet | Inter Bellum News",
    meta_description="EU foreign ministers adopted a 17th package of sanctions on Russia, listing 189 more shadow fleet vessels.",
    links=SANCTIONS_ALSO,
    cards=[
        [
            summary(
                "<p>EU ministers adopted the bloc’s 17th package of sanctions against Russia on "
                "Tuesday, the largest yet aimed at the so-called shadow fleet of ageing tankers.</p>"
            ),
            text(
                "<p>The European Union on Tuesday adopted its 17th package of sanctions against "
                "Russia, adding 189 vessels to the list of tankers barred from EU ports and services "
                "and bringing the total to 342. High Representative Kaja Kallas said the measures "
                "were aimed at “the backbone of Russia’s war economy.”</p>"
                "<p>The package, approved at a meeting of foreign ministers in Brussels, also "
                "includes:</p>"
                "<ul><li>asset freezes on <strong>75 individuals and entities</strong>, among them "
                "companies in the Russian military-industrial complex;</li>"
                "<li>new export restrictions on chemicals used in missile production;</li>"
                '<li>a first listing of entities linked to <a href="https://www.consilium.europa.eu/en/policies/sanctions-against-russia/">'
                "hybrid threats</a> and human rights abuses.</li></ul>"
            ),
        ],
        [
            title("Warsaw and Kyiv push for more"),
            text(
                "<p>Poland’s Foreign Minister Radosław Sikorski, whose country holds the rotating "
                "presidency of the Council, said the package was “necessary but not sufficient” and "
                "urged colleagues to lower the G7 oil price cap from $60 to €45 a barrel.</p>"
                "<p>Ukraine’s Foreign Minister Andrii Sybiha (Андрій Сибіга) welcomed the decision "
                "and called on the EU to target Russian banks still connected to SWIFT. In Kyiv, the "
                "daily <em>Ukrainska Pravda</em> ran the headline «Sanctions, but not yet the "
                "knockout».</p>"
            ),
            blockquote_el(
                "Every tanker we list is a tanker that cannot finance missiles fired at Ukrainian cities.",
                "Kaja Kallas, EU High Representative",
            ),
        ],
        [
            title("Hungary and Slovakia hold out on energy"),
            text(
                "<p>The package steered clear of Russian gas and nuclear fuel, areas on which Hungary "
                "and Slovakia have repeatedly threatened vetoes. Trade Commissioner Maroš Šefčovič "
                "said a separate roadmap to phase out Russian energy imports by 2027 would be "
                "presented within weeks.</p>"
                "<p>Diplomats said work on an 18th package had already begun, with the financial "
                "sector and the Nord Stream pipelines among the likely targets. France’s minister "
                "Jean-Noël Barrot said the next package should be ready “before the summer.”</p>"
            ),
            also_read(SANCTIONS_ALSO[0]["id"], SANCTIONS_ALSO[0]["headline"], label=True),
        ],
    ],
)

# --- 4. Baltic drones: old arrow, published only, YouTube, blurb with <br>, quote + attribution

DRONES_ALSO = [
    linked(
        "NATO Launches ‘Baltic Sentry’ Mission to Protect Undersea Cables",
        "defence/nato-launches-baltic-sentry-mission-to-protect-undersea-cables",
        "2025-01",
    ),
    linked(
        "Finland Completes First Stretch of Eastern Border Fence",
        "defence/finland-completes-first-stretch-of-eastern-border-fence",
        "2025-04",
    ),
]

DRONES = make_story(
    headline="Baltic States Report Wave of Drone Incursions Near Russian Border",
    subheadline="Lithuania and Latvia say unidentified drones crossed their airspace on five nights in a row",
    slug="defence/baltic-states-report-wave-of-drone-incursions-near-russian-border",
    section=("Defence", "defence"),
    authors=[WHITCOMBE],
    tags=["Drones", "Lithuania", "Latvia", "NATO", "Air Defence"],
    first_published="2025-06-12T05:30:00.000Z",
    updated="2025-06-12T05:30:00.000Z",
    read_time=3,
    hero_file="drone-radar.jpg",
    hero_caption="",
    hero_attribution="Lithuanian Armed Forces",
    summary="Vilnius and Riga say the flights are probing NATO air defences.",
    meta_description="Lithuania and Latvia report five consecutive nights of drone incursions from Belarus and Russia.",
    links=DRONES_ALSO,
    cards=[
        [
            text(
                "<p>Lithuania and Latvia said on Thursday that unidentified drones had crossed into "
                "their airspace from Belarus and Russia on <em>five consecutive nights</em>, in what "
                "officials in Vilnius described as a deliberate test of NATO’s air defences.</p>"
                "<p>Lithuania’s National Crisis Management Centre said radar had tracked at least "
                "nine objects, most of which turned back within minutes. One drone came down in a "
                "forest near Širvintos, about 40 km north-west of Vilnius, and is being examined "
                "by investigators.</p>"
            ),
        ],
        [
            title("“Probing, not accidents”"),
            quote_el(
                "These are not stray weather balloons. Someone is mapping how quickly we react.",
                "Dovilė Šakalienė, Lithuanian Defence Minister",
            ),
            text(
                "<p>Latvia’s armed forces said they had scrambled helicopters twice and raised the "
                "alert level of air defence units in the Latgale region. Riga has asked allies for "
                "additional <strong>counter-drone systems</strong>, and the government said it would "
                "speed up the purchase of interceptors announced in March.</p>"
            ),
            youtube("dQw9xBaltic"),
            text(
                "<p>NATO said its Baltic air policing jets were not scrambled because the drones did "
                "not pose a threat to aircraft. The alliance has been reinforcing the region since "
                'the launch of <a href="https://interbellumnews.com/defence/nato-launches-baltic-sentry-mission-to-protect-undersea-cables">'
                "Baltic Sentry</a> in January.</p>"
            ),
        ],
        [
            blurb(
                "Incursions reported since 8 June:<br>Lithuania: 6 objects, 1 recovered<br>Latvia: 3 objects, none recovered"
            ),
            text(
                "<h2>Moscow and Minsk deny involvement</h2><p>Belarus’s Defence Ministry said it had "
                "“no information” about drones launched from its territory, while the Kremlin "
                "dismissed the reports as “hysteria.” Analysts noted that similar incidents in "
                "Poland and Romania had involved Russian attack drones straying from Ukraine.</p>"
            ),
            also_read(DRONES_ALSO[0]["id"], DRONES_ALSO[0]["headline"]),
            also_read(DRONES_ALSO[1]["id"], DRONES_ALSO[1]["headline"]),
        ],
    ],
)

# --- 5. no script#static-page: arrow DOM + JSON-LD; h3, <blockquote> in text, filled aside ----

ZNPP_ALSO = [
    linked(
        "IAEA Chief Grossi Warns of ‘Extremely Fragile’ Safety at Europe’s Largest Nuclear Plant",
        "world/iaea-chief-grossi-warns-of-extremely-fragile-safety",
        "2025-04",
    ),
]

ZNPP = make_story(
    headline="IAEA Inspectors Find Drone Damage at Zaporizhzhia Plant Training Centre",
    subheadline="The UN watchdog says no radiation was released but calls the strike “a serious risk to nuclear safety”",
    slug="world/iaea-inspectors-find-drone-damage-at-zaporizhzhia-plant-training-centre",
    section=("World", "world"),
    authors=[KOVALENKO],
    tags=["IAEA", "Zaporizhzhia", "Nuclear Safety", "Ukraine"],
    first_published="2025-06-03T08:15:00.000Z",
    updated="2025-06-03T13:40:00.000Z",
    read_time=3,
    hero_file="znpp.jpg",
    hero_caption="The Zaporizhzhia nuclear power plant in Enerhodar",
    hero_attribution="IAEA Imagebank",
    summary="A drone hit the training centre just outside the plant’s perimeter, the IAEA said.",
    meta_description="IAEA inspectors found drone damage at the training centre of the Zaporizhzhia nuclear power plant.",
    links=ZNPP_ALSO,
    cards=[
        [
            text(
                "<p>Inspectors from the International Atomic Energy Agency found damage from a drone "
                "strike at the training centre of the Zaporizhzhia nuclear power plant, the agency "
                "said on Tuesday, adding that radiation levels at the site remained normal.</p>"
                "<p>The centre lies just outside the perimeter of the plant, which has been under "
                "Russian control since March 2022 and whose six reactors are in cold shutdown.</p>"
            ),
            image(
                image_key("2025-06", "znpp-centre", "training-centre.jpg"),
                "Damage to the roof of the plant’s training centre",
                "IAEA",
            ),
        ],
        [
            title("What the inspectors found"),
            text(
                "<p>According to the IAEA’s statement, the team observed:</p>"
                "<ul><li>a hole in the roof of the training centre’s main building;</li>"
                "<li>shattered windows on two floors;</li><li>fragments consistent with a small "
                "attack drone.</li></ul>"
                "<h3>No casualties reported</h3>"
                "<p>Plant staff told the inspectors that nobody had been injured. Both Kyiv and "
                "Moscow blamed each other for the strike.</p>"
            ),
            text(
                "<blockquote>Attacks like this must stop. They put the plant, its staff and the "
                "wider region at risk.</blockquote>"
                "<p>The agency has repeatedly called for a protection zone around the facility, the "
                "largest nuclear power plant in Europe.</p>"
            ),
            also_read(ZNPP_ALSO[0]["id"], ZNPP_ALSO[0]["headline"]),
        ],
    ],
)

ZNPP_ASIDE = [
    (
        ZNPP_ALSO[0]["url"],
        ZNPP_ALSO[0]["headline"],
        "",
        ZNPP_ALSO[0]["hero-image-s3-key"],
        "Oksana Kovalenko",
        ZNPP["first-published-at"] - 40 * 86_400_000,
    ),
    (
        ZNPP["url"],
        ZNPP["headline"],
        ZNPP["subheadline"],
        ZNPP["hero-image-s3-key"],
        "Oksana Kovalenko",
        ZNPP["first-published-at"],
    ),
    (
        SWAP["url"],
        SWAP["headline"],
        SWAP["subheadline"],
        SWAP["hero-image-s3-key"],
        "Oksana Kovalenko",
        SWAP["first-published-at"],
    ),
    (
        f"{SEED['url']}",
        SEED["headline"],
        SEED["subheadline"],
        SEED["hero-image-s3-key"],
        "Elena Markova",
        SEED["first-published-at"],
    ),
]

# --- 6. JSON-LD only: plain semantic HTML, NewsArticle, no arrow hooks -------------------------

MOLDOVA = make_story(
    headline="Moldova Votes in Tense Election Overshadowed by Interference Claims",
    subheadline="President Maia Sandu’s party seeks to keep its majority as Chișinău accuses Moscow of vote buying",
    slug="politics/moldova-votes-in-tense-election-overshadowed-by-interference-claims",
    section=("Politics", "politics"),
    authors=[AYDIN],
    tags=["Moldova", "Elections", "Maia Sandu", "European Union"],
    first_published="2025-09-28T07:00:00.000Z",
    updated="2025-09-28T11:25:00.000Z",
    read_time=2,
    hero_file="chisinau-polling.jpg",
    hero_caption=None,
    hero_attribution=None,
    summary="",
    meta_description="Moldovans vote in a parliamentary election seen as a test of the country’s path towards the EU.",
    cards=[
        [
            text(
                "<p>Moldovans voted on Sunday in a parliamentary election seen as a referendum on the "
                "country’s path towards the European Union, amid accusations from the government that "
                "Russia had spent hundreds of millions of euros to sway the result.</p>"
                "<p>Polls opened at 7 a.m. in Chișinău and across the country, as well as at more than "
                "300 stations abroad, where a large diaspora is expected to favour pro-European "
                "parties.</p>"
            ),
            text(
                "<h2>What is at stake</h2><p>President Maia Sandu’s Party of Action and Solidarity "
                "(PAS) won an outright majority in 2021. Polls suggest it could lose it to a "
                "coalition of opposition parties, including the Patriotic Electoral Bloc led by "
                "former president Igor Dodon.</p>"
                "<ul><li>101 seats are up for election;</li><li>the threshold is 5% for parties and "
                "7% for blocs;</li><li>turnout must exceed a third of registered voters for the vote "
                "to be valid.</li></ul>"
            ),
        ],
        [
            text(
                "<p>Speaker Igor Grosu said police had uncovered schemes to pay voters and to bring "
                "them by bus to polling stations. Moscow denies interfering.</p>"
                "<p>Preliminary results are expected overnight.</p>"
            ),
        ],
    ],
)

# --- 7. empty <time>: dates only in JSON / JSON-LD; ol, tweet (x.com), quote, summary ------

HAGUE_ALSO = [
    linked(
        "Spain Wins Exemption From NATO’s 5% Target, Angering Allies",
        "defence/spain-wins-exemption-from-natos-5-target-angering-allies",
        "2025-06",
    ),
]

HAGUE = make_story(
    headline="NATO Allies Back 5% Spending Goal at The Hague Summit",
    subheadline="Leaders agree to raise defence and security spending by 2035 after pressure from Washington",
    slug="defence/nato-allies-back-5-spending-goal-at-the-hague-summit",
    section=("Defence", "defence"),
    authors=[WHITCOMBE, NOWAK],
    tags=["NATO", "Defence Spending", "The Hague", "Mark Rutte"],
    first_published="2025-06-25T15:47:09.000Z",
    updated="2025-06-26T08:03:51.000Z",
    read_time=4,
    hero_file="hague-summit.jpg",
    hero_caption="Leaders pose for the family photo at the World Forum in The Hague",
    hero_attribution="NATO",
    summary="The 5% target splits into 3.5% for core defence and 1.5% for resilience and infrastructure.",
    meta_description="NATO leaders meeting in The Hague agreed to spend 5% of GDP on defence and security by 2035.",
    links=HAGUE_ALSO,
    cards=[
        [
            summary(
                "<p>Allies committed to spending 5% of GDP on defence and security by 2035, up from "
                "the 2% target set in 2014.</p>"
            ),
            text(
                "<p>NATO leaders on Wednesday endorsed a goal of spending 5% of their economies on "
                "defence and security by 2035, a commitment Secretary General Mark Rutte called "
                "“a quantum leap” for the alliance.</p>"
                "<p>The summit declaration, just five paragraphs long, reaffirmed the "
                "“ironclad commitment” to collective defence under Article 5.</p>"
            ),
        ],
        [
            title("How the 5% breaks down"),
            text(
                "<ol><li>3.5% of GDP for core defence: troops, weapons and ammunition.</li>"
                "<li>1.5% for wider security, including infrastructure, cyber defence and civil "
                "preparedness.</li><li>Annual plans showing a “credible, incremental path” towards "
                "the target.</li></ol>"
            ),
            quote_el(
                "This is a big win for the United States, but it is a bigger win for Western civilisation.",
                "Donald Trump, U.S. President",
            ),
            tweet(
                "https://x.com/SecGenNATO/status/1937900000000000000",
                "Today we took historic decisions to make NATO stronger, fairer and more lethal.",
                "Mark Rutte",
                "SecGenNATO",
                "June 25, 2025",
            ),
        ],
        [
            text(
                "<h2>Doubts over delivery</h2><p>Spain secured wording that it says exempts it from "
                "the headline figure, and several allies acknowledged they would struggle to reach "
                "it. Economists at the Kiel Institute estimated the target would cost European "
                "members more than €600bn a year.</p>"
                "<p>The next summit will be held in Türkiye in 2026.</p>"
            ),
            also_read(HAGUE_ALSO[0]["id"], HAGUE_ALSO[0]["headline"]),
        ],
    ],
)

# --- 8. Black Sea insurance: desk byline, two body images (one without credit), <br>, « » ----

BLACKSEA_ALSO = [
    linked(
        "Ukraine’s Grain Exports Hold Up Despite Port Strikes",
        "economy/ukraines-grain-exports-hold-up-despite-port-strikes",
        "2025-07",
    ),
    linked(
        "Lloyd’s Market Adds Russian Ports to Listed Areas",
        "economy/lloyds-market-adds-russian-ports-to-listed-areas",
        "2025-07",
    ),
]

BLACKSEA = make_story(
    headline="Black Sea Shipping Insurers Raise War-Risk Premiums Again",
    subheadline="Cover for a single voyage to Odesa now costs up to 1% of a vessel’s value as attacks on ports intensify",
    slug="economy/black-sea-shipping-insurers-raise-war-risk-premiums-again",
    section=("Economy", "economy"),
    authors=[DESK],
    tags=["Shipping", "Insurance", "Black Sea", "Odesa", "Grain"],
    first_published="2025-08-14T09:10:00.000Z",
    updated="2025-08-14T17:22:45.000Z",
    read_time=3,
    hero_file="odesa-port.jpg",
    hero_caption="A bulk carrier loads grain at the port of Odesa",
    hero_attribution="Reuters",
    summary="War-risk premiums for Ukrainian ports have roughly doubled since June.",
    meta_description="War-risk insurance premiums for ships calling at Ukrainian Black Sea ports have risen again.",
    links=BLACKSEA_ALSO,
    cards=[
        [
            text(
                "<p>Insurers have raised war-risk premiums for ships calling at Ukraine’s Black Sea "
                "ports for the second time since June, brokers said on Thursday, after a series of "
                "drone and missile strikes on port infrastructure in the Odesa region.</p>"
                "<p>Cover for a single voyage now costs between <strong>0.7% and 1%</strong> of a "
                "vessel’s hull value, up from about 0.5% in the spring. For a typical bulk carrier "
                "worth $25m, that means an extra premium of up to $250,000.</p>"
            ),
            image(
                image_key("2025-08", "blacksea-damage", "warehouse.jpg"),
                "A grain warehouse in Izmail damaged in a drone attack",
                "Odesa Regional Military Administration",
            ),
        ],
        [
            title("Who pays"),
            text(
                "<p>Traders said most of the cost is passed on to exporters, squeezing margins on "
                "Ukrainian wheat and maize. The country’s state-backed insurance scheme, set up with "
                "Marsh McLennan, covers part of the risk:</p>"
                "<ul><li>up to $50m per vessel for hull and machinery;</li>"
                "<li>cargo cover for grain shipments;</li>"
                "<li>crew protection and indemnity.</li></ul>"
                "<p>“We are still sailing, but every voyage is a calculation,” said the captain of "
                "a Turkish-flagged bulk carrier.<br>“The crews ask for danger money, and they get "
                "it.”</p>"
            ),
            image(
                image_key("2025-08", "blacksea-corridor", "corridor-map.jpg"),
                "The Ukrainian shipping corridor along the western Black Sea coast",
            ),
        ],
        [
            text(
                "<h2>France and Türkiye call for guarantees</h2><p>French officials told "
                "<em>Les Échos</em> that «la sécurité de la navigation» should be part of any "
                "ceasefire talks. Türkiye, which controls access to the Black Sea through the "
                "Bosphorus, has offered to host a maritime security conference, according to "
                '<a href="https://www.aa.com.tr/en">Anadolu</a>.</p>'
            ),
            also_read(BLACKSEA_ALSO[0]["id"], BLACKSEA_ALSO[0]["headline"], label=True),
            also_read(BLACKSEA_ALSO[1]["id"], BLACKSEA_ALSO[1]["headline"], label=True),
        ],
    ],
)

# --- 9. Vatican offer: old arrow, blurb, YouTube, quote with attribution, Italian accents ------

VATICAN = make_story(
    headline="Pope Leo XIV Offers the Vatican as a Venue for Russia–Ukraine Talks",
    subheadline="The first American pope tells Zelensky the Holy See is “ready to help” bring the two sides together",
    slug="politics/pope-leo-xiv-offers-the-vatican-as-a-venue-for-russia-ukraine-talks",
    section=("Politics", "politics"),
    authors=[MARKOVA],
    tags=["Pope Leo XIV", "Vatican", "Peace Talks", "Ukraine"],
    first_published="2025-05-21T12:30:00.000Z",
    updated="2025-05-22T07:15:00.000Z",
    read_time=2,
    hero_file="pope-leo.jpg",
    hero_caption="Pope Leo XIV in St Peter’s Square",
    hero_attribution="Vatican Media",
    summary="Italy’s prime minister said the pope had confirmed his willingness to host talks.",
    meta_description="Pope Leo XIV has offered to host direct talks between Russia and Ukraine at the Vatican.",
    cards=[
        [
            text(
                "<p>Pope Leo XIV has offered the Vatican as a venue for direct negotiations between "
                "Russia and Ukraine, Italian Prime Minister Giorgia Meloni said on Tuesday after a "
                "phone call with the pontiff.</p>"
                "<p>The offer was first made to President Volodymyr Zelensky, who met the pope after "
                "his inauguration Mass on 18 May. The Vatican’s Secretary of State, Cardinal Pietro "
                "Parolin, said the Holy See would provide “a neutral space” in the Città del "
                "Vaticano.</p>"
            ),
            blurb(
                "<strong>Why the Vatican?</strong> The Holy See has diplomatic relations with both "
                "Moscow and Kyiv and has already mediated the return of Ukrainian children."
            ),
        ],
        [
            title("Moscow non-committal"),
            quote_el(
                "We are grateful to the pope for his willingness to help, but the venue is not the main question.",
                "Dmitry Peskov, Kremlin spokesman",
            ),
            text(
                "<p>Russian Foreign Minister Sergei Lavrov later said it would be “not very "
                "elegant” for Orthodox countries to discuss the causes of the conflict on Catholic "
                "ground, casting doubt on the proposal.</p>"
            ),
            youtube("Vat1canXIV0"),
            text(
                "<p>U.S. Secretary of State Marco Rubio and Vice President JD Vance, who met the "
                "pope in Rome, welcomed the initiative.</p>"
            ),
        ],
    ],
)

PAGES: list[PageSpec] = [
    ("putin-trump-call", SEED, opts(time="timeago_empty")),
    (
        "prisoner-exchange-three-authors",
        SWAP,
        opts(old=True, time="plain", show_published=True, lazy=False, jsonld=["NewsArticle"]),
    ),
    (
        "eu-sanctions-non-ascii",
        SANCTIONS,
        opts(time="timeago", show_published=True, jsonld=["Article"]),
    ),
    (
        "baltic-drones-youtube-blurb",
        DRONES,
        opts(old=True, time="timeago", show_published=True, show_updated=False),
    ),
    (
        "no-static-page",
        ZNPP,
        opts(
            extractor="arrow_dom",
            static_page=False,
            time="plain",
            show_published=True,
            jsonld=["Article"],
            aside_cards=ZNPP_ASIDE,
        ),
    ),
    (
        "jsonld-only",
        MOLDOVA,
        opts(extractor="jsonld", static_page=False, arrow=False, jsonld=["NewsArticle"]),
    ),
    (
        "nato-summit-empty-time",
        HAGUE,
        opts(time="empty", show_published=True),
    ),
    (
        "black-sea-insurance-images",
        BLACKSEA,
        opts(time="timeago", lazy=False),
    ),
    (
        "vatican-offer-old-arrow",
        VATICAN,
        opts(old=True, time="plain", show_published=True, jsonld=["Article"]),
    ),
]
