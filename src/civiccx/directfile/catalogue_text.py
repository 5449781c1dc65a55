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

# Each fact, worksheet line and citation ("Why this number?")
FACT_WORDS = [
    gettext_noop('the filing status you chose'),
    gettext_noop('whether you had self-employment or business income'),
    gettext_noop('whether you received a 1099-NEC for nonemployee compensation'),
    gettext_noop('whether you want to itemize deductions'),
    gettext_noop('whether your spouse itemizes deductions on a separate return'),
    gettext_noop('whether you received a 1099-R for a pension, annuity or IRA distribution'),
    gettext_noop('whether you received a 1099-DIV for dividends'),
    gettext_noop('whether you sold stocks, property or other assets (1099-B)'),
    gettext_noop('whether you received, sold or exchanged digital assets'),
    gettext_noop('whether you had rental or royalty income'),
    gettext_noop('whether you want a credit Direct File does not support'),
    gettext_noop('whether you or your family had Marketplace health coverage (1095-A)'),
    gettext_noop('whether you made estimated tax payments'),
    gettext_noop('whether you had a health savings account'),
    gettext_noop('whether you were a nonresident alien'),
    gettext_noop('whether you had foreign earned income'),
    gettext_noop('whether you had tips you did not report to your employer'),
    gettext_noop('your SSN or ITIN'),
    gettext_noop('your date of birth'),
    gettext_noop('whether you are blind'),
    gettext_noop('whether someone else can claim you as a dependent'),
    gettext_noop('whether your SSN is valid for employment'),
    gettext_noop('whether you worked 900+ hours as a K-12 educator'),
    gettext_noop('your unreimbursed classroom expenses'),
    gettext_noop("your spouse's SSN or ITIN"),
    gettext_noop("your spouse's date of birth"),
    gettext_noop('whether your spouse is blind'),
    gettext_noop('whether someone else can claim your spouse as a dependent'),
    gettext_noop("whether your spouse's SSN is valid for employment"),
    gettext_noop('whether your spouse worked 900+ hours as a K-12 educator'),
    gettext_noop("your spouse's unreimbursed classroom expenses"),
    gettext_noop('whether you lived with your spouse at any time in the year (married filing separately)'),
    gettext_noop('whether you lived apart from your spouse for the last 6 months of the year or were legally separated (married filing separately)'),
    gettext_noop('year your spouse died (0 if not)'),
    gettext_noop('whether you paid more than half the cost of keeping up your home'),
    gettext_noop('whether your main home was in the United States for more than half the year'),
    gettext_noop('student loan interest you paid (1098-E)'),
    gettext_noop('people you listed as dependents'),
    gettext_noop("the dependent's SSN, ITIN or ATIN"),
    gettext_noop("the dependent's date of birth"),
    gettext_noop('how the dependent is related to you'),
    gettext_noop('months the dependent lived with you'),
    gettext_noop('whether the dependent was a full-time student'),
    gettext_noop('whether the dependent is permanently and totally disabled'),
    gettext_noop('whether the dependent files a joint return (other than only to claim a refund)'),
    gettext_noop('whether the dependent paid more than half of their own support'),
    gettext_noop("whether you paid more than half of the dependent's support (support given only under a multiple support agreement does not count here)"),
    gettext_noop("whether you paid more than half the cost of keeping up your parent's main home for the whole year (including a rest home), for a parent who did not live with you"),
    gettext_noop("the dependent's gross income"),
    gettext_noop('whether the dependent is a U.S. citizen, national or resident'),
    gettext_noop("whether the dependent's SSN is valid for employment"),
    gettext_noop('your W-2 forms'),
    gettext_noop('whose W-2 this is'),
    gettext_noop('W-2 box 1 wages'),
    gettext_noop('W-2 box 2 federal income tax withheld'),
    gettext_noop('W-2 box 3 social security wages'),
    gettext_noop('W-2 box 4 social security tax withheld'),
    gettext_noop('W-2 box 5 Medicare wages and tips'),
    gettext_noop('W-2 box 6 Medicare tax withheld'),
    gettext_noop('your SSA-1099 and RRB-1099 forms'),
    gettext_noop('SSA-1099 box 5 net benefits'),
    gettext_noop('SSA-1099 box 6 voluntary federal income tax withheld'),
    gettext_noop('your 1099-G forms'),
    gettext_noop('1099-G box 1 unemployment compensation'),
    gettext_noop('1099-G box 4 federal income tax withheld'),
    gettext_noop('your 1099-INT forms'),
    gettext_noop('1099-INT boxes 1 and 3 taxable interest'),
    gettext_noop('1099-INT box 8 tax-exempt interest'),
    gettext_noop('1099-INT box 4 federal income tax withheld'),
    gettext_noop('whether this is a joint return'),
    gettext_noop('Form 1040, Filing Status'),
    gettext_noop('your age at the end of the tax year'),
    gettext_noop('Pub. 501, Age (born on January 1 = older at year end)'),
    gettext_noop("your spouse's age at the end of the tax year"),
    gettext_noop('whether you (or your spouse, on a joint return) are at least 25 and under 65'),
    gettext_noop('IRC 32(c)(1)(A)(ii)(II); Pub. 596 Rule 11'),
    gettext_noop('qualifies you for head of household: a qualifying child, a dependent relative who lived with you more than half the year, or a dependent parent whose home you kept up'),
    gettext_noop('IRC 2(b)(1)(A)-(B), 2(b)(3)(B); Pub. 501, Table 4'),
    gettext_noop('whether someone on your return qualifies you for head of household'),
    gettext_noop('IRC 2(b)(1); Pub. 501, Head of Household and Table 4'),
    gettext_noop('whether the filing status you chose is allowed'),
    gettext_noop('IRC 1, 2(a), 2(b); Form 1040 instructions, Filing Status'),
    gettext_noop('married or unmarried amount of the additional standard deduction'),
    gettext_noop('IRC 63(f)(1)-(3); Form 1040 instructions, line 12'),
    gettext_noop("the dependent's age at the end of the year"),
    gettext_noop('Pub. 501, Age Test'),
    gettext_noop('kind of taxpayer number'),
    gettext_noop('IRS TIN structure (ITINs and ATINs begin with 9)'),
    gettext_noop('under 19 (or under 24 and a full-time student) and younger than you, or permanently and totally disabled'),
    gettext_noop('IRC 152(c)(3); Pub. 501, Age Test'),
    gettext_noop('passes the relationship, age, residency and joint return tests'),
    gettext_noop('IRC 152(c)(1); Pub. 596 Rule 8'),
    gettext_noop('is your qualifying child'),
    gettext_noop('IRC 152(c); Pub. 501, Qualifying Child'),
    gettext_noop('is your qualifying relative'),
    gettext_noop('IRC 152(d); Pub. 501, Qualifying Relative'),
    gettext_noop('is your qualifying child or qualifying relative and passes the joint return and citizen or resident tests (whether or not someone can claim you)'),
    gettext_noop('IRC 152(a), 152(b)(2), 152(b)(3); Pub. 501, Dependents'),
    gettext_noop('can be claimed as your dependent'),
    gettext_noop('IRC 152(a), 152(b)(1), 152(b)(3); Pub. 501, Dependents'),
    gettext_noop('qualifies you for the child tax credit: a qualifying child under 17 with an SSN valid for employment'),
    gettext_noop('IRC 24(c)(1), 24(h)(7); Schedule 8812 line 4'),
    gettext_noop('qualifies you for the credit for other dependents'),
    gettext_noop('IRC 24(h)(4); Schedule 8812 line 6'),
    gettext_noop('is a qualifying child for the earned income credit'),
    gettext_noop('IRC 32(c)(3), 32(m); Pub. 596 Rule 8 and Rule 2'),
    gettext_noop('number of children who qualify for the child tax credit'),
    gettext_noop('Schedule 8812 line 4'),
    gettext_noop('number of other dependents'),
    gettext_noop('Schedule 8812 line 6'),
    gettext_noop('number of qualifying children for the EIC'),
    gettext_noop('Schedule EIC; Pub. 596 Rule 8'),
    gettext_noop('wages from all your W-2s (box 1)'),
    gettext_noop('Form 1040 lines 1a and 1z'),
    gettext_noop('taxable interest from your 1099-INTs'),
    gettext_noop('Form 1040 line 2b'),
    gettext_noop('tax-exempt interest (1099-INT box 8)'),
    gettext_noop('Form 1040 line 2a'),
    gettext_noop('Social Security and railroad retirement benefits (SSA-1099/RRB-1099 box 5)'),
    gettext_noop('Form 1040 line 6a'),
    gettext_noop('unemployment compensation (1099-G box 1)'),
    gettext_noop('Schedule 1 line 7; Form 1040 line 8'),
    gettext_noop('the Social Security Benefits Worksheet'),
    gettext_noop('Form 1040 instructions, Social Security Benefits Worksheet (lines 6a-6b); IRC 86'),
    gettext_noop('Net benefits (SSA-1099 and RRB-1099 box 5)'),
    gettext_noop('Half of line 1'),
    gettext_noop('Wages, taxable interest and unemployment (Form 1040 lines 1z, 2b and 8)'),
    gettext_noop('Tax-exempt interest (Form 1040 line 2a)'),
    gettext_noop('Lines 2, 3 and 4 added'),
    gettext_noop('Adjustments to income (Schedule 1 lines 11-20, 23 and 25)'),
    gettext_noop('Line 5 minus line 6'),
    gettext_noop('Base amount ($25,000; $32,000 married filing jointly)'),
    gettext_noop('Line 7 minus line 8'),
    gettext_noop('$9,000 ($12,000 married filing jointly)'),
    gettext_noop('Line 9 minus line 10 (not below zero)'),
    gettext_noop('Smaller of line 9 or line 10'),
    gettext_noop('Half of line 12'),
    gettext_noop('Smaller of line 2 or line 13'),
    # xgettext:no-python-format
    gettext_noop('Line 11 times 85%'),
    # xgettext:no-python-format
    gettext_noop('Line 14 plus line 15 (married filing separately and lived with your spouse: line 7 times 85%)'),
    # xgettext:no-python-format
    gettext_noop('Line 1 times 85%'),
    gettext_noop('Taxable benefits: smaller of line 16 or line 17 (Form 1040 line 6b)'),
    gettext_noop('the taxable part of your Social Security'),
    gettext_noop('Form 1040 line 6b; Social Security Benefits Worksheet line 18'),
    gettext_noop('total income'),
    gettext_noop('Form 1040 line 9 (lines 1z+2b+6b+8)'),
    gettext_noop('educator expenses, up to the limit for each eligible educator'),
    gettext_noop('Schedule 1 line 11; IRC 62(a)(2)(D)'),
    gettext_noop('the Student Loan Interest Deduction Worksheet'),
    gettext_noop('Schedule 1 line 21 instructions; IRC 221(b), 221(e)(2)'),
    gettext_noop('Student loan interest paid (1098-E), up to $2,500'),
    gettext_noop('Total income (Form 1040 line 9)'),
    gettext_noop('Other adjustments (Schedule 1 lines 11-20, 23 and 25)'),
    gettext_noop('Modified AGI: line 2 minus line 3'),
    gettext_noop('Phase-out start for your filing status'),
    gettext_noop('Line 4 minus line 5 (not below zero)'),
    gettext_noop('Line 6 divided by the phase-out range, to three places'),
    gettext_noop('Line 1 times line 7'),
    gettext_noop('Student loan interest deduction (Schedule 1 line 21)'),
    gettext_noop('Why there is no deduction'),
    gettext_noop('student loan interest deduction'),
    gettext_noop('Schedule 1 line 21; Student Loan Interest Deduction Worksheet line 9'),
    gettext_noop('adjustments to income'),
    gettext_noop('Form 1040 line 10; Schedule 1 line 26'),
    gettext_noop('adjusted gross income (AGI)'),
    gettext_noop('Form 1040 line 11 (line 9 minus line 10)'),
    gettext_noop('earned income (wages)'),
    gettext_noop('Pub. 596 Rule 7; Schedule 8812 line 18a; Standard Deduction Worksheet for Dependents line 1'),
    gettext_noop('number of boxes checked for 65 or older and blind'),
    gettext_noop('Form 1040 Age/Blindness checkboxes; IRC 63(f)'),
    gettext_noop('standard deduction'),
    gettext_noop('Form 1040 line 12; IRC 63(c), 63(f); Standard Deduction Chart / Worksheet for Dependents'),
    gettext_noop('taxable income'),
    gettext_noop('Form 1040 line 15 (line 11 minus line 14, not below zero)'),
    gettext_noop('how the tax was looked up'),
    gettext_noop('Form 1040 instructions, line 16 (Tax Table under $100,000; Tax Computation Worksheet at $100,000 or more)'),
    gettext_noop('income tax on your taxable income'),
    gettext_noop('Form 1040 line 16; IRC 1(j); Tax Table / Tax Computation Worksheet'),
    gettext_noop('tax before credits'),
    gettext_noop('Form 1040 line 18 (line 16 plus Schedule 2 line 3, which is zero in scope)'),
    gettext_noop('social security and Medicare tax withheld (W-2 boxes 4 and 6)'),
    gettext_noop('Schedule 8812 line 21'),
    gettext_noop('Schedule 8812'),
    gettext_noop('Schedule 8812 (Form 1040); IRC 24'),
    gettext_noop('Adjusted gross income (Form 1040 line 11)'),
    gettext_noop('Modified AGI (line 1; no excluded foreign or territory income in scope)'),
    gettext_noop('Qualifying children under 17 with an SSN valid for employment'),
    gettext_noop('Line 4 times the credit per child'),
    gettext_noop('Other dependents'),
    gettext_noop('Line 6 times $500'),
    gettext_noop('Line 5 plus line 7'),
    gettext_noop('Phase-out threshold ($400,000 married filing jointly; $200,000 all others)'),
    gettext_noop('Line 3 minus line 9, rounded up to a multiple of $1,000 (not below zero)'),
    # xgettext:no-python-format
    gettext_noop('Line 10 times 5%'),
    gettext_noop('Line 8 minus line 11 (not below zero)'),
    gettext_noop('Credit Limit Worksheet A: tax on Form 1040 line 18 (no other credits in scope)'),
    gettext_noop('Child tax credit and credit for other dependents: smaller of line 12 or line 13'),
    gettext_noop('Line 12 minus line 14'),
    gettext_noop('Line 4 times the refundable amount per child'),
    gettext_noop('Smaller of line 16a or line 16b'),
    gettext_noop('Earned income'),
    gettext_noop('Line 18a minus $2,500 (not below zero)'),
    # xgettext:no-python-format
    gettext_noop('Line 19 times 15%'),
    gettext_noop('Social Security and Medicare tax withheld (W-2 boxes 4 and 6)'),
    gettext_noop('Line 21 (no self-employment tax in scope)'),
    gettext_noop('Earned income credit (Form 1040 line 27)'),
    gettext_noop('Line 23 minus line 24 (not below zero)'),
    gettext_noop('Larger of line 20 or line 25'),
    gettext_noop('Additional child tax credit (Form 1040 line 28)'),
    gettext_noop('child tax credit and credit for other dependents'),
    gettext_noop('Form 1040 line 19; Schedule 8812 line 14; IRC 24(a), 24(h)(4)'),
    gettext_noop('additional child tax credit (refundable)'),
    gettext_noop('Form 1040 line 28; Schedule 8812 line 27; IRC 24(d), 24(h)(5)-(6)'),
    gettext_noop('investment income for the EIC'),
    gettext_noop('Pub. 596 Rule 6, Worksheet 1; IRC 32(i)(2)'),
    gettext_noop('why the earned income credit does not apply (empty when it may)'),
    gettext_noop('IRC 32(c), 32(d), 32(i), 32(m); Pub. 596 Rules 1-15'),
    gettext_noop('the EIC Table rows looked up'),
    gettext_noop('EIC Table (Form 1040 instructions and Pub. 596)'),
    gettext_noop('EIC Worksheet A'),
    gettext_noop('Form 1040 instructions, line 27, EIC Worksheet A; EIC Table'),
    gettext_noop('EIC Table amount for line 1'),
    gettext_noop('EIC Table amount for line 3 (AGI at or above the test amount and not equal to line 1)'),
    gettext_noop('Earned income credit: line 2, or the smaller of lines 2 and 5 (Form 1040 line 27)'),
    gettext_noop('earned income credit (EIC)'),
    gettext_noop('Form 1040 line 27; EIC Worksheet A line 6; IRC 32'),
    gettext_noop('whether you get the earned income credit'),
    gettext_noop('Form 1040 line 27'),
    gettext_noop('total tax'),
    gettext_noop('Form 1040 lines 22 and 24 (line 18 minus line 21, not below zero; no other taxes in scope)'),
    gettext_noop('federal income tax withheld on your W-2s'),
    gettext_noop('Form 1040 line 25a'),
    gettext_noop('federal income tax withheld on your 1099s'),
    gettext_noop('Form 1040 line 25b'),
    gettext_noop('total federal income tax withheld'),
    gettext_noop('Form 1040 line 25d'),
    gettext_noop('refundable credits'),
    gettext_noop('Form 1040 line 32 (lines 27 + 28)'),
    gettext_noop('total payments'),
    gettext_noop('Form 1040 line 33 (25d + 32)'),
    gettext_noop('your refund'),
    gettext_noop('Form 1040 lines 34 and 35a (line 33 minus line 24, if more than zero)'),
    gettext_noop('amount you owe'),
    gettext_noop('Form 1040 line 37 (line 24 minus line 33, if more than zero)'),
    gettext_noop('whether you chose head of household without a qualifying person'),
    gettext_noop('IRC 2(b)(1); Pub. 501, Head of Household'),
    gettext_noop('whether you chose qualifying surviving spouse without meeting its tests'),
    gettext_noop('IRC 2(a); Pub. 501, Qualifying Surviving Spouse'),
    gettext_noop('whether your taxable interest is over the $1,500 limit'),
    gettext_noop('Schedule B; Direct File scope'),
    gettext_noop('Medicare wages and tips from all your W-2s (box 5)'),
    gettext_noop('Form 8959 line 1'),
    gettext_noop('whether your Medicare wages are over the Additional Medicare Tax threshold for your filing status'),
    gettext_noop('IRC 3101(b)(2); Form 8959 lines 1-7'),
    gettext_noop('whether one W-2 shows more than $200,000 of Medicare wages, so the employer withheld Additional Medicare Tax'),
    gettext_noop('IRC 3102(f)(1); Instructions for Form 8959, Who Must File; Form 8959 Part V'),
    gettext_noop('whether you have investment income and your modified AGI is over the net investment income tax threshold'),
    gettext_noop('IRC 1411(a)(1), 1411(b); Form 8960 lines 8-17'),
    gettext_noop("whether two or more employers together withheld more Social Security tax from one person than the year's maximum"),
    gettext_noop('IRC 31(b); Schedule 3 line 11; Form 1040 instructions'),
    gettext_noop('unearned income (interest, unemployment and taxable Social Security)'),
    gettext_noop('Form 8615 instructions, unearned income'),
    gettext_noop('whether someone can claim you, you are under 24 and your unearned income is over the Form 8615 threshold'),
    gettext_noop('IRC 1(g); Form 8615 instructions'),
    gettext_noop("situations outside Direct File's scope"),
    gettext_noop('catalogue.yaml; Direct File scope'),
]
