"""Every English template of the tax engine's catalogue, for makemessages (generated
by `python -m civiccx.directfile.engine_words`; a test keeps it in step)."""

from django.utils.translation import gettext_noop

TEMPLATES = [
    # xgettext:no-python-brace-format
    gettext_noop('Self-employment or business income'),
    # xgettext:no-python-brace-format
    gettext_noop('You had self-employment or business income. It is reported on Schedule C and Schedule SE, which Direct File does not prepare.'),
    # xgettext:no-python-brace-format
    gettext_noop('Nonemployee compensation (1099-NEC)'),
    # xgettext:no-python-brace-format
    gettext_noop('You received a 1099-NEC. Nonemployee compensation is self-employment income, reported on Schedule C and Schedule SE, which Direct File does not prepare.'),
    # xgettext:no-python-brace-format
    gettext_noop('Itemized deductions'),
    # xgettext:no-python-brace-format
    gettext_noop('You want to itemize deductions on Schedule A. Direct File only takes the standard deduction.'),
    # xgettext:no-python-brace-format
    gettext_noop('Your spouse itemizes'),
    # xgettext:no-python-brace-format
    gettext_noop('Your spouse itemizes deductions on a separate return, so your standard deduction is zero and you must itemize too. Direct File cannot itemize.'),
    # xgettext:no-python-brace-format
    gettext_noop('Retirement distributions (1099-R)'),
    # xgettext:no-python-brace-format
    gettext_noop('You received a 1099-R for a pension, annuity, IRA or other retirement distribution. This version of Direct File does not report retirement distributions.'),
    # xgettext:no-python-brace-format
    gettext_noop('Dividends (1099-DIV)'),
    # xgettext:no-python-brace-format
    gettext_noop('You received a 1099-DIV. Direct File does not report dividends.'),
    # xgettext:no-python-brace-format
    gettext_noop('Sales of stocks or other assets (1099-B)'),
    # xgettext:no-python-brace-format
    gettext_noop('You sold stocks, property or other assets. Sales are reported on Schedule D and Form 8949, which Direct File does not prepare.'),
    # xgettext:no-python-brace-format
    gettext_noop('Digital assets'),
    # xgettext:no-python-brace-format
    gettext_noop('You received, sold or exchanged digital assets. Direct File does not report digital-asset transactions.'),
    # xgettext:no-python-brace-format
    gettext_noop('Rental or royalty income'),
    # xgettext:no-python-brace-format
    gettext_noop('You had rental or royalty income. It is reported on Schedule E, which Direct File does not prepare.'),
    # xgettext:no-python-brace-format
    gettext_noop('Other credits'),
    # xgettext:no-python-brace-format
    gettext_noop('You want a credit Direct File does not support, such as the child and dependent care, education or clean energy credits.'),
    # xgettext:no-python-brace-format
    gettext_noop('Marketplace health coverage (1095-A)'),
    # xgettext:no-python-brace-format
    gettext_noop('You or your family had Marketplace health coverage. The premium tax credit is settled on Form 8962, which Direct File does not prepare.'),
    # xgettext:no-python-brace-format
    gettext_noop('Estimated tax payments'),
    # xgettext:no-python-brace-format
    gettext_noop('You made estimated tax payments. This version of Direct File does not record them, so it would show the wrong refund.'),
    # xgettext:no-python-brace-format
    gettext_noop('Health savings account'),
    # xgettext:no-python-brace-format
    gettext_noop('You had a health savings account. It is reported on Form 8889, which Direct File does not prepare.'),
    # xgettext:no-python-brace-format
    gettext_noop('Nonresident alien'),
    # xgettext:no-python-brace-format
    gettext_noop('You were a nonresident alien. Nonresident aliens file Form 1040-NR, which Direct File does not prepare.'),
    # xgettext:no-python-brace-format
    gettext_noop('Foreign earned income'),
    # xgettext:no-python-brace-format
    gettext_noop('You had foreign earned income. Excluding it needs Form 2555, which Direct File does not prepare.'),
    # xgettext:no-python-brace-format
    gettext_noop('Tips not reported to your employer'),
    # xgettext:no-python-brace-format
    gettext_noop('You had tips you did not report to your employer. Social Security and Medicare tax on them is figured on Form 4137, which Direct File does not prepare.'),
    # xgettext:no-python-brace-format
    gettext_noop('Head of household needs a qualifying person'),
    # xgettext:no-python-brace-format
    gettext_noop('You chose head of household, but no one on your return qualifies you for it.'),
    # xgettext:no-python-brace-format
    gettext_noop('Qualifying surviving spouse has three tests'),
    # xgettext:no-python-brace-format
    gettext_noop('You chose qualifying surviving spouse, but your return does not meet all of its tests.'),
    # xgettext:no-python-brace-format
    gettext_noop('Interest over {limit}'),
    # xgettext:no-python-brace-format
    gettext_noop('Your taxable interest is {interest}, more than {limit}. Interest over {limit} is reported on Schedule B, which this version of Direct File does not prepare.'),
    # xgettext:no-python-brace-format
    gettext_noop('Additional Medicare Tax'),
    # xgettext:no-python-brace-format
    gettext_noop('Your Medicare wages (W-2 box 5) add up to {medicare_wages}, more than the {threshold} threshold for your filing status ({filing_status}). You owe the 0.9% Additional Medicare Tax on the amount over it ({amount}), figured on Form 8959, which Direct File does not prepare.'),
    # xgettext:no-python-brace-format
    gettext_noop('Additional Medicare Tax withheld by your employer'),
    # xgettext:no-python-brace-format
    gettext_noop('One W-2 shows {w2_medicare_wages} of Medicare wages (box 5), more than {withholding_threshold} from a single employer, so the employer withheld Additional Medicare Tax. That withholding is settled on Form 8959, which Direct File does not prepare.'),
    # xgettext:no-python-brace-format
    gettext_noop('Net investment income tax'),
    # xgettext:no-python-brace-format
    gettext_noop('Your adjusted gross income is {agi}, more than the {threshold} threshold for your filing status ({filing_status}), and you have {interest} of taxable interest. You owe the 3.8% net investment income tax, figured on Form 8960, which Direct File does not prepare.'),
    # xgettext:no-python-brace-format
    gettext_noop('Too much Social Security tax withheld'),
    # xgettext:no-python-brace-format
    gettext_noop('Your employers together withheld {ss_tax} of Social Security tax from {whose} pay (W-2 box 4), more than the {max} most for {year}. The excess comes back as a credit on Schedule 3 line 11, which Direct File does not prepare.'),
    # xgettext:no-python-brace-format
    gettext_noop("Tax at your parents' rate (Form 8615)"),
    # xgettext:no-python-brace-format
    gettext_noop("Someone can claim you as a dependent, you were under 24 at the end of {year}, and your unearned income ({unearned}) is more than {threshold}. Your tax may have to be figured at your parents' rate on Form 8615, which Direct File does not prepare."),
    # xgettext:no-python-brace-format
    gettext_noop('You did not list anyone on your return. Head of household needs a qualifying person who lived with you more than half the year, or a parent you can claim as a dependent.'),
    # xgettext:no-python-brace-format
    gettext_noop('{Who} is not a qualifying person for head of household because {reasons}.'),
    # xgettext:no-python-brace-format
    gettext_noop("{they} {are} not your child, stepchild, foster child, brother, sister or a descendant of one, so {they} can't be your qualifying child"),
    # xgettext:no-python-brace-format
    gettext_noop('{they} {were} {age} at the end of {year} and not a full-time student or permanently disabled, so {they} {are} not your qualifying child (under 19, or under 24 if a student)'),
    # xgettext:no-python-brace-format
    gettext_noop('{they} {were} {age} at the end of {year}, so {they} {are} not your qualifying child even as a student (a student must be under 24)'),
    # xgettext:no-python-brace-format
    gettext_noop('{they} {are} not younger than you (or your spouse on a joint return) and not permanently disabled, so {they} {are} not your qualifying child'),
    # xgettext:no-python-brace-format
    gettext_noop('{they} lived with you {months} months, not more than half the year, so {they} {are} not your qualifying child'),
    # xgettext:no-python-brace-format
    gettext_noop('{they} {file} a joint return, so {they} {are} not your qualifying child'),
    # xgettext:no-python-brace-format
    gettext_noop('{they} paid more than half of {their} own support, so {they} {are} not your qualifying child'),
    # xgettext:no-python-brace-format
    gettext_noop('{they} had {gross_income} of gross income, so {they} {are} not your qualifying relative (it must be less than {limit})'),
    # xgettext:no-python-brace-format
    gettext_noop('you did not pay more than half of {their} support, so {they} {are} not your qualifying relative'),
    # xgettext:no-python-brace-format
    gettext_noop('{they} {are} not related to you in a way the law lists and did not live with you all year, so {they} {are} not your qualifying relative'),
    # xgettext:no-python-brace-format
    gettext_noop("{they} {are} not a U.S. citizen, U.S. national or resident of the United States, Canada or Mexico, so you can't claim {them} as a dependent"),
    # xgettext:no-python-brace-format
    gettext_noop("{they} {file} a joint return with a spouse, so you can't claim {them} as a dependent"),
    # xgettext:no-python-brace-format
    gettext_noop("someone can claim you as a dependent, so you can't claim {them} as your dependent"),
    # xgettext:no-python-brace-format
    gettext_noop('{they} {are} your qualifying relative only because {they} lived with you all year as a member of your household, which does not count for head of household'),
    # xgettext:no-python-brace-format
    gettext_noop('{they} lived with you {months} months; a qualifying relative other than a parent must live with you more than half the year'),
    # xgettext:no-python-brace-format
    gettext_noop('{they} did not live with you more than half the year, and you did not pay more than half the cost of keeping up {their} main home for the whole year'),
    # xgettext:no-python-brace-format
    gettext_noop('you did not pay more than half the cost of keeping up the home you shared'),
    # xgettext:no-python-brace-format
    gettext_noop('Everyone you listed would qualify you, but you did not pay more than half the cost of keeping up your home for the year.'),
    # xgettext:no-python-brace-format
    gettext_noop('Qualifying surviving spouse is for the two years after the year your spouse died: for {year}, a spouse who died in {first_year} or {second_year}. You answered {death_year}.'),
    # xgettext:no-python-brace-format
    gettext_noop('You did not pay more than half the cost of keeping up your home for the year.'),
    # xgettext:no-python-brace-format
    gettext_noop('No one on your return is your son, daughter or stepchild who lived with you all year and whom you can claim as a dependent.'),
    # xgettext:no-python-brace-format
    gettext_noop('Federal income tax withheld (box 2) of {withheld} is more than wages (box 1) of {wages}. Check that you copied boxes 1 and 2 into the right places.'),
    # xgettext:no-python-brace-format
    gettext_noop('Social Security wages (box 3) of {ss_wages} are more than the {year} limit of {wage_base}. Check box 3; if your W-2 is wrong, ask your employer for a corrected W-2 (Form W-2c).'),
    # xgettext:no-python-brace-format
    gettext_noop('Social Security tax withheld (box 4) of {ss_tax} is more than the {max} one employer can withhold for {year}. Check box 4; if it is right, ask your employer to refund the excess.'),
    # xgettext:no-python-brace-format
    gettext_noop('Social Security tax withheld (box 4) is usually 6.2% of Social Security wages (box 3): {expected} for {ss_wages}, but box 4 shows {ss_tax}. Check both boxes (box 4 also includes 6.2% of any Social Security tips in box 7).'),
    # xgettext:no-python-brace-format
    gettext_noop('Medicare tax withheld (box 6) is usually 1.45% of Medicare wages (box 5): {expected} for {medicare_wages}, but box 6 shows {medicare_tax}. Check both boxes.'),
    # xgettext:no-python-brace-format
    gettext_noop("The number ending in {last4} is already on this return for {other}. Each person's SSN or ITIN can appear only once."),
    # xgettext:no-python-brace-format
    gettext_noop('{Who} was born on {date}, after the end of {year}. Only people born by December 31, {year} can be on a {year} return.'),
    # xgettext:no-python-brace-format
    gettext_noop('IRS Free File (guided tax software at no cost)'),
    # xgettext:no-python-brace-format
    gettext_noop('Free help from a VITA or TCE volunteer site'),
    # xgettext:no-python-brace-format
    gettext_noop('MilTax, free tax software and help for military families'),
    # xgettext:no-python-brace-format
    gettext_noop('Your refund is {refund} because your payments and refundable credits ({payments}) are more than your total tax ({total_tax}).'),
    # xgettext:no-python-brace-format
    gettext_noop('You owe {owed} because your total tax ({total_tax}) is more than your payments and refundable credits ({payments}).'),
    # xgettext:no-python-brace-format
    gettext_noop('You get no refund and owe nothing: your payments and refundable credits equal your total tax ({total_tax}).'),
    # xgettext:no-python-brace-format
    gettext_noop('Your income tax is {tax} on taxable income of {taxable_income} (adjusted gross income of {agi} minus the {standard_deduction} standard deduction, not below zero).'),
    # xgettext:no-python-brace-format
    gettext_noop('The child tax credit and credit for other dependents lower it by {ctc}.'),
    # xgettext:no-python-brace-format
    gettext_noop('{withheld} of federal income tax was withheld from your pay and benefits.'),
    # xgettext:no-python-brace-format
    gettext_noop('You get the earned income credit: {eic}.'),
    # xgettext:no-python-brace-format
    gettext_noop('You do not get the earned income credit: {reason}.'),
    # xgettext:no-python-brace-format
    gettext_noop('You get the additional child tax credit: {actc}.'),
    # xgettext:no-python-brace-format
    gettext_noop('Your income tax is {tax}, from the {method}, on taxable income of {taxable_income}.'),
    # xgettext:no-python-brace-format
    gettext_noop('Your earned income credit is {eic}, from the {rows}.'),
    # xgettext:no-python-brace-format
    gettext_noop('{says}: {value} ({cite}).'),
    # xgettext:no-python-brace-format
    gettext_noop(', and '),
]
