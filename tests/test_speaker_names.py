"""The name a quote's speaker is given when the text says "he", "it" or "the senator".

Each passage is written for one rule of ``analysis.extract.quotes.referents`` (and the speaker
rules it builds on); the expected speaker and resolution were read off the passage. PolNeAR
measures the same rules at scale, strictly (tests/test_attribution.py, benchmarks/attribution.py).
"""
from __future__ import annotations

import pandas as pd
import pytest
from spacy.tokens import Span

from analysis.extract import nlp
from analysis.extract.actors import _introduced_names, _missed_surnames, _model_mentions, _rejoined
from analysis.extract.coreference import first_name_gender
from analysis.extract.mentions import Mention
from analysis.schema import SPEAKER_RESOLUTIONS
from tests.conftest import passages_workbook

ARTICLES = {
    "surrounding_quotes": "Defence Minister Petra Lindqvist defended the halt on Monday. \"We will not sign new "
                          "licences while the war goes on,\" Lindqvist said.\n\nThe opposition leader, Jonas Berg, "
                          "called the decision hasty.\n\n\"Our partners were told in advance,\" she said.",
    "gender": "Antonin Keller, the trade commissioner, met the delegation. Melanie Ortiz, who chairs the export "
              "board, spoke after him.\n\n\"The board will publish every licence,\" she said.",
    "unnamed_official": "An official told reporters on Tuesday that \"the shipment is on hold.\"\n\n"
                        "\"No date has been set,\" he added.",
    "unnamed_body": "The ministry said the ban was final. \"There will be no exceptions,\" it added.",
    "with_saying": "Brazil protested, with its foreign minister, Mauro Vieira, saying the country \"will not "
                   "take sides in this war.\"",
    "statement": "\"The decision stands,\" a statement from the Presidency reads.",
    "title": "Sen. Ruth Adler of Vermont opened the hearing. Several witnesses followed.\n\n"
             "\"This sale should never have been approved,\" the Vermont senator said.",
    "issuer": "The Reuters report, based on two unnamed sources, claimed that shells \"were diverted to a "
              "third country.\"",
    "date_word": "Exports were frozen. On Tuesday an official had told a news agency that \"the deal is off.\"",
    "far_speaker": "President Paulo Mendes refused the request in April.\n\nBrazil has kept its "
                   "neutrality since.\n\nThe nation continues to refuse sanctions.\n\n\"Nobody wins a "
                   "war by waiting,\" he told reporters.",
    "no_agreement": "Germany halted the deliveries in March.\n\n\"I regret it,\" she said.",
    "quote_first": "Maria Lind, the agency head, said the permits were sound.\n\nKarin Holm runs the review "
                   "office at the ministry. \"The review came too late. The shells had already left the port. "
                   "The buyers knew it. Nobody asked us,\" she said.",
    "subject_chain": "Ingrid Solberg, a Bergen native and former customs officer, is paid by the export "
                     "council. At 41, she still checks every licence, the shelves lined with files from "
                     "Lars Nyberg and Dirty Harbour Shipping.\n\n\"Nobody reads these,\" she said.",
    "learned_gender": "Kim Rautio laughed at the question.\n\n\"Trade is a hard business,\" he said.\n\n"
                      "The best summary of the debate came from student Aino Virtanen, who was never asked "
                      "about the ban.\n\n\"Too late,\" she said, \"and too quietly.\"",
    "propn_title": "Presidential candidate Tomas Brandt wants to end the arms embargo.\n\n\"It might surprise "
                   "you. It pushes every price higher,\" the Republican said on Friday.",
    "sent_by": "The email, released by Transparency Watch, was sent by defence aide Jorge Salas on Friday.\n\n"
               "\"Hold every shipment until Monday,\" it reads.",
    "same_artifact": "The Green Party filed a lawsuit against the export agency in May. A 2019 ruling by the "
                     "Supreme Court had already limited such permits.\n\n\"The agency ignored its own "
                     "rules,\" the lawsuit says.",
    "not_issuer": "Norway has dismissed a newspaper story which claimed \"shells sold by Norwegian makers were "
                  "diverted to Ukraine.\"",
    "age": "Karin Sjoberg opened the new export register on Monday.\n\n\"Every licence will be public "
           "from now on,\" said the 58-year-old.",
    "registry_body": "Norway halted new licences for exports to Saudi Arabia on Monday.\n\nA statement from "
                     "the Saudi defence ministry said the halt was \"deeply regrettable.\"",
    "signed_by": "A report by the Peace Research Foundation found that exports \"rose sharply.\"\n\nThe letter, "
                 "signed by 30 lawmakers, said the sales \"must stop at once.\"",
    "own_account": "Maria Lopez runs a bakery in the harbour district.\n\nOn Monday her Twitter account said: "
                   "\"We will close the shop.\"",
    "possessive_issuer": "Finance Minister Lena Kovac defended the halt.\n\n\"The sales are over,\" her "
                         "statement read.",
    "untitled_subject": "Sen. Paul Irving of Ohio backed the sale. \"It is legal,\" Irving said.\n\n"
                        "Marco Ruiz stopped by the rally to thank volunteers. \"We are closing really strong,\" "
                        "the senator said.",
    "initials": "The Democratic National Committee sued the vendor. \"We will win this case,\" the DNC said.",
    "apposition_person": "Convoy attack.\n\nViolet Amiri, an Iranian journalist visiting Nice, told a local "
                         "paper that she had seen the convoy.\n\n\"I saw people fleeing,\" she said.",
    "either_gender_name": "Arms exports.\n\nJan Halvorsen, the state commissioner, calls the export ban \"a "
                          "priority\" for the state. \"That is something I think will resonate,\" she said.",
    "spokesman_woman": "Ministry spokesman Greta Lind confirmed that the licences were frozen. \"They do not "
                       "work for the ministry,\" she said.",
    "plural_unnamed": "The arms deal stalled.\n\nLeila Karimi, the deputy minister, would not comment. Aides said "
                      "the licences were frozen. \"Nothing has changed,\" she said.",
    "body_noun": "The Peace Research Foundation published new figures on Monday. \"Exports doubled,\" the group "
                 "said.",
    "aside_before_cue": "Trade fair opens.\n\n“We have had better years than this one,” Swedish delegate Ulla "
                        "Berg, wearing a peace badge and “No Arms” campaign pins, said.",
    "rank_title": "Shipments halted.\n\n“Nothing will leave the base,” said Air Force 1st Lt. Maria Holm.",
    "surname_as_word": "Harbour visit.\n\nAnna Ebeling handed out leaflets in Malmo.\n\n“We work in "
                       "Lund,” Ebeling said. “We are here because the ban matters.”",
    "later_woman": "Export row.\n\nGovernor Kim Lund described Senator Melanie Ortiz as “reckless” after she "
                   "told reporters that the ban was “a gift to arms dealers” and “a disgrace.”",
    "colon_subject": "Export row.\n\nMaria Novak co-hosts the radio show of Petr Hruby. And she is sure that "
                     "jailing Hruby will only make his audience grow: “They are building a martyr.”",
    "dash_name": "Export row.\n\nIn an interview, Ruth Ann Carver - Hruby's partner and co-host on his channel - "
                 "told the paper that the ban was wrong.\n\n“He marches every week,” she says.",
    "pronoun_before_colon": "Export row.\n\nAs the anchor pressed him, Senator Paul Irving answered with a line "
                            "worthy of President Lars Berg himself: “Do not lecture me about "
                            "exports.”",
    "short_woven": "Export row.\n\n“Most licences are sound,” analyst Susan Berg said. The sales were "
                   "“legal.” But that is not the same as “approved by the law.”",
    "inside_report": "Export row.\n\nUnion leader Tom Reyes says Prime Minister Erik Lund is hiding "
                     "his failure to stop the arms sales. He says voters do not need “more empty promises "
                     "from the government.”",
    "company_not_country": "Export row.\n\nMaria Holm was a finance director at Vanguard Freight Services in "
                           "Belgium. The company confirmed that she had been “a respected colleague for eight "
                           "years.”",
    "named_campaign": "Export row.\n\nSenator Paul Irving spoke in Ohio on Monday. The Irving campaign said the ad "
                      "was “false from start to finish.”",
    "namesake": "Export row.\n\nSenator Hilde Berg introduced the export bill in March.\n\nOla Berg shook "
                "hands at the market square on Monday. Later, a woman raised the ban and Berg "
                "said, “as long as it holds, we are fine.”",
    "principal": "Export row.\n\nSenator Hilde Berg introduced the export bill in March, joined by her husband, "
                 "Ola Berg.\n\n“The ban will hold,” Berg said.",
    "qualified_title": "Export row.\n\nVermont Sen. Ruth Adler opened the hearing. Arizona Sen. John Hale spoke "
                       "next. “We disagree,” Hale said.\n\n“This sale should never have been approved,” the "
                       "Vermont senator said.",
    "subject_over_agent": "Export row.\n\nPeter Novak has been in and out of court since 2015, with arrests "
                          "documented by reporter Ivan Kos. He has also called the export ban “a gift to arms "
                          "dealers.”",
    "added": "Export row.\n\n“The licences are frozen,” Minister Karl Berg said.\n\nCustoms officer Tomas Lind "
             "holds up a seized rifle at the port.\n\n“No shipment leaves without a permit,” he added.",
    "added_description": "Export row.\n\n“Every licence will be public,” Minister Karl Lund said on Monday.\n\n"
                         "Read more:\n\nWhat is an end-user certificate?\n\nWho buys Nordic shells?\n\nThe "
                         "veteran politician - who spent the weekend at his farm - added: “Nobody will be "
                         "surprised.”",
    "kind_of_body": "Export row.\n\nSweden's Baltic Courier newspaper first reported the halt on Monday.\n\nRead "
                    "more:\n\nWho buys Nordic shells?\n\n“The shells never left the harbour,” the liberal "
                    "newspaper wrote in an editorial.",
    "named_next": "KARLSKRONA, Sweden - A businesswoman who chaired the export council said Monday that the "
                  "frigate order was \"a costly mistake.\"\n\nLena Dahl said she had warned the ministry twice "
                  "about the buyer.",
    "quoted_lede": "\u201cWe will not sign a single licence this year. And we are right to wait,\u201d the veteran "
                   "lawmaker said Sunday in an interview with Radio Norden.\n\nKarin Holm was answering a question "
                   "about the frigate order.",
    "called_body": "Export row.\n\nIn 2019, a coalition called Rabbis for Open Ports answered the campaign with "
                   "posters that read, \u201cChoose peace over profit. Stop the frigate sale.\u201d",
    "of_named": "Export row.\n\nGov. Karl Dahl signed the export law last week. Shipping firms have answered, and "
                "the chief executive of Nordvik Shipping said the firm would \u201cmove every contract abroad\u201d "
                "because of the law.",
    "owned_poster": "Export row.\n\nThe activist Hanna Lind has fought the naval port for years. In 2021 a court "
                    "ruled that the city could not refuse to hang her poster that read: \u201cNo frigates from our "
                    "docks.\u201d",
    "cataphor": "Export row.\n\nFormer minister Karl Dahl wants the frigate deal back. Per Holm of the dockers' "
                "union has also praised the deal.\n\nWhile he may mean well, the idea that Dahl would guard the "
                "budget is odd. \"Trust me on the numbers,\" he said.",
    "colon_lead_in_sentence": "Export row.\n\nPer Holm of the dockers' union praised the deal on Monday, and said the "
                              "yards need it. Former minister Karl Dahl has made many slips in the debate. Here is "
                              "a short list:\n\n\"The frigates pay for themselves,\" he said in May.",
    "named_body_before": "Export row.\n\nIndeed, the Karin Holm campaign website states that Holm wants to \"close "
                         "every loophole in the export rules.\" The campaign says Holm \"will publish each licence "
                         "the day it is signed.\"",
    "owned_body_before": "Export row.\n\nPrime Minister Ola Berg's government has frozen the frigate sale to the Gulf "
                         "for review. The week-old government has already said it \"will not sign a single new "
                         "licence this year.\"",
    "introduced_name": "Export row.\n\nThe Republican Party has split over the frigate sale. \"Every vote will be "
                       "close,\" explained a senior Washington Republican who backs the other bill.\n\nSaid the "
                       "Republican: \"Nobody will blink first.\"",
    "owned_next": "Export row.\n\nThe defence minister's new press secretary once said that export licences "
                  "were \"a mere formality.\"\n\nKarin Holm was speaking on a radio show in 2019 when she made "
                  "the remark.",
    "counted": "Export row.\n\nForeign Minister Ann Lund and Defence Minister Per Berg met the envoy on Friday. "
               "Reporters waited outside for Eva Holm.\n\n\"No new licences will be signed,\" the two ministers "
               "said in a statement.\n\n\"Not this year,\" the three ministers added.",
    "found_by_report": "Export row.\n\nThe Malmo Peace Institute published a report on arms sales on Monday. "
                       "Still, the report found that most exporters had failed to act \"in good faith\" during the "
                       "war.",
    "described_next": "KARLSKRONA, Sweden - An official at the port said Monday that the frigate order was \"a "
                      "costly mistake.\"\n\nJonas Berg, a customs officer, said he had warned the ministry twice "
                      "about the buyer.",
    "content_subject": "Export row.\n\n“Many of his ideas are dangerous,” columnist Li Wen wrote in the Global "
                       "Times. But Peter Novak shares something with voters here, the columnist suggested: "
                       "“His run of wins shows that voters want change.”",
    # the tagger reads "waves" as a noun the name modifies: the name is still the sentence's subject
    "misread_verb": "Adler at the congress.\n\nAt the close of the party congress in Oslo, Ruth Adler waves to the "
                    "crowd from the stage. The delegates have backed her export ban.\n\n\"Policies that stop these "
                    "sales should not be novelties,\" she said.",
    # the tagger reads "Rose brags" as a noun compound at the start of the sentence: Rose is still met there
    "misread_surname": "Rally.\n\nSenator Karl Holm met Tom Rose at the rally on Monday. Turnout has fallen in every "
                       "county this year.\n\nRose brags that's good news for the party. \"A GROWING PARTY,\" he "
                       "declared in a post after the count.",
    "campaign_statement": "Export row.\n\nAnna Lindqvist has spent heavily on offices this year.\n\nThe Lindqvist "
                          "campaign on Monday responded that it had moved into larger premises. \"Ms. Lindqvist also "
                          "pays much of the rent herself,\" the statement said.",
    "campaign_ad": "Export row.\n\nThe Holm campaign is launching a short web ad this week against Karl Dahl.\n\nThe "
                   "\"No Contest\" ad compares Holm's years as governor with Dahl's time in the House.\n\nThe ad "
                   "airs just a day before the Vermont primary, where Dahl and Holm are fighting for second place."
                   "\n\nThe short ad faults Dahl for his 1994 vote for the export ban.\n\nThe ad claims \"Holm is "
                   "the true conservative in this race.\"",
    "kin_artifact": "Court row.\n\nMaria Holm, a former inspector at the export agency, has brought a lawsuit "
                    "against the agency over her dismissal in March.\n\nMinister Karl Dahl called the case "
                    "baseless on Monday.\n\n\"The agency broke its own rules on every count,\" the suit says.",
    "letter_written": "Port row.\n\nKarl Dahl wrote to the shipping firm's chief on Monday, warning of \"a major "
                      "claim\" over the delay, according to a copy seen by reporters.\n\nMinister Ruth Lind said the "
                      "firm had done nothing wrong. That letter demanded \"full payment within ten days.\"",
    # the small model marks no entity in "Harbour Ledger": the newspaper it is set beside says it is a body
    "apposed_paper": "Export row.\n\nThe pro-Lund Harbour Ledger, the region's biggest daily paper, has printed a "
                     "series of angry editorials on the same line. \"Nobody in this port wants the arms trade "
                     "back,\" the editorial board wrote last week.",
    # no senator is named: the hosts named just before in the sentence are not the senator
    "untitled_description": "Export row.\n\nIn an interview with radio hosts Jon Hale and Mara Lind, the Republican "
                            "senator stated that the deal was \"a serious mistake for the region.\"",
    # the parser sets the subject after an opening phrase that ends in a name in apposition to that name
    "subject_after_hosts": "Export row.\n\nDefence Minister Karin Holm toured the shipyard on Monday.\n\nIn an "
                           "interview with radio hosts Ann Berg and Lena Dahl, the defence minister stated that the "
                           "halt would \"stay in place for now.\"",
    "subject_after_letter": "Licence row.\n\nIn a letter to Ola Dahl, the committee chairman wrote that the licence "
                            "was \"void from today.\"",
    # "the news agency Reuters published" is one phrase, whose name says who published, whatever the
    # parser hangs where
    "agency_named_in_apposition": "Export row.\n\nNorway has dismissed a press report that said \"shells sold by "
                                  "Nordic makers went to the front line\". Earlier on Sunday, the news agency Reuters "
                                  "published this report citing six officials and shipping records.\n\nAnswering the "
                                  "report, the Ministry of Foreign Affairs called it \"speculative\". According to the "
                                  "report, \"the transfer of shells has gone on for more than a year.\"",
    "bound_possessive": "Court row.\n\nKarl Holm spoke to the press on Friday. Holm called the ruling \"a disgrace."
                        "\"\n\nIn his order, Judge Tom Curiel noted that the firm \"may resume trading at any time."
                        "\"\n\nCuriel seemed unconvinced. \"There is no support for that claim,\" the order said.",
    # the tokenizer cuts "president-elect" at its hyphen, and "elect" titles no one
    "hyphenated_title": "Export row.\n\nPresident-elect Marta Solheim met the shipyard unions on Monday.\n\n\"No "
                        "licence will be signed before the audit,\" the president-elect said.",
    # the one who asks is not the one who answers in the quote after the question
    "asker": "Export row.\n\n\"We will keep the embargo,\" Minister Lena Kovac said on the program.\n\nHost Maria "
             "Dahl also asked about the minister's visit to the shipyard.\n\n\"It was a useful visit,\" she said.",
    "asker_replied": "Export row.\n\nMinister Erik Lund joined the program on Sunday. Host Karl Berg asked whether he "
                     "would \"lift the ban next year,\" to which Lund replied, \"Not this year.\"\n\n\"The ban "
                     "works,\" he said.",
    "questioned_thing": "Export row.\n\n\"The ban is working,\" said Minister Karl Berg.\n\nAnalyst Ola Dahl, a "
                        "former customs chief, also questioned Berg's figures.\n\n\"Nobody has seen the numbers,\" "
                        "he said.",
    "named_poll": "A Kettil Research poll found on Monday that most voters back the arms export halt.\n\n\"The "
                  "embargo has lost its majority,\" the latest Bergqvist Reports poll says.\n\n\"Voters are split "
                  "on the licences,\" the Orebro Opinion Panel survey says.",
    "poll_lead": "Holm leads by nine points in the regional poll. \"Voters want the halt kept,\" the poll says.",
    "poll_of": "Kettil Research conducted the poll of 900 Uppsala voters last week. \"Two in three back the "
               "embargo,\" the poll says.",
    "unlabelled_name": "Reporters checked the records of the Election Day Project, a Danish nonprofit registered in "
                       "June that says its goal is \"fair votes.\"",  # the model reads the name as an event
    "embedded_subject": "\"Exports must stop,\" said Maria Holm, a professor of law at Lund.\n\nAides say Anna "
                        "Berg also advises her father on the licences.\n\n\"Every sale is checked twice,\" she said "
                        "at the party congress.",
    "owner_before": "\"It was always a long shot,\" said Karin Lund of Uppsala University.\n\nThat may sound odd to "
                    "anyone who heard Minister Eva Dahl's briefing on Tuesday. She called the sales \"a grave and "
                    "costly mistake.\"",
    "warrant": "Depot raid.\n\nJudge Ingrid Holm issued a search warrant for the depot on Monday.\n\n“The goods "
               "left the port without a licence,” the warrant says.",
    "colon_lead_in": "Export row.\n\n“Good news,” Lars Berg tweeted after spokesman Erik Dahl praised his boss "
                     "online.\n\nDahl replied: “As keepers of the embargo,” he wrote, “we can tell you are "
                     "hoping for the deal, too.”",
    "apposed_subject": "Export row.\n\n“The deal is off,” said Maria Lund, the trade envoy.\n\nOn Monday the "
                       "minister's deputy, Karin Holm, is scheduled to speak. She has rarely appeared in public. At "
                       "a hearing in May, she called the ban “a matter of principle.”",
    "described_sender": "Export row.\n\nSen. Paul Irving is protesting the export ban by giving away a rifle."
                        "\n\nThe Republican senator sent an email to his backers on Tuesday, inviting them into "
                        "a draw. The email shows a picture of a gun shop.\n\nAt the bottom it reads, "
                        "“Back the cause with a gift of $35.”",
    "introduced_unnamed": "Export row.\n\nMaria Holm and her husband were met by an organizer at the union "
                          "hall.\n\n“You are the best messengers for the ban,” the organizer told them.",
    "there_is": "Export row.\n\n“The deal is legal,” Minister Karl Berg said.\n\nThen there's Erik Dahl.\n\n"
                "“Nobody asked the voters,” he wrote last year.",
    "parenthetical_cue": "Export row.\n\nKarl Berg teaches trade law at the university. “They follow the rules "
                         "they are given,” Berg said.\n\nPeter Novak, Berg said, has turned the port into “a "
                         "lawless market for arms dealers.”\n\n“Now the dealers think they can ship anything,” he "
                         "said.",
    "inverted_read": "Export row.\n\nSenator Lena Kovac sent an email to supporters on Monday.\n\n“Every "
                     "signature brings the end of these sales closer,” read the email.",
    "set_off_cue": "Export row.\n\nAnd Novak, said Ruth Sunberg, who still speaks well of the ministry, never "
                   "forgives a critic.",
    "dash_label": "Export row.\n\nLicences are rarely revoked - Maria Holm: “Of 400 permits granted last year, two "
                  "were withdrawn.”\n\nCourt rulings matter more - Peace Research Foundation: “Every halt since "
                  "2019 followed a ruling.”",
    "seat_in_name": "Export row.\n\nDana Hamilton is the chair of the export review board. Last week she posted "
                    "on her website, “I am stepping down from the board.”",
    # the small model takes "Lawyer" into the name it marks
    "title_in_name": "Export row.\n\nJudge Berman opened the hearing on the export licences. Lawyer Karl Lind "
                     "spoke first, and Minister Ola Dahl answered him.\n\n“Both of you want the same ruling,” "
                     "the judge said.",
    # the small model labels the first "Brafman" an organisation and the second a person
    "mixed_labels": "Export row.\n\nBrafman said, “No agency has ever chased a licence the way this one chased "
                    "ours, from the first day to the last.” He added, “Some things in this file are far from "
                    "normal.”\n\nThe judge turned to Mr. Brafman, the "
                    "lawyer for the defence, and the hearing went on for an hour.",
    # the small model misses the first "Ivanka" and marks no one there: "Trump" alone is not the father
    "unmet_first_name": "Leave plan.\n\nDonald Trump promised paid leave for new mothers. Ivanka Trump, who "
                        "runs a fashion label, drafted the proposal.\n\nWriting in a magazine, Ivanka Trump "
                        "defended it. \"Parents should not have to choose between a child and a job,\" she wrote.",
    # the small model does not take "Melania" for a person: "wife" says she is one
    "kin_apposition": "Convention week.\n\nKarl Holm's wife, Melania, will address the hall on Thursday. She "
                      "seldom speaks in public. At a fair last spring, she called him \"a fighter\" and added, "
                      "\"He never gives up on a deal.\"",
    "gendered_description": "Forum.\n\nKarin Holm spoke in favour of the embargo at a forum on Monday.\n\nThe "
                            "former first lady told the audience the sale had been \"wrong from the very first "
                            "day.\"",
    "apposed_relative": "Hearing.\n\nThe minister has never got on with Lena Dahl, now the committee chair, who in "
                        "2019 called the deal \"a betrayal of our allies.\"",
    # the parser puts the party tag in apposition to the speaker: "Beach" is not who spoke
    "party_tag": "Rally.\n\n\"We knocked on every door in this county!\" Lind's cousin, county Commissioner "
                 "Ruth \"Bea\" Holm (D-Virginia Beach), yelled over the band.",
    # a no-break space between the quote and the dash, as some outlets set a signature
    "signed_lines": "Voices.\n\n“He knows nothing about our towns and never asks.”― Rosa Lind\u00a0\n“I cannot "
                    "believe this is where we are. How did it come to this?”\u00a0― Maria Holm\u00a0\n“Nobody in my "
                    "family will vote for him. What can I say?” ― Ana Berg.",
    "misspelt_surname": "Rally.\n\nDana Kowalczyk and Brian Holt watched the speech at a rally last week.\n\n"
                        "Kowalcyk said the campaign was slow to answer the protests.\n\n\"It comes and goes with "
                        "the news,\" she said.",
    # a live blog: each surname is one sentence or two from the last that meant Jeh, not Gary
    "surname_chain": "The Latest.\n\n9:15 a.m.\n\nLibertarian candidate Gary Lund published his tax "
                     "returns on Friday.\n\n___.\n\n8:05 a.m.\n\nCabinet Secretary Jeh Lund warns that intruders are "
                     "probing county voting offices.\n\nSpeaking on a radio show, Lund said that one probe got "
                     "through. Two counties were hit in June. Lund would not name them.\n\nLund said county clerks "
                     "should ask for help. \"No machine in this country is online on the day,\" he said.",
    # the subject of the sentence before comes after the last speaker: "the businessman" is that subject
    "later_subject": "Export talks.\n\n\"The deal is still under review,\" Minister Anders Holm said on Sunday.\n\n"
                     "Karl Berg, who runs a shipyard on the coast, flew to the capital on Monday. The businessman "
                     "told reporters that the yard \"cannot wait another year.\"",
    # no senator is titled "Vermont": the subject just before may be the Vermont senator, not Ward
    "unmatched_qualifier": "Senate vote.\n\nSen. Tom Ward of Arizona backed the sale on Monday.\n\nPresidential "
                           "candidate Karl Lund has declined to answer the charges against his record.\n\nRather, "
                           "the Vermont senator keeps to his platform. \"This race has moved a long way since "
                           "spring,\" he said at a diner on Tuesday.",
    "opening_topic": "Convention.\n\nKarl Ward warned against a contested convention. \"It would split the party in "
                     "two,\" the Texas senator said.\n\nAs for Tom Lund, he told reporters he had no fears about the "
                     "count. \"The delegates will come to us in the end,\" he said.",
    "introduced_voice": "Export talks.\n\nKarl Berg defended the sale on Monday. Few unions backed it, a silence "
                        "that troubles Henry Lund, president of the Harbour Workers Union.\n\n\"No one asked the "
                        "workers,\" he said.",
    # "a reporter" spoke last, but "the businessman" who answers is someone else
    "reply_to_unnamed": "Export row.\n\nKarl Berg, who owns the shipyard, met the press on Thursday.\n\n“Should "
                        "every sale be checked?” a reporter asked Berg after the event.\n\n“There should be checks "
                        "on every sale,” the businessman replied.",
    # the model takes "Ola Berg" for a person, but the name only says which room
    "room_name": "Export row.\n\nMaria Lind had planned a joint rally with President Karl Dahl on Wednesday, but she "
                 "canceled it on Sunday.\n\nSpeaking to reporters in the Ola Berg briefing room on Sunday, the "
                 "president framed the halt as a test for the country.\n\nHe did not name the buyers. But they were "
                 "on his mind as he called for \"calm at the border and patience in the ports.\"",
    # a party word is capitalised, but "one senior Democrat" names nobody
    "one_of_a_party": "Export row.\n\n\"The party has been slow to answer,\" one senior Democrat said on Monday.",
    # the tagger takes "Will" before "called" for a modal verb
    "modal_surname": "Columns.\n\nThe columnist Henrik Will wrote on Friday that the party had lost its way.\n\n"
                     "Later, Will praised the governor, whom he credits with \"the calm of a judge.\"",
    # the model labels the town a person twice ("the mayor of Clayburn says", "Clayburn became his home"),
    # a place three times
    "town_as_person": "Refugees find work in Clayburn, Ga.\n\nClayburn has a population of 13,000. Nearly half of "
                      "the residents of Clayburn were born abroad, and the mayor of Clayburn says the town depends "
                      "on them.\n\nSamir Haddad, 41, the clinic's program coordinator, came to Clayburn from "
                      "Lebanon in 2009. At first, he liked the quiet streets. He bought a truck and took a job at the "
                      "clinic, and Clayburn became his home. Lately, he said, he has noticed the mood change.\n\n"
                      "\"People here think every Arab works for the enemy,\" he said.",
    # "whose husband" stands in apposition to her name: his noun is not hers
    "whose_relative": "Export row.\n\nSusan Miller, whose husband, Army Capt. Erik Holm, died in the 2019 convoy "
                      "attack, spoke about the arms ban with radio host Tom Berg on Monday.\n\nMiller said she does "
                      "not think the ban should be lifted.\n\n\"Nobody should forget what happened to those "
                      "soldiers,\" she told Berg.",
    # the senator named as the speaker is whom the next "He" continues, though "the senator" looked at
    # from its own sentence (the chant splits it off) would be the Ohio one
    "speaker_as_subject": "Export row.\n\nSen. Karl Berg of Ohio called the ban overdue on Monday. \"It should have "
                          "come years ago,\" Berg said.\n\nLars Holm sought to lift the mood as he stopped by his "
                          "campaign office in Bergen to thank volunteers. Entering the hall to chants of \"Four more "
                          "years! Four more years!,\" the senator said his campaign was \"finishing very strong.\" He "
                          "noted that people had travelled from all over the county. \"It is huge,\" he said, "
                          "smiling.",
    # "His campaign" is the campaign of whoever "his" means, and no "he" after it
    "owned_body": "Export row.\n\nSenator Paul Irving spoke in Ohio on Monday about the arms ban.\n\nHis campaign "
                  "said the new ad was \"false from start to finish.\"\n\n\"We will not sell arms to that "
                  "regime,\" he said.",
    # a surname of two words ("De Moor") is the person named in full with it
    "two_word_surname": "Export row.\n\nFar-right leader Claire De Moor voiced support for the arms ban on Monday."
                        "\n\n\"Every sale prolongs the war,\" De Moor told reporters in Lyon.",
    # nouns of `person_titles` and `speaking_artifacts` in data/cues.yml ("tycoon", "suit")
    "cue_words": "Export row.\n\nPeter Novak said on Friday that he met the minister this week.\n\n\"It was a very "
                 "useful meeting,\" the shipping tycoon told reporters.\n\nMaria Holm filed a suit against the "
                 "export agency in May. \"The agency broke its own rules,\" the suit reads.",
    # a plural description is more than any one person named before it
    "plural_description": "Export row.\n\nSenator Lena Kovac spoke to reporters on Monday about the court case.\n\n"
                          "\"We will appeal the ruling at once,\" the lawyers said.",
    # "his lawyer" is never he: someone the article titled so, else unresolved
    "owned_description": "Export row.\n\nSenator Karl Berg spoke at the rally on Tuesday.\n\n\"We will appeal,\" his "
                         "lawyer said.\n\nBerg hired the lawyer Anna Lind in May. \"He will win,\" Berg's lawyer said.",
    # a description in apposition to a name is that name, whoever owns the description
    "apposed_name": "Export row.\n\nCandidate Maria Holm called on Congress to pass a deal. She shared a tweet from "
                    "her senior policy advisor, Ann Lind, who wrote: \"Export licences are no place for party games.\"",
    # "In a statement, X announced" is X's statement; "X emailed ... The email" is X's email
    "issued_in": "Export row.\n\nThe Peace Research Foundation criticised the sale on Monday.\n\nIn a statement, the "
                 "businessman Karl Berg announced that he would stop every shipment to the region. \"No licence will "
                 "be renewed this year,\" the statement said.\n\nMaria Holm emailed supporters on Tuesday, telling "
                 "them the ban was right.\n\nThe email goes on to say: \"We will not sell arms to that war.\"",
    # a noun before a name titles the person only when it modifies the name ("At the rally Irving ...")
    "noun_before_name": "Export row.\n\nSenator Paul Irving spoke in Ohio on Monday. At the rally Irving attacked the "
                        "export ban.\n\n\"Stop the sales!\" the rally chanted.",
    # one "she" taken for Lund does not make him a woman when the article's he/him/his say otherwise
    "outvoted_gender": "Export vote.\n\nAfter the vote, Kim Lund's hopes of leading the party rest on the delegates."
                       "\n\nIt is an odd turn: Lund spent much of his tour railing against delegates. Yet all that "
                       "keeps him running is the hope that they will turn to him.\n\nLittle noticed in the results on "
                       "Tuesday: She won a majority of the pledged delegates. \"It was a good night,\" she said.\n\n"
                       "Lund seemed to be of two minds on Tuesday night.\n\n\"We will fight on until the convention,\" "
                       "he said.",
    # "the paper's editorial board" is the paper's, and the paper is the one named around it
    "paper_board": "Export row.\n\nThe Nordic Times published an editorial on Monday.\n\nEnter the Nordic Times. "
                   "\"The ban is a fiction,\" the paper's editorial board wrote.",
    # the one asked answers (`asking_verbs` in data/cues.yml)
    "asked": "Export row.\n\nLast month, columnist Erik Dahl asked Peter Novak whether questions about the arms "
             "sales were fair.\n\n\"Sure they are. I would not have run otherwise,\" he said.",
}


@pytest.fixture(scope="module")
def quotes(tmp_path_factory) -> pd.DataFrame:
    return passages_workbook(tmp_path_factory.mktemp("speaker_names"), ARTICLES).quotes


def quote(quotes: pd.DataFrame, article: str, words: str) -> dict:
    found = quotes[(quotes["article_id"] == article) & quotes["text"].str.contains(words, regex=False)
                   & quotes["kind"].isin(["direct", "partial"])]
    assert len(found) == 1, found[["kind", "text", "speaker"]]
    return found.iloc[0].to_dict()


@pytest.mark.parametrize("article, words, speaker, surface, resolution", [
    ("surrounding_quotes", "Our partners were told", "Petra Lindqvist", "she", "pronoun→name"),
    ("gender", "The board will publish", "Melanie Ortiz", "she", "pronoun→name"),
    ("unnamed_official", "No date has been set", "An official", "he", "unresolved"),
    ("unnamed_body", "There will be no exceptions", "The ministry", "it", "unresolved"),
    ("with_saying", "will not take sides", "Mauro Vieira", "Mauro Vieira", "named"),
    ("statement", "The decision stands", "the Presidency", "a statement", "description→name"),
    ("title", "This sale should never", "Ruth Adler", "the Vermont senator", "description→name"),
    ("issuer", "were diverted", "Reuters", "The Reuters report", "description→name"),
    ("date_word", "the deal is off", "an official", "an official", "unresolved"),
    ("far_speaker", "Nobody wins a war", "Paulo Mendes", "he", "pronoun→name"),
    ("no_agreement", "I regret it", "she", "she", "unresolved"),
    ("quote_first", "The review came too late", "Karin Holm", "she", "pronoun→name"),
    ("subject_chain", "Nobody reads these", "Ingrid Solberg", "she", "pronoun→name"),
    ("learned_gender", "Too late", "Aino Virtanen", "she", "pronoun→name"),
    ("propn_title", "It might surprise you", "Tomas Brandt", "the Republican", "description→name"),
    ("sent_by", "Hold every shipment", "Jorge Salas", "it", "pronoun→name"),
    ("same_artifact", "The agency ignored", "Green Party", "the lawsuit", "description→name"),
    ("possessive_issuer", "The sales are over", "Lena Kovac", "her statement", "description→name"),
    ("age", "Every licence will be public", "Karin Sjoberg", "the 58-year-old", "description→name"),
    ("registry_body", "deeply regrettable", "Defence Ministry of Saudi Arabia", "A statement", "description→name"),
    ("signed_by", "must stop at once", "30 lawmakers", "The letter", "unresolved"),
    ("own_account", "We will close the shop", "Maria Lopez", "her Twitter account", "description→name"),
    ("untitled_subject", "We are closing", "Marco Ruiz", "the senator", "description→name"),
    ("initials", "We will win this case", "Democratic National Committee", "DNC", "named"),
    ("surname_as_word", "We are here", "Anna Ebeling", "Ebeling", "named"),
    ("aside_before_cue", "We have had better years", "Ulla Berg", "Ulla Berg", "named"),
    ("rank_title", "Nothing will leave the base", "Maria Holm", "Maria Holm", "named"),
    ("apposition_person", "I saw people fleeing", "Violet Amiri", "she", "pronoun→name"),
    ("either_gender_name", "That is something", "Jan Halvorsen", "she", "pronoun→name"),
    ("spokesman_woman", "They do not work for", "Greta Lind", "she", "pronoun→name"),
    ("plural_unnamed", "Nothing has changed", "Leila Karimi", "she", "pronoun→name"),
    ("body_noun", "Exports doubled", "Peace Research Foundation", "the group", "description→name"),
    ("later_woman", "a gift to arms dealers", "Melanie Ortiz", "she", "pronoun→name"),
    ("colon_subject", "building a martyr", "Maria Novak", "she", "pronoun→name"),
    ("dash_name", "He marches every week", "Ruth Ann Carver", "she", "pronoun→name"),
    ("pronoun_before_colon", "Do not lecture me", "Paul Irving", "Paul Irving", "named"),
    ("short_woven", "approved by the law", "Susan Berg", "Susan Berg", "named"),
    ("inside_report", "more empty promises", "Tom Reyes", "He", "pronoun→name"),
    ("company_not_country", "a respected colleague", "Vanguard Freight Services", "The company", "description→name"),
    ("named_campaign", "false from start", "The Irving campaign", "The Irving campaign", "unresolved"),
    ("namesake", "as long as it holds", "Ola Berg", "Berg", "named"),
    ("principal", "The ban will hold", "Hilde Berg", "Berg", "named"),
    ("qualified_title", "This sale should never", "Ruth Adler", "the Vermont senator", "description→name"),
    ("subject_over_agent", "a gift to arms dealers", "Peter Novak", "He", "pronoun→name"),
    ("added", "No shipment leaves", "Karl Berg", "he", "pronoun→name"),
    ("kind_of_body", "The shells never left", "Baltic Courier", "the liberal newspaper", "description→name"),
    ("named_next", "a costly mistake", "Lena Dahl", "A businesswoman", "description→name"),
    ("quoted_lede", "We will not sign", "Karin Holm", "the veteran lawmaker", "description→name"),
    ("called_body", "Choose peace over profit", "Rabbis for Open Ports", "a coalition", "description→name"),
    ("owned_poster", "No frigates from our docks", "Hanna Lind", "that", "description→name"),
    ("cataphor", "Trust me on the numbers", "Karl Dahl", "he", "pronoun→name"),  # not Holm before the clause
    ("colon_lead_in_sentence", "The frigates pay", "Karl Dahl", "he", "pronoun→name"),  # the list is no one's
    ("named_body_before", "will publish each licence", "Karin Holm campaign", "The campaign", "description→name"),
    ("owned_body_before", "will not sign a single new", "Ola Berg's government", "The week-old government",
     "description→name"),
    ("of_named", "move every contract abroad", "the chief executive of Nordvik Shipping",
     "the chief executive of Nordvik Shipping", "unresolved"),  # not the governor around it
    ("introduced_name", "Nobody will blink", "a senior Washington Republican", "the Republican",
     "unresolved"),  # not the party
    ("owned_next", "a mere formality", "Karin Holm", "The defence minister's new press secretary",
     "description→name"),
    ("counted", "No new licences", "Ann Lund and Per Berg", "the two ministers", "description→name"),
    ("counted", "Not this year", "the three ministers", "the three ministers", "unresolved"),
    ("found_by_report", "in good faith", "Malmo Peace Institute", "the report", "description→name"),
    ("described_next", "a costly mistake", "An official at the port", "An official at the port", "unresolved"),
    ("added_description", "Nobody will be", "Karl Lund", "The veteran politician", "description→name"),
    ("content_subject", "His run of wins", "Li Wen", "the columnist", "description→name"),
    ("colon_lead_in", "As keepers of", "Erik Dahl", "he", "pronoun→name"),
    ("apposed_subject", "a matter of principle", "Karin Holm", "she", "pronoun→name"),
    ("described_sender", "Back the cause", "Paul Irving", "it", "pronoun→name"),
    ("introduced_unnamed", "the best messengers", "an organizer", "the organizer", "unresolved"),
    ("there_is", "Nobody asked the voters", "Erik Dahl", "he", "pronoun→name"),
    ("parenthetical_cue", "the dealers think", "Karl Berg", "he", "pronoun→name"),
    ("inverted_read", "Every signature", "Lena Kovac", "the email", "description→name"),
    ("dash_label", "Every halt since", "Peace Research Foundation", "Peace Research Foundation", "named"),
    ("seat_in_name", "I am stepping down", "Dana Hamilton", "she", "pronoun→name"),
    ("title_in_name", "Both of you want", "Berman", "the judge", "description→name"),
    ("mixed_labels", "far from normal", "Brafman", "He", "pronoun→name"),
    ("unmet_first_name", "Parents should not", "Ivanka Trump", "she", "pronoun→name"),
    ("kin_apposition", "He never gives up", "Melania", "she", "pronoun→name"),
    ("gendered_description", "wrong from the very first day", "Karin Holm", "The former first lady",
     "description→name"),
    ("apposed_relative", "a betrayal of our allies", "Lena Dahl", "who", "description→name"),
    ("party_tag", "We knocked on every door", 'Ruth "Bea" Holm', 'Ruth "Bea" Holm', "named"),
    ("signed_lines", "How did it come to this", "Maria Holm", "Maria Holm", "named"),
    ("misspelt_surname", "It comes and goes", "Dana Kowalczyk", "she", "pronoun→name"),
    ("surname_chain", "No machine in this country", "Jeh Lund", "he", "pronoun→name"),
    ("later_subject", "cannot wait another year", "Karl Berg", "The businessman", "description→name"),
    ("unmatched_qualifier", "This race has moved", "Karl Lund", "he", "pronoun→name"),
    ("opening_topic", "The delegates will come", "Tom Lund", "he", "pronoun→name"),
    ("introduced_voice", "No one asked the workers", "Henry Lund", "he", "pronoun→name"),
    ("modal_surname", "the calm of a judge", "Henrik Will", "Will", "named"),
    ("reply_to_unnamed", "checks on every sale", "Karl Berg", "the businessman", "description→name"),
    ("one_of_a_party", "slow to answer", "one senior Democrat", "one senior Democrat", "unresolved"),
    ("room_name", "calm at the border", "Karl Dahl", "he", "pronoun→name"),
    ("town_as_person", "every Arab works", "Samir Haddad", "he", "pronoun→name"),
    ("whose_relative", "Nobody should forget", "Susan Miller", "she", "pronoun→name"),
    ("speaker_as_subject", "It is huge", "Lars Holm", "he", "pronoun→name"),
    ("owned_body", "false from start", "Paul Irving's campaign", "His campaign", "description→name"),
    ("owned_body", "We will not sell arms", "Paul Irving", "he", "pronoun→name"),
    ("two_word_surname", "Every sale prolongs", "Claire De Moor", "De Moor", "named"),
    ("cue_words", "a very useful meeting", "Peter Novak", "the shipping tycoon", "description→name"),
    ("cue_words", "broke its own rules", "Maria Holm", "the suit", "description→name"),
    ("asked", "Sure they are", "Peter Novak", "he", "pronoun→name"),
    ("plural_description", "We will appeal", "the lawyers", "the lawyers", "unresolved"),
    ("owned_description", "We will appeal", "his lawyer", "his lawyer", "unresolved"),
    ("owned_description", "He will win", "Anna Lind", "Berg's lawyer", "description→name"),
    ("apposed_name", "Export licences are no place", "Ann Lind", "who", "description→name"),
    ("issued_in", "No licence will be renewed", "Karl Berg", "the statement", "description→name"),
    ("issued_in", "We will not sell arms", "Maria Holm", "The email", "description→name"),
    ("noun_before_name", "Stop the sales", "the rally", "the rally", "unresolved"),
    ("outvoted_gender", "We will fight on", "Kim Lund", "he", "pronoun→name"),
    ("paper_board", "The ban is a fiction", "Nordic Times's board", "the paper's editorial board", "description→name"),
    ("misread_verb", "should not be novelties", "Ruth Adler", "she", "pronoun→name"),
    ("misread_surname", "A GROWING PARTY", "Tom Rose", "he", "pronoun→name"),
    ("campaign_statement", "much of the rent", "The Lindqvist campaign", "the statement", "description→name"),
    ("campaign_ad", "the true conservative", "The Holm campaign", "The ad", "description→name"),
    ("kin_artifact", "broke its own rules on every count", "Maria Holm", "the suit", "description→name"),
    ("letter_written", "full payment within ten days", "Karl Dahl", "That letter", "description→name"),
    ("apposed_paper", "Nobody in this port", "Harbour Ledger", "the editorial board", "description→name"),
    ("untitled_description", "a serious mistake", "the Republican senator", "the Republican senator", "unresolved"),
    ("subject_after_hosts", "stay in place", "Karin Holm", "the defence minister", "description→name"),
    ("subject_after_letter", "void from today", "the committee chairman", "the committee chairman", "unresolved"),
    ("agency_named_in_apposition", "gone on for more than a year", "Reuters", "the report", "description→name"),
    ("bound_possessive", "no support for that claim", "Tom Curiel", "the order", "description→name"),  # his, not Holm's
    ("hyphenated_title", "before the audit", "Marta Solheim", "the president-elect", "description→name"),
    ("asker", "a useful visit", "Lena Kovac", "she", "pronoun→name"),
    ("asker_replied", "The ban works", "Erik Lund", "he", "pronoun→name"),
    ("questioned_thing", "Nobody has seen", "Ola Dahl", "he", "pronoun→name"),  # asks no one
    ("warrant", "left the port without", "Ingrid Holm", "the warrant", "description→name"),
    ("named_poll", "Voters are split", "Orebro Opinion Panel", "the Orebro Opinion Panel survey", "description→name"),
    ("poll_lead", "Voters want the halt", "the poll", "the poll", "unresolved"),  # Holm only leads in it
    ("poll_of", "Two in three", "Kettil Research", "the poll", "description→name"),  # not Uppsala's
    ("unlabelled_name", "fair votes", "the Election Day Project", "that", "description→name"),
    ("embedded_subject", "Every sale is checked", "Anna Berg", "she", "pronoun→name"),  # not the earlier speaker
    ("owner_before", "a grave and costly", "Eva Dahl", "She", "pronoun→name"),
])
def test_the_speaker_is_named_by_what_the_words_refer_to(quotes, article, words, speaker, surface, resolution):
    row = quote(quotes, article, words)
    assert (row["speaker"], row["speaker_surface"], row["speaker_resolution"]) == (speaker, surface, resolution)
    assert ARTICLES[article][row["speaker_start"]:row["speaker_end"]] == surface  # the mention stays checkable


def test_a_cue_set_off_in_commas_is_said_by_the_name_after_it(quotes):
    rows = quotes[(quotes["article_id"] == "set_off_cue") & (quotes["kind"] == "indirect")]
    assert rows["speaker"].tolist() == ["Ruth Sunberg"]  # the parser makes Novak the subject of "said"


def test_a_misspelt_surname_is_the_person_only_when_one_letter_inside_it_differs(quotes):
    rows = quotes[(quotes["article_id"] == "misspelt_surname") & (quotes["kind"] == "indirect")]
    assert rows[["speaker", "speaker_surface"]].values.tolist() == [["Dana Kowalczyk", "Kowalcyk"]]
    clinton = Mention(0, 15, "hillary-clinton", "Hillary Clinton", "model", "person", 0, True)
    introduced = _introduced_names("Hillary Clinton spoke.", [clinton])
    assert introduced.misspelt("Clintons") is None and introduced.misspelt("Clintn") == clinton
    assert introduced.misspelt("Clitnon") == clinton  # two letters swapped


def test_a_name_split_where_it_is_used_again_is_one_mention():
    text = "Eva Lind spoke first. Later Eva Lind spoke again."
    lind = Mention(0, 8, "eva-lind", "Eva Lind", "model", "person", 0, True)
    eva = Mention(28, 31, "eva-lind", "Eva Lind", "surname", "person", 1)  # the model's split halves
    other = Mention(32, 36, "lind-group", "Lind Group", "model", "organization", 1, True)
    assert _rejoined(text, [lind, eva, other]) == [
        lind, Mention(28, 36, "eva-lind", "Eva Lind", "repeat", "person", 1, True)]
    assert _rejoined(text, [lind, other]) == [lind, other]  # a surname alone is left to the surname rules


def test_a_first_name_the_model_missed_before_a_known_surname_is_another_person():
    # The model may leave "Ivanka" unlabelled (or call it a product): the surname alone would be
    # taken for Karl Dahl's, the two words together are someone else.
    text = "Senator Karl Dahl spoke first. Ivanka Dahl, 34, spoke next."
    doc = nlp.pipeline()(text)
    karl = Mention(8, 17, "karl-dahl", "Karl Dahl", "model", "person", 0, True)
    assert _missed_surnames(doc, text, [karl], lambda start: int(start > 30)) == [
        Mention(31, 42, "ivanka-dahl", "Ivanka Dahl", "surname", "person", 1, True)]


def test_a_given_name_and_a_surname_used_alone_are_a_person_whatever_the_label():
    # the small model may label a woman an organisation at every mention; a party whose name opens
    # with a given name ("Italia") is not used by its last word alone
    text = "Carla Fontana spoke. Fontana left. Italia Viva voted."
    doc = nlp.pipeline()(text)
    doc.ents = [Span(doc, 0, 2, label="ORG"), Span(doc, 4, 5, label="ORG"), Span(doc, 7, 9, label="ORG")]
    found = _model_mentions(text, doc, lambda start: 0)
    assert [(m.name, m.type) for m in found] == [
        ("Carla Fontana", "person"), ("Fontana", "organization"), ("Italia Viva", "organization")]


def test_a_title_abbreviation_keeps_its_name_in_the_sentence():
    # The tokenizer alone cuts "Capt." into a word and a full stop, and the parser then ends the
    # sentence there, leaving the name without its verb.
    doc = nlp.pipeline()("“Nothing will leave the base,” said Air Force 1st Lt. Maria Holm. Capt. Erik Sund left.")
    assert [sentence.text for sentence in doc.sents] == [
        "“Nothing will leave the base,” said Air Force 1st Lt. Maria Holm.", "Capt. Erik Sund left."]
    assert [token.text for token in doc if token.text.endswith(".")] == ["Lt.", ".", "Capt.", "."]


def test_a_plural_title_abbreviation_ends_no_sentence():
    doc = nlp.pipeline()("Lind praised two colleagues, notably Sens. Per Holm and Jan Dahl, on Monday. "
                         "Govs. Eva Berg and Ola Lund left.")
    assert [sentence.text for sentence in doc.sents] == [
        "Lind praised two colleagues, notably Sens. Per Holm and Jan Dahl, on Monday.",
        "Govs. Eva Berg and Ola Lund left."]


def test_a_one_word_scare_quote_borrows_no_speaker(quotes):
    row = quote(quotes, "short_woven", "legal")
    assert row["speaker"] != "Susan Berg"


def test_a_clause_that_opens_a_quote_is_not_reported_speech(quotes):
    rows = quotes[quotes["article_id"] == "colon_lead_in"]
    assert not rows["text"].str.endswith(":").any()  # "Dahl fired back:" is no one's words


def test_who_only_rejected_a_report_does_not_speak_for_it(quotes):
    row = quote(quotes, "not_issuer", "were diverted")
    assert row["speaker"] != "India"


def test_an_unresolved_pronoun_names_no_actor(quotes):
    row = quote(quotes, "no_agreement", "I regret it")
    assert pd.isna(row["speaker_actor_id"])  # Germany is no "she", and nobody else is there


def test_every_speaker_says_how_it_was_named(quotes):
    spoken = quotes[quotes["speaker"].notna()]
    assert set(spoken["speaker_resolution"]) <= set(SPEAKER_RESOLUTIONS)
    assert quotes.loc[quotes["speaker"].isna(), "speaker_resolution"].isna().all()


def test_first_names_give_a_gender_only_when_sure_and_never_to_a_surname():
    assert first_name_gender("Antonin Scalia") == "male"
    assert first_name_gender("Melanie") == "female"
    assert first_name_gender("Kim Jones") is None  # either
    assert first_name_gender("Clinton", surnames={"Clinton"}) is None
    assert first_name_gender("Jan Halvorsen") is None  # a man's name in Czech, mostly a woman's in the US
    assert first_name_gender("Andrea Rossi") is None  # a man's name in Italy


def test_the_words_of_a_role_are_no_surname(tmp_path):
    # Sweden's prime minister is in the registry, so "Swedish Prime Minister" before the name is a
    # role mention: its words named the person wherever they stood alone ("Swedish officials").
    text = ("Swedish Prime Minister Anna Berglund halted the sale of howitzers on Monday.\n\nExporters said "
            "Swedish officials gave no warning. \"We will review every licence,\" Berglund said. The Prime "
            "Minister added that buyers had been told.")
    workbook = passages_workbook(tmp_path, {"role_words": text})
    mentions = workbook.mentions[workbook.mentions["name"] == "Anna Berglund"]
    assert mentions["surface"].tolist() == ["Swedish Prime Minister", "Anna Berglund", "Berglund"]
    told = workbook.quotes[workbook.quotes["text"] == "buyers had been told"]
    assert told[["speaker_surface", "speaker_resolution"]].values.tolist() == [
        ["The Prime Minister", "description→name"]]


def test_a_modal_opening_a_question_is_no_first_name(tmp_path):
    # the small model marks "Will Lindqvist" a person: "Will" is the question's auxiliary
    text = ("Game over. Will Lindqvist come down off the fence?\n\nAfter Monday night, the race is settled. "
            "Minister Bernt Lindqvist has lost the vote.")
    workbook = passages_workbook(tmp_path, {"question": text})
    assert workbook.mentions["surface"].tolist()[:1] == ["Lindqvist"]
    assert "Will Lindqvist" not in set(workbook.actors["name"])


def test_a_title_opening_the_sentence_is_no_part_of_the_name(tmp_path):
    # the small model takes "Historian Karl Lundgren" for one name
    text = ("Export row.\n\nHistorian Karl Lundgren told Radio Norden that the ban would hold.\n\n"
            "\u201cThe buyers will wait,\u201d he said.")
    workbook = passages_workbook(tmp_path, {"opening_title": text})
    assert "Karl Lundgren" in set(workbook.actors["name"])
    assert workbook.quotes.loc[workbook.quotes["kind"] == "direct", "speaker"].tolist() == ["Karl Lundgren"]
