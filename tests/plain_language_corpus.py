"""A hand-written corpus for the plain-Dutch checker: sentences as the KCC writes them.

PLAIN: what a resident should get (B1). OFFICIALESE: the same kind of message in "ambtelijke
taal", each with the officialese words (as written) that the checker must find.
"""

PLAIN = [
    "Wij bellen u morgen terug.",
    "Uw paspoort ligt klaar.",
    "U kunt het ophalen bij de balie.",
    "Neem uw oude paspoort mee.",
    "Wij hebben uw vraag goed ontvangen.",
    "U krijgt binnen vijf dagen antwoord.",
    "Heeft u nog vragen? Bel ons dan.",
    "Ons nummer is 14 0345.",
    "Wij zijn open van negen tot vijf.",
    "De lamp bij de bushalte is kapot.",
    "Wij laten hem deze week maken.",
    "U hoeft niets te betalen.",
    "Stuur ons een foto van de brief.",
    "Wij kijken of u geld terug krijgt.",
    "Dat duurt ongeveer twee weken.",
    "U kunt ook langskomen.",
    "Maak dan eerst een afspraak.",
    "Dat kan op onze website.",
    "Wij sturen u een brief met het besluit.",
    "Bent u het er niet mee eens? Laat het ons weten.",
    "Dat moet binnen zes weken.",
    "Wij helpen u graag.",
    "De vuilnisbak is niet geleegd.",
    "Wij komen hem vrijdag legen.",
    "Uw klacht is bij ons bekend.",
    "Een collega neemt contact met u op.",
    "Zij belt u voor twaalf uur.",
    "Is de tijd niet goed? Zeg het ons.",
    "Wij maken dan een nieuwe afspraak.",
    "Dank u wel voor uw bericht.",
    "U hoort snel van ons.",
    "Wij hopen dat het zo goed is.",
    "Vul het formulier in en stuur het terug.",
    "Wat kunnen wij voor u doen?",
]

OFFICIALESE = [
    (
        "Indien u zich niet kunt verenigen met de onderhavige beschikking, bestaat de mogelijkheid "
        "om binnen zes weken na dagtekening een bezwaarschrift in te dienen.",
        ["Indien", "onderhavige", "beschikking", "bezwaarschrift"],
    ),
    (
        "Wij verzoeken u vriendelijk het bijgaande formulier volledig ingevuld te retourneren.",
        ["verzoeken", "bijgaande", "retourneren"],
    ),
    (
        "Derhalve zijn wij thans genoodzaakt uw aanvraag inzake de individuele inkomenstoeslag "
        "niet in behandeling te nemen.",
        ["Derhalve", "thans", "inzake"],
    ),
    (
        "In het kader van de uitvoering van de Wet maatschappelijke ondersteuning verstrekken wij "
        "u hierbij de gevraagde informatie.",
        ["In het kader van", "verstrekken"],
    ),
    (
        "Met betrekking tot uw verzoek om aanvullende informatie delen wij u mede dat de "
        "wettelijke behandeltermijn reeds is verstreken.",
        ["Met betrekking tot", "mede", "reeds"],
    ),
    (
        "Teneinde uw aanvraag te kunnen beoordelen, dient u aanvullende documentatie te "
        "overleggen.",
        ["Teneinde"],
    ),
    (
        "Alvorens wij overgaan tot uitbetaling, dienen wij de verstrekte gegevens te verifiëren.",
        ["Alvorens", "verstrekte", "verifiëren"],
    ),
    (
        "Gaarne ontvangen wij uiterlijk binnen veertien dagen uw schriftelijke zienswijze.",
        ["Gaarne", "zienswijze"],
    ),
    (
        "Ten aanzien van de door u verzochte informatie betreffende de kwijtscheldingsregeling "
        "kunnen wij u momenteel geen definitief uitsluitsel verschaffen.",
        ["Ten aanzien van", "betreffende", "momenteel"],
    ),
    (
        "Middels deze correspondentie informeren wij u omtrent de vigerende regelgeving.",
        ["Middels", "omtrent", "vigerende"],
    ),
    (
        "Voornoemde beschikking treedt onverwijld in werking na bekendmaking aan belanghebbende.",
        ["Voornoemde", "beschikking", "onverwijld"],
    ),
    (
        "Krachtens de bepalingen van de Algemene wet bestuursrecht bent u gerechtigd een "
        "gemotiveerd bezwaarschrift in te dienen bij het college.",
        ["Krachtens", "bezwaarschrift"],
    ),
    (
        "Uw aanvraag is naar aanleiding van uw correspondentie wederom in behandeling genomen.",
        ["naar aanleiding van", "wederom", "in behandeling genomen"],
    ),
    (
        "Ten behoeve van de afhandeling verzoeken wij u uw legitimatiebewijs te overleggen.",
        ["Ten behoeve van", "verzoeken"],
    ),
    (
        "Overeenkomstig de geldende verordening wordt de kwijtschelding uitsluitend verleend aan "
        "belanghebbenden.",
        ["Overeenkomstig", "uitsluitend"],
    ),
    (
        "Desalniettemin zijn wij voornemens uw verzoek nader te beoordelen.",
        ["Desalniettemin", "nader"],
    ),
    (
        "Ingevolge artikel vier van de verordening is het college bevoegd ambtshalve een besluit "
        "te nemen.",
        ["Ingevolge", "ambtshalve"],
    ),
    (
        "Wij zullen trachten de werkzaamheden conform de gemaakte afspraken te realiseren.",
        ["trachten", "conform"],
    ),
    (
        "Hetgeen u in uw correspondentie kenbaar heeft gemaakt, is door de behandelend ambtenaar "
        "zorgvuldig in overweging genomen.",
        ["Hetgeen", "in overweging genomen"],
    ),
    (
        "Betreffende uw melding delen wij u mede dat de werkzaamheden inmiddels zijn aangevangen.",
        ["Betreffende", "mede", "inmiddels", "aangevangen"],
    ),
    (
        "Wij verzoeken u om uw aanvraag, alsmede de benodigde bewijsstukken, per omgaande te "
        "retourneren.",
        ["verzoeken", "alsmede", "per omgaande", "retourneren"],
    ),
    (
        "Inzake de onderhavige kwestie verwijzen wij u naar de toepasselijke voorwaarden van de "
        "desbetreffende subsidieregeling.",
        ["Inzake", "onderhavige"],
    ),
    (
        "U wordt verzocht zich bij het afhalen van het document te legitimeren middels een geldig "
        "identiteitsbewijs of rijbewijs.",
        ["verzocht", "legitimeren", "middels"],
    ),
    (
        "Indien noodzakelijk zal de gemeente aanvullende informatie verkrijgen bij derden.",
        ["Indien", "noodzakelijk", "verkrijgen"],
    ),
    (
        "Sedert de inwerkingtreding van de verordening is de aanvraagprocedure gewijzigd.",
        ["Sedert"],
    ),
    (
        "Uw verzoek is ter attentie van de desbetreffende afdeling doorgeleid ter afhandeling.",
        ["ter attentie van", "doorgeleid"],
    ),
    (
        "Vooralsnog is het niet mogelijk uitvoering te geven aan uw verzoek ten gevolge van "
        "capaciteitsproblemen.",
        ["Vooralsnog", "ten gevolge van"],
    ),
    (
        "De gemeente zal zorgdragen voor een adequate en zorgvuldige afhandeling van de door u "
        "ingediende klacht.",
        ["zorgdragen voor", "adequate", "ingediende"],
    ),
    (
        "Wij hebben voorts geconstateerd dat de verstrekte gegevens onvolledig zijn.",
        ["voorts", "verstrekte"],
    ),
    (
        "Omtrent de hoogte van de tegemoetkoming wordt u na ommekomst van de beslistermijn "
        "geïnformeerd.",
        ["Omtrent", "na ommekomst van"],
    ),
    (
        "Behoudens onvoorziene omstandigheden wordt de voorziening per eerstvolgende maand "
        "geïmplementeerd.",
        ["Behoudens"],
    ),
    (
        "Zulks teneinde de continuïteit van de dienstverlening ten behoeve van belanghebbenden te "
        "waarborgen.",
        ["Zulks", "teneinde", "ten behoeve van"],
    ),
]
