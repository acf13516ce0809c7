"""The invented text of the sample corpus: headlines, sentences, headings and list items by topic.

Every string is a :meth:`str.format_map` template over the slots the generator fills for one
article (see ``SLOTS``), so an article's headline, lede, sections and source headline speak of
the same city, country and figures.  The text names places (the sample's capital cities and
countries) and roles ("the transport ministry", "opposition councillors"), never real people:
the stories are invented, and no real person should be quoted in one.
"""

from __future__ import annotations

from typing import Final

#: The slots a template may use.
SLOTS: Final = (
    "city",  # the article's capital city
    "city_s",  # its possessive ("Seoul's")
    "country",  # its country, with "the" where English wants it ("the Philippines")
    "country_s",  # its possessive ("South Korea's", "the Philippines'")
    "other",  # another country, for stories between two
    "day",  # a weekday
    "n",  # a small count, 3 to 39
    "m",  # a smaller count, 2 to 11
    "big",  # a sum in millions, 120 to 980
    "pct",  # a percentage, 3 to 39
    "year",  # a year ahead, 2027 to 2035
    "hot",  # a heatwave's temperature, 35 to 46
    "turnout",  # an election's turnout, 41 to 78
    "crowd",  # a crowd or passenger count, "1,200" to "98,000"
    "nth",  # "second" … "sixth"
    "Nth",  # the same, capitalised, for title-case headlines
)

WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS: Final = ("second", "third", "fourth", "fifth", "sixth")
_SMALL = "a an and as at but by for from in into of off on onto or over per the to up via with vs"
#: Words a headline keeps in lower case (unless first): Chicago-style title case, in short.
SMALL_WORDS: Final = frozenset(_SMALL.split())


def title_case(text: str) -> str:
    """``text`` with each word's first letter upper-cased, small words after the first kept lower.

    >>> title_case("cyclists welcome 12 kilometres of bike lanes in the old town")
    'Cyclists Welcome 12 Kilometres of Bike Lanes in the Old Town'
    >>> title_case("high-speed rail to Brasília's coast")
    "High-Speed Rail to Brasília's Coast"
    """
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        if i and word in SMALL_WORDS:
            out.append(word)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(out)


class Topic:
    """One beat of the sample site: its tag and the templates its articles are written from."""

    __slots__ = ("headings", "items", "sentences", "tag", "title_templates", "titles")

    def __init__(
        self,
        tag: str,
        titles: tuple[str, ...],
        sentences: tuple[str, ...],
        headings: tuple[str, ...],
        items: tuple[str, ...],
    ) -> None:
        self.tag = tag
        self.titles = titles
        #: The same headlines in title case, made once: a template's words are cased once, not per article.
        self.title_templates = tuple(title_case(t).replace("{nth}", "{Nth}") for t in titles)
        self.sentences = sentences
        self.headings = headings
        self.items = items


TOPICS: Final = (
    Topic(
        tag="public transport",
        titles=(
            "{city} opens {n}-kilometre tram line after {m}-year wait",
            "Commuters in {city} face longer journeys as {n} bus routes are cut",
            "Metro strike halts trains across {city} for a {nth} day in {m} weeks",
            "{country} approves {big} million high-speed rail link to {city}",
            "{city} airport plans {pct}% more flights by {year}",
            "Cyclists welcome {n} kilometres of protected bike lanes in {city}",
            "{city} raises metro fares by {pct}% to fund new trains",
        ),
        sentences=(
            "Transport officials in {city} said the project would cost about {big} million and carry {crowd} "
            "passengers a day once complete.",
            "The first trains are due to run in {year}, {m} years later than the city's original plan.",
            "Commuters interviewed at the central station said delays had become part of their daily routine.",
            "The transport ministry said the changes would cut journey times between the suburbs and the city centre "
            "by a quarter.",
            "Unions representing drivers said staff shortages, not new timetables, were behind most cancellations.",
            "Opposition councillors questioned whether the budget for maintenance had kept pace with the expansion.",
            "Passenger numbers on the network have risen by {pct} per cent since the pandemic, according to the "
            "operator.",
            "The city plans {n} new stations, most of them in districts that have never had a rail connection.",
        ),
        headings=(
            "What changes for commuters",
            "The cost",
            "A long wait",
            "What happens next",
            "How other capitals compare",
        ),
        items=(
            "Trains every {m} minutes at peak times",
            "Step-free access at {n} stations",
            "A single ticket for buses, trams and the metro",
            "Night services at weekends from {year}",
            "Park-and-ride sites on the edge of {city}",
        ),
    ),
    Topic(
        tag="housing",
        titles=(
            "Rents in {city} climb {pct}% in a year as supply stalls",
            "{city} unveils plan for {crowd} affordable homes by {year}",
            "{crowd} tenants march in {city} against evictions",
            "{country} caps rent rises at {m}% after protests in {city}",
            "Empty offices in {city} to become {n} blocks of flats",
            "Young buyers priced out of {city} as average home tops {big} thousand",
        ),
        sentences=(
            "Average rents in {city} have risen by {pct} per cent over the past year, according to figures from the "
            "national statistics office.",
            "The housing ministry said it would fast-track planning permission for projects that set aside a share of "
            "homes for key workers.",
            "Tenant groups said the measures came too late for families already pushed out to the suburbs.",
            "Developers argued that higher building costs, not planning rules, were holding back construction.",
            "About {crowd} people are on the waiting list for social housing in the capital.",
            "The city council said {n} sites owned by the state would be released for building within {m} years.",
            "Estate agents in {city} reported fewer sales but higher prices in the central districts.",
        ),
        headings=(
            "Who is affected",
            "The numbers",
            "A city of renters",
            "What the government promises",
            "Critics unconvinced",
        ),
        items=(
            "A cap on rent rises tied to inflation",
            "{n} public sites released for building",
            "Grants for first-time buyers under 35",
            "Stricter rules on short-term holiday lets",
            "New protections against no-fault evictions",
        ),
    ),
    Topic(
        tag="economy",
        titles=(
            "{country_s} central bank holds rates at {pct}% as inflation eases to {m}%",
            "Unemployment in {country} falls to lowest level in {n} years",
            "{city} stock exchange closes at record high as exports rise {pct}%",
            "Food prices in {city} rise {pct}% as harvests disappoint",
            "{country} posts surprise budget surplus of {big} million",
            "{n}% of small firms in {city} fear closure as energy bills soar",
        ),
        sentences=(
            "The central bank said price growth had slowed for a {nth} consecutive month but warned that risks "
            "remained.",
            "Economists had expected the figures to show a more modest improvement.",
            "Exporters in {country} have benefited from strong demand in neighbouring markets, the finance ministry "
            "said.",
            "Shop owners in {city} said customers were spending less on everything but essentials.",
            "The finance minister told parliament on {day} that the government would not raise taxes this year.",
            "Business groups called for a cut in payroll taxes to help firms keep staff.",
            "Household spending rose by {pct} per cent in the last quarter, driven by travel and dining out.",
        ),
        headings=("Prices and wages", "Markets react", "What economists say", "The outlook", "Winners and losers"),
        items=(
            "Inflation at {m} per cent, down from a peak last year",
            "Wages up {pct} per cent on the year",
            "Exports to {other} at a record",
            "Public debt steady as a share of output",
            "A weaker currency against the dollar",
        ),
    ),
    Topic(
        tag="Diplomacy",
        titles=(
            "{country} and {other} sign trade pact in {city}",
            "Foreign ministers of {country} and {other} meet in {city} to ease tensions",
            "{city} hosts {n}-nation summit on water security",
            "{country} reopens embassy in {other} after {n} years",
            "{other} and {country} agree visa-free travel for students",
            "Talks with {other} in {city} end without deal on fishing waters",
        ),
        sentences=(
            "Officials from both countries described the talks in {city} as frank and constructive.",
            "The agreement, which still needs the approval of both parliaments, would remove tariffs on {n} "
            "categories of goods.",
            "Diplomats said the meeting had been months in the making and was delayed {m} times.",
            "The foreign ministry of {country} said the two sides would meet again before the end of the year.",
            "Trade between {country} and {other} was worth about {big} million last year.",
            "Analysts in {city} said the deal was as much about signalling as substance.",
            "Protesters gathered outside the conference centre, calling for human rights to be put on the agenda.",
        ),
        headings=(
            "What was agreed",
            "Sticking points",
            "Reaction at home",
            "A thaw years in the making",
            "What comes next",
        ),
        items=(
            "Lower tariffs on farm goods",
            "A joint commission to meet twice a year",
            "Easier visas for students and researchers",
            "Cooperation on border policing",
            "A hotline between the two foreign ministries",
        ),
    ),
    Topic(
        tag="elections",
        titles=(
            "Voters in {city} elect first new mayor in {n} years",
            "Turnout in {country_s} election hits {pct}%, lowest on record",
            "{country_s} opposition claims victory with {pct}% of votes counted",
            "{city} council election too close to call with {n} districts left",
            "{country} calls snap election {n} days after coalition collapses",
            "Young voters in {city} turn out in record numbers as {crowd} register",
        ),
        sentences=(
            "Polling stations across {city} opened at seven in the morning and closed at eight in the evening.",
            "The electoral commission said results from {n} districts were still being counted on {day}.",
            "Turnout was {turnout} per cent, according to preliminary figures.",
            "Campaigning focused on housing costs, public transport and the state of local hospitals.",
            "Observers from neighbouring countries said the vote had been orderly.",
            "The outgoing coalition lost {m} seats, its worst result in a decade.",
            "Supporters celebrated in the main square until the early hours.",
        ),
        headings=("The result", "How the campaign was fought", "Turnout", "What the new council can do", "Reaction"),
        items=(
            "Free public transport for under-18s",
            "{crowd} new homes within five years",
            "A review of the city's budget",
            "More funding for local clinics",
            "A ban on cars in the old town at weekends",
        ),
    ),
    Topic(
        tag="culture",
        titles=(
            "{city_s} national museum reopens after {m}-year, {big} million renovation",
            "Film festival in {city} draws record {crowd} visitors",
            "Lost manuscripts return to {city} library after {n} years abroad",
            "{city} opera house stages first new production in {n} years",
            "Street artists transform {n} walls in {city_s} old port district",
            "{city} named {country_s} capital of culture for {year} with {big} million programme",
        ),
        sentences=(
            "The museum's new galleries show more than {crowd} objects, many of them never displayed before.",
            "Curators said the renovation cost about {big} million, most of it paid by the state.",
            "Tickets for the opening weekend in {city} sold out within hours.",
            "Local artists said the festival had given them a stage they rarely get at home.",
            "The programme runs until the end of the month, with free entry on {day}s.",
            "Critics praised the restoration but questioned the decision to raise entry prices by {pct} per cent.",
            "The culture ministry said it hoped the reopening would bring tourists back to the historic centre.",
        ),
        headings=(
            "What visitors will see",
            "The restoration",
            "A programme for everyone",
            "Tickets and prices",
            "What critics say",
        ),
        items=(
            "Late opening on {day}s",
            "Free entry for visitors under 18",
            "Guided tours in {m} languages",
            "A new wing for contemporary art",
            "Concerts in the courtyard every weekend",
        ),
    ),
    Topic(
        tag="climate change",
        titles=(
            "Heatwave pushes temperatures in {city} past {hot} degrees for a {nth} day",
            "Floods close roads across {city} after {m} days of heavy rain",
            "{city} to plant {crowd} trees to cool its hottest streets",
            "{country} brings forward coal exit to {year}, closing {m} plants",
            "Drought forces water rationing in {n} districts of {city}",
            "{city} opens {n}-megawatt floating solar farm on reservoir",
        ),
        sentences=(
            "Forecasters said the hot spell was likely to last until at least {day}.",
            "Emergency services in {city} responded to hundreds of calls overnight.",
            "The city's climate plan aims to cut emissions by {pct} per cent by {year}.",
            "Residents in low-lying districts were advised to move valuables to upper floors.",
            "Scientists said events of this kind had become more frequent over the past two decades.",
            "The environment ministry said {big} million would be spent on flood defences over the next {m} years.",
            "Farmers outside the capital said the season's losses could take years to recover.",
        ),
        headings=(
            "What happened",
            "The cost of the damage",
            "A warming city",
            "What the plan includes",
            "What residents can do",
        ),
        items=(
            "Cooling centres open in {n} public buildings",
            "Free water refills at metro stations",
            "Limits on watering gardens and washing cars",
            "New drainage in the old town",
            "Solar panels on {n} schools",
        ),
    ),
    Topic(
        tag="public health",
        titles=(
            "{city} hospitals cut waiting lists by {pct}%",
            "New children's hospital opens in {city} after {m} years of building",
            "Flu cases in {city} up {pct}% as season starts early",
            "{country} to hire {crowd} nurses over the next {m} years",
            "Free health checks for over-60s begin at {n} clinics in {city}",
            "Air pollution in {city} falls to lowest level since records began",
        ),
        sentences=(
            "The health ministry said the number of patients waiting more than a year for surgery had halved.",
            "Doctors in {city} urged older residents to get vaccinated before the winter.",
            "The new hospital has {n} operating theatres and beds for about {crowd} patients a year.",
            "Nurses' unions welcomed the recruitment plan but said pay was still too low to keep staff.",
            "Clinics in the capital reported a rise of {pct} per cent in visits over the past week.",
            "Public health officials said cleaner buses and a ban on older cars in the centre had made the difference.",
            "Patients' groups said access to care outside the capital remained uneven.",
        ),
        headings=(
            "What patients can expect",
            "Staff shortages",
            "The figures",
            "A new hospital",
            "Advice from doctors",
        ),
        items=(
            "Appointments bookable online",
            "Longer opening hours at {n} clinics",
            "Free vaccinations for over-65s",
            "Mental health support in every school",
            "A helpline staffed around the clock",
        ),
    ),
    Topic(
        tag="technology",
        titles=(
            "{city} start-up raises {big} million to build delivery drones",
            "{country} launches digital identity card as {pct}% sign up in first week",
            "Free public wifi reaches {n} districts of {city}",
            "{city} data centre to run on waste heat from metro tunnels",
            "Tech firms in {city} seek {crowd} engineers as hiring stalls",
            "Lawmakers in {city} pass rules on AI in public services by {n} votes",
        ),
        sentences=(
            "The company, founded in {city} {m} years ago, employs about {n}0 people.",
            "The digital ministry said the service would be available to every adult by {year}.",
            "Privacy campaigners said the rules on data sharing were still too vague.",
            "Investors said the capital's tech scene had matured quickly since the pandemic.",
            "The city says {pct} per cent of households now have access to fast broadband.",
            "Engineers will test the system in {n} neighbourhoods before a wider launch.",
            "Industry groups said a shortage of skilled workers was the biggest obstacle to growth.",
        ),
        headings=("How it works", "Privacy concerns", "Who is investing", "The skills gap", "What comes next"),
        items=(
            "A single login for all public services",
            "Data stored in {country}",
            "An independent regulator with power to fine",
            "Training places for {crowd} people",
            "Open-source code published for review",
        ),
    ),
    Topic(
        tag="sport",
        titles=(
            "{crowd} runners take part in {city} marathon",
            "{city} wins bid to host {year} regional games with {n} venues",
            "New {crowd}-seat stadium in {city} opens with sold-out derby",
            "{country} celebrates first world title in {n} years",
            "{city} clubs join forces to build {n} community pitches",
            "{crowd} fans line {city} streets for team's homecoming parade",
        ),
        sentences=(
            "Organisers said the route through {city_s} old town had drawn the biggest crowds in the race's history.",
            "The stadium seats {crowd} spectators and cost about {big} million to build.",
            "Fans gathered in the main square hours before the start.",
            "The sports ministry said the games would bring thousands of visitors to the capital.",
            "The team's coach said the win was the result of {m} years of work with young players.",
            "Local clubs said demand for places had risen by {pct} per cent since the victory.",
            "Police said the celebrations had passed off peacefully.",
        ),
        headings=("On the day", "A venue for the city", "What it means for young players", "The bid", "Celebrations"),
        items=(
            "Road closures from six in the morning",
            "Extra trains after the final whistle",
            "Free coaching sessions for children",
            "{n} new changing rooms and floodlights",
            "Tickets from the club's website only",
        ),
    ),
    Topic(
        tag="tourism",
        titles=(
            "Visitor numbers in {city} hit record {crowd} in a month",
            "{city} introduces tourist tax to raise {big} million a year",
            "Cruise ships limited to {m} a day in {city} from {year}",
            "Hotels in {city} report {pct}% rise in bookings",
            "{city} old town joins world heritage list after {n}-year bid",
            "Night markets return to {city} after {n} years",
        ),
        sentences=(
            "The tourist board said visitors from {other} made up the largest group for the first time.",
            "The new tax of a few euros a night is expected to raise {big} million a year.",
            "Residents of the historic centre have long complained about crowds and noise.",
            "Hoteliers said bookings for the summer were already ahead of last year.",
            "The city council said the money would be spent on cleaning, restoration and public toilets.",
            "Tour guides said the rules would help spread visitors across more of the city.",
            "Airlines have added {n} new routes to {city} this year.",
        ),
        headings=(
            "Where visitors come from",
            "The tax",
            "Living with tourists",
            "The season ahead",
            "Rules for visitors",
        ),
        items=(
            "Group sizes limited to {n} people",
            "Timed entry to the cathedral",
            "A ban on new souvenir shops in the old town",
            "More litter bins and public toilets",
            "Discounts for visitors who come out of season",
        ),
    ),
    Topic(
        tag="education",
        titles=(
            "{city} to build {n} new schools as pupil numbers rise",
            "University in {city} drops tuition fees for {crowd} local students",
            "Teachers in {city} strike over pay for a {nth} day as {n} schools close",
            "{country} makes coding compulsory for pupils aged {m} and over from {year}",
            "School meals to be free for {crowd} pupils in {city} from {year}",
            "{n} libraries in {city} extend opening hours for exam season",
        ),
        sentences=(
            "The education ministry said {crowd} more pupils were expected in {city_s} schools by {year}.",
            "Teachers' unions said salaries had fallen behind inflation for {m} years in a row.",
            "Parents said they supported the strike but worried about lost lessons.",
            "The university said {pct} per cent of its students came from outside the capital.",
            "Head teachers welcomed the plan but asked how it would be paid for.",
            "The first of the new schools will open in {year}.",
            "The city council said free meals would cost about {big} million a year.",
        ),
        headings=("What pupils will notice", "Teachers' pay", "The cost", "What parents say", "The timetable"),
        items=(
            "Smaller classes in the first years",
            "Free meals for every pupil",
            "{n} new teaching posts",
            "Coding lessons from the age of eight",
            "After-school clubs open until six",
        ),
    ),
)

#: Sentences that fit any story, for the body's later paragraphs.
GENERAL: Final = (
    "A spokesperson for the city said more details would be published in the coming weeks.",
    "Officials in {city} did not say how the plan would be paid for after {year}.",
    "The decision follows months of consultation with residents and business groups.",
    "Critics said the government had announced similar plans before without delivering them.",
    "A survey last month found that {pct} per cent of residents supported the idea.",
    "The opposition said it would push for a vote in parliament.",
    "Local newspapers in {country} gave the news prominent coverage on {day}.",
    "Similar measures have been tried in {other}, with mixed results.",
    "Residents will be able to comment on the proposals until the end of next month.",
    "The mayor's office said it was confident the work would finish on time.",
)

#: Invented publishers for generated articles' source lines (the seed article keeps its own).
PUBLISHERS: Final = (
    "Capital Wire",
    "The Meridian Post",
    "Atlas News Service",
    "The Continental Review",
    "Harbourside Daily",
    "Metro Desk",
    "The Evening Compass",
    "Northgate Media",
)
