"""How a petition is verified and how it ends, in words: random sampling, withdrawal of a
signature, and the outcome (a recall vote with its quorum and majority, or a vacated seat)."""

from flask_babel import gettext as _

from app.public.rule_display.words import WITHDRAWAL_UNTIL, Description, number, share
from app.rules.ruleset import Comparison, Outcome, Sampling, Withdrawal


def _quorum(value: Outcome) -> str:
    if value.quorum_comparison is Comparison.AT_LEAST:
        return _(
            "valid if at least %(share)s of the constituency's voters take part",
            share=share(value.quorum_share),
        )
    return _(
        "valid if more than %(share)s of the constituency's voters take part",
        share=share(value.quorum_share),
    )


def _pass_rule(value: Outcome) -> str:
    shown = share(value.pass_share)
    at_least = value.pass_comparison is Comparison.AT_LEAST
    if value.pass_base == "electorate":
        if at_least:
            return _(
                "recalled if at least %(share)s of the constituency's voters vote for recall",
                share=shown,
            )
        return _(
            "recalled if more than %(share)s of the constituency's voters vote for recall",
            share=shown,
        )
    if value.pass_base == "votes_on_question":
        return _(
            "recalled if more than %(share)s of the yes and no votes on the recall are yes",
            share=shown,
        )
    if at_least:
        return _("recalled if at least %(share)s of those taking part vote for recall", share=shown)
    return _("recalled if more than %(share)s of those taking part vote for recall", share=shown)


def outcome(value: Outcome) -> Description:
    if value.kind == "vacate":
        return Description(_("The seat is vacated, without a recall vote"))
    if value.quorum_share is None:
        return Description(_("Recall vote: %(rule)s", rule=_pass_rule(value)))
    return Description(
        _(
            "Recall vote: %(quorum)s; %(rule)s",
            quorum=_quorum(value),
            rule=_pass_rule(value),
        )
    )


def withdrawal(value: Withdrawal) -> Description:
    if not value.allowed:
        return Description(_("A signature cannot be withdrawn"))
    if value.until in WITHDRAWAL_UNTIL:
        return Description(str(WITHDRAWAL_UNTIL[value.until]))
    return Description(_("Signers may withdraw their signature"))


def sampling(value: Sampling) -> Description:
    return Description(
        _(
            "A random sample of %(share)s of the signatures, and at least %(minimum)s, is checked "
            "and the number of valid signatures projected from it",
            share=share(value.share),
            minimum=number(value.min_sample),
        ),
        (
            _(
                "above %(share)s of the number required: sufficient",
                share=share(value.sufficient_above),
            ),
            _(
                "%(low)s to %(high)s: every signature is checked",
                low=share(value.full_count_from),
                high=share(value.sufficient_above),
            ),
            _("below %(share)s: insufficient", share=share(value.full_count_from)),
        ),
    )
