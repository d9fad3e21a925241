# ruff: noqa: E501
"""The texts of the rule-set files, for ``pybabel extract``: written by
``python -m app.rules.catalog`` (``make messages``); do not edit by hand."""

from flask_babel import lazy_gettext as _l

TEXTS = (
    _l(
        "60 days from issue; the day of issue is not counted (assumed from the general rule of the Interpretation Act, not read)."
    ),
    _l(
        "A conviction with a custodial sentence, a suspension of at least 10 sitting days or an allowances conviction triggers a petition; if 10%% of eligible electors sign within six weeks, the seat is vacated and a by-election follows. No running count is published."
    ),
    _l(
        "A majority of the votes cast on the recall question (yes and no); ballots leaving it blank do not count."
    ),
    _l(
        "Above 110%% of the required number: sufficient; 90%% to 110%%: every signature is examined; below 90%%: insufficient."
    ),
    _l("Aged 18 or over by the end of the signing period."),
    _l(
        "Any registered voter of the electoral district may apply; more than 40%% of the voters eligible to sign must sign within 60 days, after which the Member ceases to hold office."
    ),
    _l("Approved in principle, then issued within 7 days."),
    _l("Art. 10(1): an electronic digital signature is equivalent to a handwritten one"),
    _l("Art. 113-12"),
    _l("Art. 113-16(3)-(4)"),
    _l("Art. II §14 (statement of reasons up to 200 words)"),
    _l("British Columbia: Recall and Initiative Act (RSBC 1996 c.398)"),
    _l("CEC calendar plan for the elections of 19 March 2023 (deadlines at 18:00 local time)"),
    _l("CEC calendar plan, 2023 elections"),
    _l("Calendar plan of 20 January 2023 (pattern, not the recall chapter)"),
    _l("California Code of Regulations, title 2"),
    _l("California Elections Code"),
    _l("California: recall of local officers (Elections Code §§11220-11225)"),
    _l("Chapter 13-2 (secondary source)"),
    _l("Compiling the petition register; communication about the petition"),
    _l("Constitution of 2026"),
    _l("Constitution of California"),
    _l('Constitution of the Republic of Kazakhstan (1995); Constitutional Law "On Elections"'),
    _l("Constitution of the Republic of Kazakhstan adopted at the referendum of 15 March 2026"),
    _l("Constitution; Elections Law"),
    _l(
        'Constitutional Law "On Elections", chapter 13-2 (as explained by the Aktobe regional election commission)'
    ),
    _l('Constitutional Law of the Republic of Kazakhstan No. 2464 "On Elections"'),
    _l(
        'Constitutional Law of the Republic of Kazakhstan No. 2464 "On Elections" (as amended by No. 156-VII of 5 Nov 2022)'
    ),
    _l(
        "Days are counted excluding the first day and including the last (Code of Civil Procedure §12)."
    ),
    _l("Days from certification of a sufficient petition to the recall vote."),
    _l(
        "Days in which a signer or the initiative group may object to the invalidation of a signature."
    ),
    _l("Denominator: electors on the petition register on the last day of the signing period."),
    _l("Denominator: voters registered in the district at the last election and still registered."),
    _l("Each signature is marked against the petition register at source."),
    _l("Elections BC, Recall"),
    _l("Elections Code"),
    _l("Elections Law"),
    _l("Electoral Commission, guidance for petition officers"),
    _l("Initiative-group size is not confirmed."),
    _l("Kazakhstan: Mazhilis deputies, single-mandate districts (2023-2026)"),
    _l("Kazakhstan: maslikhat deputies, single-mandate constituencies (2023)"),
    _l(
        'Law of the Republic of Kazakhstan No. 370-II of 7 January 2003 "On Electronic Document and Electronic Digital Signature"'
    ),
    _l("No initiative during the first year of the deputy's work (Art. 113-12(2))."),
    _l("No initiative during the last year of the deputy's work (Art. 113-12(2))."),
    _l("Not confirmed by the official text"),
    _l("One registered voter of the district applies (with a $50 fee)."),
    _l(
        'Online signatures with an EDS of the National Certification Authority (NCA RK), as the state\'s petition site epetition.kz takes them. Chapter 13-2 has not been read on online signing. Whether an account matched to the register alone (IIN, surname, birth date) also counts is a configuration choice of this site, kept so that the demo can be tried without a certificate; ["eds"] requires an EDS.'
    ),
    _l("Only voters of the constituency where the deputy was elected may initiate."),
    _l("Petition officers' notifications (Hansard)"),
    _l("Petition officers' notifications to the Speaker (Hansard)"),
    _l("Project default: not law. Not found in the sources read."),
    _l(
        "Project default: not law. The official text of chapter 13-2 has not been read for this value."
    ),
    _l(
        "Project default: this site's demonstration of online signing against the register; the law's own forms of signing are not modelled here."
    ),
    _l(
        "Project default: time lost to a pause of signing (an outage, a court order) is given back by extending the collection deadline. Chapter 13-2 has not been read on this point."
    ),
    _l(
        "Proponents serve a notice of intention with a statement of up to 200 words; the share of registered voters required and the days allowed depend on the size of the electorate; signatures are verified by a random sample of 5%% or 500; a recall election follows."
    ),
    _l("Recall and Initiative Act"),
    _l("Recall and Initiative Act, RSBC 1996 c.398"),
    _l("Recall of MPs Act 2015"),
    _l("Share of district voters not confirmed; one unreliable press report says 30%%."),
    _l("Signature threshold and eligible voters"),
    _l("Signers must be registered voters."),
    _l("Signers must be registered voters; the age follows from registration."),
    _l(
        'Signing periods "from 9 am ... until 5 pm" (Wellingborough 2023; Rutherglen and Hamilton West 2023)'
    ),
    _l("Six months before the fixed general election day, taken here as the end of the mandate."),
    _l(
        "Six weeks beginning with the opening day; the bank holidays of the constituency's nation are not counted, as in the published periods of North Antrim (2018), Peterborough and Brecon and Radnorshire (2019)."
    ),
    _l("Sources conflict on the number of proponents (10, 50 or 65)."),
    _l("The 2023 election calendar closed its periods at 18:00 local time."),
    _l("The Act fixes the 60-day period; no provision for extending it was found (not confirmed)."),
    _l(
        "The Act fixes the six-week signing period; no provision for extending it was found (not confirmed)."
    ),
    _l(
        "The Elections Code fixes the circulation period; no provision for extending it was found (not confirmed)."
    ),
    _l("The count is announced only after the signing period; forecasts are an offence."),
    _l("The signing period closes at 5 pm UK time on its last day."),
    _l(
        "Transitional provisions: the Parliament's powers end on 1 July 2026 (reported by Kazinform)"
    ),
    _l("United Kingdom: Recall of MPs Act 2015"),
    _l(
        "Valid with at least one third of the district's voters taking part; recalled if more than half of those voting vote for recall."
    ),
    _l(
        "Voters of the constituency form an initiative group and collect signatures; if enough valid signatures are verified, a recall vote is held, valid with at least one third of the district's voters taking part and passed by more than half of those voting."
    ),
    _l("Voting age 18 (Constitution Art. 33; Elections Law Art. 4)"),
    _l("s.1 (recall conditions)"),
    _l("s.14 (success of petition); Explanatory Notes para 69"),
    _l("s.19"),
    _l("s.20"),
    _l("s.9 (signing period; outcome)"),
    _l("§11220 (circulation period)"),
    _l("§11221 (signatures required)"),
    _l("§11225 (random sampling)"),
    _l("§11303 (withdrawal of signatures)"),
    _l("§11320 (recall election)"),
    _l("§§20530-20531, example §20540 (projection and duplicate penalty)"),
)
