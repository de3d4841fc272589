<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="nl">
<context>
    <name>AttemptDialog</name>
    <message>
        <source>Belpoging vastleggen</source>
        <translation>Log a call attempt</translation>
    </message>
    <message>
        <source>Opmerking bij de belpoging</source>
        <translation>Remark on the call attempt</translation>
    </message>
    <message>
        <source>Opmerking (mag leeg blijven)</source>
        <translation>Remark (may stay empty)</translation>
    </message>
    <message>
        <source>Vastleggen (Ctrl+Enter)</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>AuditTrailScreen</name>
    <message>
        <source>Inzagelogboek</source>
        <translation>Access log</translation>
    </message>
    <message>
        <source>Wie welk dossier van een inwoner opende, wanneer en vanuit welk scherm. Ook wie dit logboek bekeek of opsloeg staat erin. Niets in dit logboek kan worden gewijzigd.</source>
        <translation>Who opened which resident file, when and from which screen. Who viewed or saved this log is in it too. Nothing in this log can be changed.</translation>
    </message>
    <message>
        <source>Vernieuwen (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <source>Opslaan als CSV… (Ctrl+Shift+E)</source>
        <translation>Save as CSV… (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>Inzagelogboek opslaan</source>
        <translation>Save access log</translation>
    </message>
    <message>
        <source>Inzagelogboek opgeslagen: {path}</source>
        <translation>Access log saved: {path}</translation>
    </message>
    <message>
        <source>{count} regels (de nieuwste eerst)</source>
        <translation>{count} lines (newest first)</translation>
    </message>
    <message>
        <source>Het bestand {name} kon niet worden opgeslagen.</source>
        <translation>The file {name} could not be saved.</translation>
    </message>
</context>
<context>
    <name>AvailabilityCard</name>
    <message>
        <source>Bereikbaarheid</source>
        <translation>Availability</translation>
    </message>
    <message>
        <source>Bereikbaarheid onbekend</source>
        <translation>Availability unknown</translation>
    </message>
    <message>
        <source>Status: onbekend</source>
        <translation>Status: unknown</translation>
    </message>
    <message>
        <source>Afwezig tot en met {last}</source>
        <translation>Away up to and including {last}</translation>
    </message>
    <message>
        <source>Afwezig vanaf {first} tot en met {last}</source>
        <translation>Away from {first} up to and including {last}</translation>
    </message>
    <message>
        <source>Afwezigheidsbericht: {message}</source>
        <translation>Out-of-office message: {message}</translation>
    </message>
    <message>
        <source> (en nog {n})</source>
        <translation> (and {n} more)</translation>
    </message>
    <message>
        <source>Vrij in de agenda tot {deadline}: {slots}{more}</source>
        <translation>Free in the calendar until {deadline}: {slots}{more}</translation>
    </message>
    <message>
        <source>Geen vrije tijd in de agenda tot {deadline}.</source>
        <translation>No free time in the calendar until {deadline}.</translation>
    </message>
    <message>
        <source>Vervanger: {name}</source>
        <translation>Stand-in: {name}</translation>
    </message>
    <message>
        <source> tot {clock}</source>
        <translation> until {clock}</translation>
    </message>
    <message>
        <source>{desk}: nu open{until}.</source>
        <translation>{desk}: open now{until}.</translation>
    </message>
    <message>
        <source>{desk}: gesloten, weer open {moment}.</source>
        <translation>{desk}: closed, open again {moment}.</translation>
    </message>
    <message>
        <source>{desk}: gesloten.</source>
        <translation>{desk}: closed.</translation>
    </message>
    <message>
        <source>Uiterlijk terugbellen: {deadline}.</source>
        <translation>Call back by: {deadline}.</translation>
    </message>
    <message>
        <source>Druk op F4 om de notitie naar {name} te sturen.</source>
        <translation>Press F4 to send the note to {name}.</translation>
    </message>
    <message>
        <source>Bron: {source}</source>
        <translation>Source: {source}</translation>
    </message>
    <message>
        <source>, bijgewerkt om {clock}</source>
        <translation>, updated at {clock}</translation>
    </message>
</context>
<context>
    <name>CallPanel</name>
    <message>
        <source>Aan: {to}
Onderwerp: {subject}</source>
        <translation>To: {to}
Subject: {subject}</translation>
    </message>
</context>
<context>
    <name>CallbackNoteDialog</name>
    <message>
        <source>{length} van {limit} tekens</source>
        <translation>{length} of {limit} characters</translation>
    </message>
    <message>
        <source>• {name}: {summary} — bij {assignee}, uiterlijk {deadline}</source>
        <translation>• {name}: {summary} — with {assignee}, by {deadline}</translation>
    </message>
</context>
<context>
    <name>CallbackUi</name>
    <message>
        <source>Terugbel&amp;notitie maken</source>
        <translation>Callback &amp;note</translation>
    </message>
    <message>
        <source>Terugbelnotitie maken (Ctrl+T)</source>
        <translation>Make a callback note (Ctrl+T)</translation>
    </message>
</context>
<context>
    <name>CallbacksScreen</name>
    <message numerus="yes">
        <source>%n notitie|%n notities</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n poging|%n pogingen</source>
        <translation>
            <numerusform>%n attempt</numerusform>
            <numerusform>%n attempts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>Vraag afhandelen</source>
        <translation>Close question</translation>
    </message>
    <message>
        <source>Hoe is de vraag afgehandeld?</source>
        <translation>How was the question handled?</translation>
    </message>
    <message>
        <source>Toelichting (mag leeg blijven)</source>
        <translation>Explanation (may stay empty)</translation>
    </message>
    <message>
        <source>Toelichting</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>Afhandelen (Ctrl+Enter)</source>
        <translation>Close (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Annuleren (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>CloseNoteDialog</name>
    <message>
        <source>Terugbelnotitie afronden</source>
        <translation>Finish callback note</translation>
    </message>
    <message>
        <source>Wat is er met de inwoner afgesproken?</source>
        <translation>What was agreed with the resident?</translation>
    </message>
    <message>
        <source>Afronden (Ctrl+Enter)</source>
        <translation>Finish (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>ConversationPanel</name>
    <message>
        <source>Berichten</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Bijlagen</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>Bijlage opslaan…</source>
        <translation>Save attachment…</translation>
    </message>
    <message>
        <source>De console opent een bijlage nooit zelf. Sla hem op en open hem met een programma dat u vertrouwt.</source>
        <translation>The console never opens an attachment itself. Save it and open it with a program you trust.</translation>
    </message>
    <message>
        <source>Bericht schrijven…</source>
        <translation>Write message…</translation>
    </message>
    <message>
        <source>Berichten:</source>
        <translation>Messages:</translation>
    </message>
    <message>
        <source>Dit bericht is automatisch verstuurd (bijvoorbeeld een afwezigheidsbericht).</source>
        <translation>This message was sent automatically (for example an out-of-office reply).</translation>
    </message>
    <message>
        <source>Bijlage opslaan</source>
        <translation>Save attachment</translation>
    </message>
    <message>
        <source>Deze bijlage is niet in de console bewaard. Hij staat nog in de mailbox.</source>
        <translation>This attachment was not kept in the console. It is still in the mailbox.</translation>
    </message>
    <message>
        <source>De bijlage kon niet worden opgeslagen in {folder}. Kies een andere map.</source>
        <translation>The attachment could not be saved in {folder}. Choose another folder.</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>{title}: klik op een getal voor de vragen erachter</source>
        <translation>{title}: click a number for the questions behind it</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Kies een vraag in de lijst</source>
        <translation>Choose a question in the list</translation>
    </message>
    <message>
        <source>Kanaal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Inwoner</source>
        <translation>Resident</translation>
    </message>
    <message>
        <source>Telefoon / e-mail</source>
        <translation>Phone / e-mail</translation>
    </message>
    <message>
        <source>Binnengekomen</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Uiterlijk</source>
        <translation>Due by</translation>
    </message>
    <message>
        <source>Eigenaar</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Afdeling</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tijdlijn</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>Vraag:</source>
        <translation>Question:</translation>
    </message>
    <message>
        <source>Tijdlijn:</source>
        <translation>Timeline:</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Later (Esc)</source>
        <translation>Later (Esc)</translation>
    </message>
</context>
<context>
    <name>HourlyLoadChart</name>
    <message>
        <source>, drukste uur {hour}:00 ({received})</source>
        <translation>, busiest hour {hour}:00 ({received})</translation>
    </message>
</context>
<context>
    <name>InboxTableModel</name>
    <message>
        <source>Binnengekomen {received}; uiterlijk {deadline}</source>
        <translation>Received {received}; due by {deadline}</translation>
    </message>
    <message>
        <source>Onbekend</source>
        <translation>Unknown</translation>
    </message>
</context>
<context>
    <name>InboxTableView</name>
    <message>
        <source>Inbox</source>
        <translation>Inbox</translation>
    </message>
</context>
<context>
    <name>MailBodyView</name>
    <message>
        <source>Bericht</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Gemeente West Betuwe</source>
        <translation>Municipality of West Betuwe</translation>
    </message>
    <message>
        <source>Opslaan of afhandelen in een venster</source>
        <translation>Save or close in a dialog</translation>
    </message>
    <message>
        <source>Venster sluiten</source>
        <translation>Close dialog</translation>
    </message>
    <message>
        <source>Uitkomst kiezen bij afhandelen</source>
        <translation>Choose the outcome when closing</translation>
    </message>
    <message>
        <source>Zoek op onderwerp, vraag, naam, telefoon, e-mail of postcode (Ctrl+F)</source>
        <translation>Search subject, question, name, phone, e-mail or postcode (Ctrl+F)</translation>
    </message>
    <message>
        <source>Zoeken</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Alle kanalen</source>
        <translation>All channels</translation>
    </message>
    <message>
        <source>Kanaal (Ctrl+K)</source>
        <translation>Channel (Ctrl+K)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Afgehandeld</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Open of afgehandeld (Ctrl+H)</source>
        <translation>Open or closed (Ctrl+H)</translation>
    </message>
    <message>
        <source>Mijn vragen</source>
        <translation>My questions</translation>
    </message>
    <message>
        <source>Mijn afdeling</source>
        <translation>My department</translation>
    </message>
    <message>
        <source>Alles</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Toon alles</source>
        <translation>Show all</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>Inbox (Ctrl+I)</source>
        <translation>Inbox (Ctrl+I)</translation>
    </message>
    <message>
        <source>&amp;Inbox</source>
        <translation>&amp;Inbox</translation>
    </message>
    <message>
        <source>&amp;Oppakken</source>
        <translation>&amp;Take</translation>
    </message>
    <message>
        <source>&amp;Teruggeven aan afdeling</source>
        <translation>&amp;Hand back to department</translation>
    </message>
    <message>
        <source>&amp;Notitie toevoegen</source>
        <translation>Add &amp;note</translation>
    </message>
    <message>
        <source>&amp;Afhandelen</source>
        <translation>&amp;Close question</translation>
    </message>
    <message>
        <source>&amp;Vernieuwen</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Beeld</source>
        <translation>Vie&amp;w</translation>
    </message>
    <message>
        <source>&amp;Zoeken</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>&amp;Kanaal kiezen</source>
        <translation>Choose c&amp;hannel</translation>
    </message>
    <message>
        <source>Open of &amp;afgehandeld</source>
        <translation>Open or c&amp;losed</translation>
    </message>
    <message>
        <source>Naar de &amp;lijst</source>
        <translation>Go to the &amp;list</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Sneltoetsen</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Oppakken</source>
        <translation>Take</translation>
    </message>
    <message>
        <source>Teruggeven</source>
        <translation>Hand back</translation>
    </message>
    <message>
        <source>Notitie</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Afhandelen</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Hoog &amp;contrast</source>
        <translation>High &amp;contrast</translation>
    </message>
    <message>
        <source>{shown}{more} vragen in deze lijst</source>
        <translation>{shown}{more} questions in this list</translation>
    </message>
    <message>
        <source>Ingelogd als {name} — {desk}</source>
        <translation>Signed in as {name} — {desk}</translation>
    </message>
    <message>
        <source>U bent nu eigenaar van deze vraag.</source>
        <translation>You now own this question.</translation>
    </message>
    <message>
        <source>De vraag is teruggegeven aan de afdeling.</source>
        <translation>The question was handed back to the department.</translation>
    </message>
    <message>
        <source>Notitie opgeslagen.</source>
        <translation>Note saved.</translation>
    </message>
    <message>
        <source>De vraag is afgehandeld.</source>
        <translation>The question is closed.</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Notitie toevoegen</source>
        <translation>Add note</translation>
    </message>
    <message>
        <source>Wat is er besproken of afgesproken?</source>
        <translation>What was discussed or agreed?</translation>
    </message>
    <message>
        <source>Opslaan (Ctrl+Enter)</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Annuleren (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>{length} van {limit} tekens</source>
        <translation>{length} of {limit} characters</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <source>Doorzetten (Ctrl+Enter)</source>
        <translation>Pass on (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Kies wie terugbelt: een collega of een afdeling.</source>
        <translation>Choose who calls back: a colleague or a department.</translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <source>Bericht aan de inwoner</source>
        <translation>Message to the resident</translation>
    </message>
    <message>
        <source>Versturen</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Aan:</source>
        <translation>To:</translation>
    </message>
    <message>
        <source>Onderwerp:</source>
        <translation>Subject:</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Nederlands (Dutch)</source>
        <translation>Nederlands (Dutch)</translation>
    </message>
    <message>
        <source>English (Engels)</source>
        <translation>English (Engels)</translation>
    </message>
    <message>
        <source>Instellingen</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Taal van de schermen</source>
        <translation>Language of the screens</translation>
    </message>
    <message>
        <source>&amp;Taal van de schermen</source>
        <translation>&amp;Language of the screens</translation>
    </message>
    <message>
        <source>Een andere taal ziet u na een herstart van de console.</source>
        <translation>You will see another language after restarting the console.</translation>
    </message>
    <message>
        <source>Opslaan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Sluiten (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>&amp;Instellingen…</source>
        <translation>&amp;Settings…</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Sneltoetsen</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>In een venster:</source>
        <translation>In a dialog:</translation>
    </message>
    <message>
        <source>Sluiten (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
</context>
<context>
    <name>SpeechUi</name>
    <message>
        <source>&amp;Gesproken meldingen</source>
        <translation>&amp;Spoken alerts</translation>
    </message>
    <message>
        <source>Zeg hardop dat er iemand belt, dat er een chat wacht of dat een terugbelnotitie te laat is.</source>
        <translation>Say out loud that someone is calling, that a chat is waiting or that a callback note is overdue.</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <source>Het antwoord zoals het kwam</source>
        <translation>The answer as it came</translation>
    </message>
    <message>
        <source>{message} ({times}×, laatst {moment})</source>
        <translation>{message} ({times}×, last {moment})</translation>
    </message>
</context>
<context>
    <name>TargetPicker</name>
    <message>
        <source>Wie belt terug</source>
        <translation>Who calls back</translation>
    </message>
    <message>
        <source>Reden om af te wijken van het advies</source>
        <translation>Reason to depart from the advice</translation>
    </message>
    <message>
        <source>Niemand gevonden met deze naam. Typ een deel van een naam.</source>
        <translation>Nobody found with this name. Type part of a name.</translation>
    </message>
</context>
<context>
    <name>TextTools</name>
    <message>
        <source>Taalniveau: {level} (score {score}).</source>
        <translation>Language level: {level} (score {score}).</translation>
    </message>
    <message>
        <source>&apos;{word}&apos; is ambtelijk; schrijf liever: {alternative}.</source>
        <translation>&apos;{word}&apos; is officialese; better write: {alternative}.</translation>
    </message>
    <message>
        <source>Zinnen met meer dan 15 woorden: {count}.</source>
        <translation>Sentences with more than 15 words: {count}.</translation>
    </message>
    <message>
        <source>Lijdende vorm: zeg liever wie het doet.</source>
        <translation>Passive voice: better say who does it.</translation>
    </message>
    <message>
        <source>Lange woorden: kies een korter woord als dat kan.</source>
        <translation>Long words: choose a shorter word if you can.</translation>
    </message>
    <message>
        <source>makkelijk</source>
        <translation>easy</translation>
    </message>
    <message>
        <source>redelijk makkelijk (B1)</source>
        <translation>fairly easy (B1)</translation>
    </message>
    <message>
        <source>moeilijk</source>
        <translation>difficult</translation>
    </message>
    <message>
        <source>erg moeilijk</source>
        <translation>very difficult</translation>
    </message>
    <message>
        <source>Taaltip</source>
        <translation>Language tip</translation>
    </message>
    <message>
        <source>Lees voor</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <source>Voorlezen kan niet: er is geen spraakprogramma ingesteld.</source>
        <translation>Reading aloud is not possible: no speech program is set up.</translation>
    </message>
    <message>
        <source>Even geduld: de spraak wordt gecontroleerd.</source>
        <translation>One moment: the speech is being checked.</translation>
    </message>
    <message>
        <source>Lees de tekst voor ({key}); nog een keer drukken stopt.</source>
        <translation>Read the text aloud ({key}); press again to stop.</translation>
    </message>
    <message>
        <source>Stop voorlezen</source>
        <translation>Stop reading aloud</translation>
    </message>
    <message>
        <source>&apos;{word}&apos; is ambtelijke taal. Schrijf liever: {alternative}.</source>
        <translation>&apos;{word}&apos; is officialese. Better write: {alternative}.</translation>
    </message>
    <message>
        <source>Deze zin is lijdend (&apos;wordt … gedaan&apos;). Zeg liever wie het doet: &apos;Wij sturen u …&apos; in plaats van &apos;U wordt … gestuurd&apos;.</source>
        <translation>This sentence is passive (&apos;is … done&apos;). Better say who does it: &apos;We will send you …&apos; instead of &apos;You will be sent …&apos;.</translation>
    </message>
    <message>
        <source>Deze zin heeft {count} woorden. Maak er twee zinnen van (hoogstens {maximum} woorden per zin).</source>
        <translation>This sentence has {count} words. Make it two sentences (at most {maximum} words per sentence).</translation>
    </message>
    <message>
        <source>&apos;{word}&apos; is een lang woord. Kan het korter of in twee woorden?</source>
        <translation>&apos;{word}&apos; is a long word. Can it be shorter or in two words?</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Bereikt</source>
        <translation>Reached</translation>
    </message>
    <message>
        <source>Bereikt: {remark}</source>
        <translation>Reached: {remark}</translation>
    </message>
    <message>
        <source>Niet bereikt</source>
        <translation>Not reached</translation>
    </message>
    <message>
        <source>Niet bereikt: {remark}</source>
        <translation>Not reached: {remark}</translation>
    </message>
    <message>
        <source>Voicemail ingesproken</source>
        <translation>Left a voicemail</translation>
    </message>
    <message>
        <source>Voicemail ingesproken: {remark}</source>
        <translation>Left a voicemail: {remark}</translation>
    </message>
    <message>
        <source>Verkeerd nummer</source>
        <translation>Wrong number</translation>
    </message>
    <message>
        <source>Verkeerd nummer: {remark}</source>
        <translation>Wrong number: {remark}</translation>
    </message>
    <message>
        <source>Beantwoord</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>Beantwoord: {note}</source>
        <translation>Answered: {note}</translation>
    </message>
    <message>
        <source>Terugbelnotitie gemaakt</source>
        <translation>Callback note made</translation>
    </message>
    <message>
        <source>Terugbelnotitie gemaakt: {note}</source>
        <translation>Callback note made: {note}</translation>
    </message>
    <message>
        <source>Doorverbonden</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <source>Doorverbonden: {note}</source>
        <translation>Transferred: {note}</translation>
    </message>
    <message>
        <source>Doorverwezen naar partner</source>
        <translation>Referred to partner</translation>
    </message>
    <message>
        <source>Doorverwezen naar partner: {note}</source>
        <translation>Referred to partner: {note}</translation>
    </message>
    <message>
        <source>Geen antwoord nodig</source>
        <translation>No answer needed</translation>
    </message>
    <message>
        <source>Geen antwoord nodig: {note}</source>
        <translation>No answer needed: {note}</translation>
    </message>
    <message>
        <source>Doorverbonden naar {target}.
{summary}</source>
        <translation>Transferred to {target}.
{summary}</translation>
    </message>
    <message>
        <source>Advies: {advice}</source>
        <translation>Advice: {advice}</translation>
    </message>
    <message>
        <source>Afgeweken van het advies: {reason}</source>
        <translation>Departed from the advice: {reason}</translation>
    </message>
    <message>
        <source>Terugbelnotitie gemaakt voor {target}.</source>
        <translation>Callback note made for {target}.</translation>
    </message>
    <message>
        <source>Doorgezet naar {target}.</source>
        <translation>Passed on to {target}.</translation>
    </message>
    <message>
        <source>Doorgezet naar {target}. Afgeweken van het advies: {reason}</source>
        <translation>Passed on to {target}. Departed from the advice: {reason}</translation>
    </message>
    <message>
        <source>Te laat: door de maker doorgezet naar {desk}.</source>
        <translation>Overdue: passed on to {desk} by the maker.</translation>
    </message>
    <message>
        <source>Te laat: de maker belt de inwoner zelf terug.</source>
        <translation>Overdue: the maker calls the resident back personally.</translation>
    </message>
    <message>
        <source>Te laat: de maker heeft nagevraagd hoe het staat.</source>
        <translation>Overdue: the maker checked how things stand.</translation>
    </message>
    <message>
        <source>Automatische ontvangstbevestiging verstuurd (e-mail): {subject}</source>
        <translation>Automatic acknowledgement sent (e-mail): {subject}</translation>
    </message>
    <message>
        <source>Automatische ontvangstbevestiging verstuurd (chat): {subject}</source>
        <translation>Automatic acknowledgement sent (chat): {subject}</translation>
    </message>
    <message>
        <source>Automatische ontvangstbevestiging verstuurd (bericht): {subject}</source>
        <translation>Automatic acknowledgement sent (message): {subject}</translation>
    </message>
    <message>
        <source>Ontvangstbevestiging met naam verstuurd (e-mail): {subject}</source>
        <translation>Acknowledgement with name sent (e-mail): {subject}</translation>
    </message>
    <message>
        <source>Ontvangstbevestiging met naam verstuurd (chat): {subject}</source>
        <translation>Acknowledgement with name sent (chat): {subject}</translation>
    </message>
    <message>
        <source>Ontvangstbevestiging met naam verstuurd (bericht): {subject}</source>
        <translation>Acknowledgement with name sent (message): {subject}</translation>
    </message>
    <message>
        <source>Antwoord verstuurd (e-mail): {subject}</source>
        <translation>Answer sent (e-mail): {subject}</translation>
    </message>
    <message>
        <source>Antwoord verstuurd (chat): {subject}</source>
        <translation>Answer sent (chat): {subject}</translation>
    </message>
    <message>
        <source>Antwoord verstuurd (bericht): {subject}</source>
        <translation>Answer sent (message): {subject}</translation>
    </message>
    <message>
        <source>Bericht dat het langer duurt verstuurd (e-mail): {subject}</source>
        <translation>Message that it takes longer sent (e-mail): {subject}</translation>
    </message>
    <message>
        <source>Bericht dat het langer duurt verstuurd (chat): {subject}</source>
        <translation>Message that it takes longer sent (chat): {subject}</translation>
    </message>
    <message>
        <source>Bericht dat het langer duurt verstuurd (bericht): {subject}</source>
        <translation>Message that it takes longer sent (message): {subject}</translation>
    </message>
    <message>
        <source>Nieuw bericht in dit gesprek: {subject}</source>
        <translation>New message in this conversation: {subject}</translation>
    </message>
    <message>
        <source>Afgehandeld door {actor} op een andere werkplek</source>
        <translation>Closed by {actor} at another workstation</translation>
    </message>
    <message>
        <source>Afgehandeld door {actor} op een andere werkplek: {note}</source>
        <translation>Closed by {actor} at another workstation: {note}</translation>
    </message>
    <message>
        <source>Gewijzigd op een andere werkplek</source>
        <translation>Changed at another workstation</translation>
    </message>
    <message>
        <source>Ontvangen uit het klantcontactsysteem (gemaakt door {maker})</source>
        <translation>Received from the customer contact system (made by {maker})</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Opgeslagen: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>Inbox, details</source>
        <translation>Inbox, details</translation>
    </message>
    <message>
        <source>Terugbelnotities</source>
        <translation>Callback notes</translation>
    </message>
    <message>
        <source>Terugbelnotitie maken</source>
        <translation>Make a callback note</translation>
    </message>
    <message>
        <source>Inzagelogboek</source>
        <translation>Access log</translation>
    </message>
    <message>
        <source>Bewaartermijn (automatisch)</source>
        <translation>Retention period (automatic)</translation>
    </message>
    <message>
        <source>geopend</source>
        <translation>opened</translation>
    </message>
    <message>
        <source>inzagelogboek bekeken</source>
        <translation>access log viewed</translation>
    </message>
    <message>
        <source>inzagelogboek opgeslagen</source>
        <translation>access log saved</translation>
    </message>
    <message>
        <source>gegevens verwijderd</source>
        <translation>data deleted</translation>
    </message>
    <message>
        <source>Moment</source>
        <translation>Moment</translation>
    </message>
    <message>
        <source>Medewerker</source>
        <translation>Employee</translation>
    </message>
    <message>
        <source>Handeling</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Scherm</source>
        <translation>Screen</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Inwoner</source>
        <translation>Resident</translation>
    </message>
    <message>
        <source>Toelichting</source>
        <translation>Explanation</translation>
    </message>
</context>
<context>
    <name>availability</name>
    <message>
        <source>beschikbaar</source>
        <translation>available</translation>
    </message>
    <message>
        <source>bezet</source>
        <translation>busy</translation>
    </message>
    <message>
        <source>in gesprek</source>
        <translation>in a call</translation>
    </message>
    <message>
        <source>in overleg</source>
        <translation>in a meeting</translation>
    </message>
    <message>
        <source>afwezig</source>
        <translation>away</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>onbekend</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>vandaag</source>
        <translation>today</translation>
    </message>
    <message>
        <source>morgen</source>
        <translation>tomorrow</translation>
    </message>
    <message>
        <source>op {date}</source>
        <translation>on {date}</translation>
    </message>
    <message>
        <source>vandaag nog</source>
        <translation>today</translation>
    </message>
    <message>
        <source>vandaag vanaf {clock}</source>
        <translation>today from {clock}</translation>
    </message>
    <message>
        <source>{day} vanaf {clock}</source>
        <translation>{day} from {clock}</translation>
    </message>
    <message>
        <source>{desk} is nu open en belt terug.</source>
        <translation>{desk} is open now and will call back.</translation>
    </message>
    <message>
        <source>{desk} belt terug {day} vanaf {clock}.</source>
        <translation>{desk} will call back {day} from {clock}.</translation>
    </message>
    <message>
        <source>{desk} belt terug zodra de afdeling open is.</source>
        <translation>{desk} will call back as soon as the department is open.</translation>
    </message>
    <message>
        <source>Van {name} is niet bekend of die er nu is; volgens de agenda kan {name} {when} terugbellen.</source>
        <translation>It is not known whether {name} is in now; according to the calendar {name} can call back {when}.</translation>
    </message>
    <message>
        <source>{name} is afwezig vanaf {date}, maar kan {when} terugbellen.</source>
        <translation>{name} is away from {date}, but can call back {when}.</translation>
    </message>
    <message>
        <source>{name} is beschikbaar en kan vandaag nog terugbellen.</source>
        <translation>{name} is available and can call back today.</translation>
    </message>
    <message>
        <source>{name} is nu {presence}, maar kan {when} terugbellen.</source>
        <translation>{name} is {presence} now, but can call back {when}.</translation>
    </message>
    <message>
        <source>{name} is afwezig tot en met {last}.</source>
        <translation>{name} is away up to and including {last}.</translation>
    </message>
    <message>
        <source>{name} is afwezig van {start} tot en met {last}.</source>
        <translation>{name} is away from {start} up to and including {last}.</translation>
    </message>
    <message>
        <source>{name} heeft tot de uiterste terugbeltijd geen tijd vrij in de agenda.</source>
        <translation>{name} has no free time in the calendar before the callback deadline.</translation>
    </message>
    <message>
        <source>{why} Vervanger {replacement} kan {when} terugbellen.</source>
        <translation>{why} Stand-in {replacement} can call back {when}.</translation>
    </message>
    <message>
        <source>{why} Vervanger {replacement} kan ook niet op tijd terugbellen.</source>
        <translation>{why} Stand-in {replacement} cannot call back in time either.</translation>
    </message>
    <message>
        <source>{why} Er is geen vervanger genoemd.</source>
        <translation>{why} No stand-in is named.</translation>
    </message>
    <message>
        <source>{why} Stuur de notitie naar {desk}.</source>
        <translation>{why} Send the note to {desk}.</translation>
    </message>
</context>
<context>
    <name>calendar</name>
    <message>
        <source>maandag</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>dinsdag</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>woensdag</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>donderdag</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>vrijdag</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>zaterdag</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>zondag</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>januari</source>
        <translation>January</translation>
    </message>
    <message>
        <source>februari</source>
        <translation>February</translation>
    </message>
    <message>
        <source>maart</source>
        <translation>March</translation>
    </message>
    <message>
        <source>april</source>
        <translation>April</translation>
    </message>
    <message>
        <source>mei</source>
        <translation>May</translation>
    </message>
    <message>
        <source>juni</source>
        <translation>June</translation>
    </message>
    <message>
        <source>juli</source>
        <translation>July</translation>
    </message>
    <message>
        <source>augustus</source>
        <translation>August</translation>
    </message>
    <message>
        <source>september</source>
        <translation>September</translation>
    </message>
    <message>
        <source>oktober</source>
        <translation>October</translation>
    </message>
    <message>
        <source>november</source>
        <translation>November</translation>
    </message>
    <message>
        <source>december</source>
        <translation>December</translation>
    </message>
    <message>
        <source>{day} {month}</source>
        <translation>{day} {month}</translation>
    </message>
    <message>
        <source>{weekday} {day} {month}</source>
        <translation>{weekday} {day} {month}</translation>
    </message>
    <message>
        <source>vandaag om {clock}</source>
        <translation>today at {clock}</translation>
    </message>
    <message>
        <source>morgen om {clock}</source>
        <translation>tomorrow at {clock}</translation>
    </message>
    <message>
        <source>{date} om {clock}</source>
        <translation>{date} at {clock}</translation>
    </message>
</context>
<context>
    <name>call_panel</name>
    <message>
        <source>Opnemen</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Wacht</source>
        <translation>Hold</translation>
    </message>
    <message>
        <source>Ophangen</source>
        <translation>Hang up</translation>
    </message>
    <message>
        <source>Doorverbinden…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <source>Overleggen</source>
        <translation>Consult</translation>
    </message>
    <message>
        <source>Voltooien</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Notitie/mail</source>
        <translation>Note/mail</translation>
    </message>
</context>
<context>
    <name>call_texts</name>
    <message>
        <source>Telefoon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Tele&amp;foon</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>Geen gesprek</source>
        <translation>No call</translation>
    </message>
    <message>
        <source>De telefoon gaat over</source>
        <translation>The phone is ringing</translation>
    </message>
    <message>
        <source>In gesprek</source>
        <translation>In a call</translation>
    </message>
    <message>
        <source>Inwoner in de wacht</source>
        <translation>Resident on hold</translation>
    </message>
    <message>
        <source>Overleg — inwoner in de wacht</source>
        <translation>Consulting — resident on hold</translation>
    </message>
    <message>
        <source>Gesprek afgelopen — rond af</source>
        <translation>Call ended — wrap up</translation>
    </message>
    <message>
        <source>Klaar om te overleggen</source>
        <translation>Ready to consult</translation>
    </message>
    <message>
        <source>U overlegt nu</source>
        <translation>You are consulting now</translation>
    </message>
    <message>
        <source>Doorverbonden</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <source>Terug bij de inwoner</source>
        <translation>Back with the resident</translation>
    </message>
    <message>
        <source>De inwoner heeft opgehangen</source>
        <translation>The resident hung up</translation>
    </message>
    <message>
        <source>Terugbelnotitie of doorverwijzing gemaakt</source>
        <translation>Callback note or referral made</translation>
    </message>
    <message>
        <source>Afdeling</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Collega</source>
        <translation>Colleague</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Op&amp;nemen</source>
        <translation>&amp;Answer</translation>
    </message>
    <message>
        <source>In de &amp;wacht / hervatten</source>
        <translation>&amp;Hold / resume</translation>
    </message>
    <message>
        <source>O&amp;phangen</source>
        <translation>Hang &amp;up</translation>
    </message>
    <message>
        <source>&amp;Doorverbinden: wie kan helpen?</source>
        <translation>&amp;Transfer: who can help?</translation>
    </message>
    <message>
        <source>Over&amp;leggen (inwoner in de wacht)</source>
        <translation>&amp;Consult (resident on hold)</translation>
    </message>
    <message>
        <source>Door&amp;verbinden voltooien</source>
        <translation>Complete trans&amp;fer</translation>
    </message>
    <message>
        <source>Overleg &amp;annuleren, terug naar inwoner</source>
        <translation>Cancel consult, &amp;back to resident</translation>
    </message>
    <message>
        <source>Gesprek af&amp;ronden</source>
        <translation>&amp;Wrap up call</translation>
    </message>
    <message>
        <source>Naar de gespreks&amp;notities</source>
        <translation>Go to the call &amp;notes</translation>
    </message>
    <message>
        <source>Telefoonpaneel tonen of verbergen</source>
        <translation>Show or hide the phone panel</translation>
    </message>
    <message>
        <source>&amp;Terugbelnotitie of doorverwijzing maken</source>
        <translation>Callback note or referral &amp;mail</translation>
    </message>
    <message>
        <source>De telefoon gaat over: {who} — opnemen met F9</source>
        <translation>The phone is ringing: {who} — answer with F9</translation>
    </message>
    <message>
        <source>Inkomend gesprek</source>
        <translation>Incoming call</translation>
    </message>
    <message>
        <source>onbekend nummer</source>
        <translation>unknown number</translation>
    </message>
    <message>
        <source>Onbekend nummer: vraag naam en adres.</source>
        <translation>Unknown number: ask for name and address.</translation>
    </message>
    <message>
        <source>{count} inwoners hebben dit nummer: vraag wie er belt.</source>
        <translation>{count} residents have this number: ask who is calling.</translation>
    </message>
    <message>
        <source>Geen eerdere contacten.</source>
        <translation>No earlier contacts.</translation>
    </message>
    <message>
        <source>Geen open terugbelnotities.</source>
        <translation>No open callback notes.</translation>
    </message>
    <message>
        <source>Eerdere contacten</source>
        <translation>Earlier contacts</translation>
    </message>
    <message>
        <source>Open terugbelnotities</source>
        <translation>Open callback notes</translation>
    </message>
    <message>
        <source>Notities tijdens het gesprek (blijven bewaard)</source>
        <translation>Notes during the call (kept)</translation>
    </message>
    <message>
        <source>Typ hier wat de inwoner vraagt en wat u al heeft geprobeerd.</source>
        <translation>Type here what the resident asks and what you have already tried.</translation>
    </message>
    <message>
        <source>Samenvatting voor de collega</source>
        <translation>Summary for the colleague</translation>
    </message>
    <message>
        <source>Afronden</source>
        <translation>Wrap up</translation>
    </message>
    <message>
        <source>Uitkomst</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Tevredenheid (1–10, mag leeg)</source>
        <translation>Satisfaction (1–10, may stay empty)</translation>
    </message>
    <message>
        <source>geen cijfer</source>
        <translation>no score</translation>
    </message>
    <message>
        <source>Afronden (Alt+R)</source>
        <translation>Wrap up (Alt+R)</translation>
    </message>
    <message>
        <source>Doorverwijzing per e-mail (nog niet verstuurd: versturen kan de console nog niet; kopieer de tekst naar uw mailprogramma)</source>
        <translation>Referral by e-mail (not sent yet: the console cannot send it yet; copy the text to your mail program)</translation>
    </message>
    <message>
        <source>Doorverwijzing per e-mail</source>
        <translation>Referral by e-mail</translation>
    </message>
    <message>
        <source>Doorverbinden — wie kan helpen?</source>
        <translation>Transfer — who can help?</translation>
    </message>
    <message>
        <source>Zoek op onderwerp of naam, bijvoorbeeld paspoort, bijstand of afval</source>
        <translation>Search by subject or name, for example passport, benefits or waste</translation>
    </message>
    <message>
        <source>Zoek een afdeling, collega of partner</source>
        <translation>Search a department, colleague or partner</translation>
    </message>
    <message>
        <source>Wie kan helpen</source>
        <translation>Who can help</translation>
    </message>
    <message>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Soort</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Past bij</source>
        <translation>Matches</translation>
    </message>
    <message>
        <source>Nu</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Gesloten — open {when}</source>
        <translation>Closed — open {when}</translation>
    </message>
    <message>
        <source>Gesloten</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Wie belt er?</source>
        <translation>Who is calling?</translation>
    </message>
    <message>
        <source>Waar gaat de vraag over?</source>
        <translation>What is the question about?</translation>
    </message>
    <message>
        <source>Wat is al geprobeerd?</source>
        <translation>What has been tried already?</translation>
    </message>
    <message>
        <source>Beste terugbelnummer</source>
        <translation>Best number to call back</translation>
    </message>
    <message>
        <source>Overleggen (Alt+C)</source>
        <translation>Consult (Alt+C)</translation>
    </message>
    <message>
        <source>Terugbelnotitie maken</source>
        <translation>Make a callback note</translation>
    </message>
    <message>
        <source>Doorverwijzing per e-mail maken</source>
        <translation>Make a referral by e-mail</translation>
    </message>
    <message>
        <source>Kies eerst een afdeling, collega of partner in de lijst.</source>
        <translation>First choose a department, colleague or partner in the list.</translation>
    </message>
    <message>
        <source>Terugbelnotitie gemaakt voor {target}: {subject}</source>
        <translation>Callback note made for {target}: {subject}</translation>
    </message>
    <message>
        <source>De doorverwijzing aan {target} staat klaar in het telefoonpaneel. Kopieer en verstuur hem.</source>
        <translation>The referral to {target} is ready in the phone panel. Copy it and send it.</translation>
    </message>
    <message>
        <source>Gesprek afgerond en opgeslagen.</source>
        <translation>Call wrapped up and saved.</translation>
    </message>
</context>
<context>
    <name>callback_texts</name>
    <message>
        <source>Terugbelnotitie maken</source>
        <translation>Make a callback note</translation>
    </message>
    <message>
        <source>Terugbelnotitie doorzetten</source>
        <translation>Pass on callback note</translation>
    </message>
    <message>
        <source>Terugbelnotities</source>
        <translation>Callback notes</translation>
    </message>
    <message>
        <source>&amp;Naam inwoner</source>
        <translation>&amp;Name of resident</translation>
    </message>
    <message>
        <source>T&amp;elefoon</source>
        <translation>P&amp;hone</translation>
    </message>
    <message>
        <source>Tweede n&amp;ummer</source>
        <translation>Second n&amp;umber</translation>
    </message>
    <message>
        <source>E-&amp;mail</source>
        <translation>E-&amp;mail</translation>
    </message>
    <message>
        <source>Vraag in het &amp;kort</source>
        <translation>Question in &amp;short</translation>
    </message>
    <message>
        <source>Beste tij&amp;d om te bellen</source>
        <translation>Best tim&amp;e to call</translation>
    </message>
    <message>
        <source>Wie &amp;belt terug?</source>
        <translation>Who calls &amp;back?</translation>
    </message>
    <message>
        <source>Reden om af te &amp;wijken</source>
        <translation>Reason to &amp;depart</translation>
    </message>
    <message>
        <source>06 12345678 of 0345 123456</source>
        <translation>06 12345678 or 0345 123456</translation>
    </message>
    <message>
        <source>Typ een naam of afdeling en kies met Enter</source>
        <translation>Type a name or department and choose with Enter</translation>
    </message>
    <message>
        <source>Alleen nodig als u het advies niet volgt</source>
        <translation>Only needed if you do not follow the advice</translation>
    </message>
    <message>
        <source>bijvoorbeeld: na 14:00, of morgenochtend</source>
        <translation>for example: after 14:00, or tomorrow morning</translation>
    </message>
    <message>
        <source>Opslaan (Ctrl+Enter)</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Sluiten (Esc) — concept blijft bewaard</source>
        <translation>Close (Esc) — draft is kept</translation>
    </message>
    <message>
        <source>Advies overnemen (F4)</source>
        <translation>Take advice (F4)</translation>
    </message>
    <message>
        <source>De agenda wordt bekeken…</source>
        <translation>Checking the calendar…</translation>
    </message>
    <message>
        <source>Kies wie terugbelt. Dan ziet u hier of die collega op tijd kan terugbellen.</source>
        <translation>Choose who calls back. Then you see here whether that colleague can call back in time.</translation>
    </message>
    <message>
        <source>Uw eerdere concept is teruggezet.</source>
        <translation>Your earlier draft was restored.</translation>
    </message>
    <message>
        <source>U volgt het advies niet. Schrijf bij &apos;Reden om af te wijken&apos; waarom.</source>
        <translation>You are not following the advice. Write why under &apos;Reason to depart&apos;.</translation>
    </message>
    <message>
        <source>Let op: er is al een open terugbelnotitie voor deze inwoner of dit nummer. Druk nog eens op Ctrl+Enter om toch een nieuwe op te slaan.</source>
        <translation>Note: there is already an open callback note for this resident or this number. Press Ctrl+Enter again to save a new one anyway.</translation>
    </message>
    <message>
        <source>De terugbelnotitie is opgeslagen voor {name}.</source>
        <translation>The callback note was saved for {name}.</translation>
    </message>
    <message>
        <source>Kan op tijd terugbellen</source>
        <translation>Can call back in time</translation>
    </message>
    <message>
        <source>Advies: stuur naar de vervanger</source>
        <translation>Advice: send to the stand-in</translation>
    </message>
    <message>
        <source>Advies: stuur naar de afdeling</source>
        <translation>Advice: send to the department</translation>
    </message>
    <message>
        <source>Uiterlijk</source>
        <translation>Due by</translation>
    </message>
    <message>
        <source>Inwoner</source>
        <translation>Resident</translation>
    </message>
    <message>
        <source>Telefoon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Vraag</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Terugbeller</source>
        <translation>Calls back</translation>
    </message>
    <message>
        <source>Pogingen</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Teruggebeld</source>
        <translation>Called back</translation>
    </message>
    <message>
        <source>Te laat</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>&amp;Mijn terugbelnotities</source>
        <translation>&amp;My callback notes</translation>
    </message>
    <message>
        <source>Mijn af&amp;deling</source>
        <translation>My &amp;department</translation>
    </message>
    <message>
        <source>Door mij &amp;gemaakt</source>
        <translation>Made by &amp;me</translation>
    </message>
    <message>
        <source>Bereikt</source>
        <translation>Reached</translation>
    </message>
    <message>
        <source>Niet bereikt</source>
        <translation>Not reached</translation>
    </message>
    <message>
        <source>Voicemail ingesproken</source>
        <translation>Left a voicemail</translation>
    </message>
    <message>
        <source>Verkeerd nummer</source>
        <translation>Wrong number</translation>
    </message>
    <message>
        <source>Nummer kopiëren (Ctrl+Shift+C)</source>
        <translation>Copy number (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Poging vastleggen (Ctrl+P)</source>
        <translation>Log attempt (Ctrl+P)</translation>
    </message>
    <message>
        <source>Doorzetten (Ctrl+R)</source>
        <translation>Pass on (Ctrl+R)</translation>
    </message>
    <message>
        <source>Afronden (Ctrl+E)</source>
        <translation>Finish (Ctrl+E)</translation>
    </message>
    <message>
        <source>Het nummer {number} staat klaar om te plakken (bellen kan nog niet vanuit de console).</source>
        <translation>The number {number} is ready to paste (the console cannot call yet).</translation>
    </message>
    <message>
        <source>Poging vastgelegd. De notitie blijft open ({count}).</source>
        <translation>Attempt logged. The note stays open ({count}).</translation>
    </message>
    <message>
        <source>De terugbelnotitie is afgerond.</source>
        <translation>The callback note is finished.</translation>
    </message>
    <message>
        <source>De terugbelnotitie is doorgezet naar {name}.</source>
        <translation>The callback note was passed on to {name}.</translation>
    </message>
    <message>
        <source>Kies eerst een terugbelnotitie in de lijst.</source>
        <translation>First choose a callback note in the list.</translation>
    </message>
    <message>
        <source>Warme overdracht</source>
        <translation>Warm handover</translation>
    </message>
    <message>
        <source>De uiterste terugbeltijd ({deadline}) is voorbij en de notitie staat nog open bij {owner}.</source>
        <translation>The latest callback time ({deadline}) has passed and the note is still open with {owner}.</translation>
    </message>
    <message>
        <source>&amp;1  Doorzetten naar de afdeling</source>
        <translation>&amp;1  Pass on to the department</translation>
    </message>
    <message>
        <source>&amp;2  Ik bel de inwoner zelf</source>
        <translation>&amp;2  I will call the resident myself</translation>
    </message>
    <message>
        <source>&amp;3  Ik heb nagevraagd, het is geregeld</source>
        <translation>&amp;3  I checked, it has been taken care of</translation>
    </message>
    <message>
        <source>De notitie is doorgezet naar de afdeling.</source>
        <translation>The note was passed on to the department.</translation>
    </message>
    <message>
        <source>U bent nu eigenaar van de notitie. Bel de inwoner zelf terug.</source>
        <translation>You now own the note. Call the resident back yourself.</translation>
    </message>
    <message>
        <source>Vastgelegd dat u het hebt nagevraagd.</source>
        <translation>Recorded that you checked.</translation>
    </message>
    <message>
        <source>terugbelnotitie gemaakt</source>
        <translation>callback note made</translation>
    </message>
    <message>
        <source>opgepakt</source>
        <translation>taken</translation>
    </message>
    <message>
        <source>teruggegeven aan de afdeling</source>
        <translation>handed back to the department</translation>
    </message>
    <message>
        <source>afgerond</source>
        <translation>finished</translation>
    </message>
    <message>
        <source>doorgezet</source>
        <translation>passed on</translation>
    </message>
    <message>
        <source>Gegevens van de gekozen terugbelnotitie</source>
        <translation>Details of the chosen callback note</translation>
    </message>
    <message>
        <source>Status: {presence}</source>
        <translation>Status: {presence}</translation>
    </message>
    <message>
        <source>Terugbelnotitie: advies overnemen</source>
        <translation>Callback note: take advice</translation>
    </message>
    <message>
        <source>Terugbelnotitie opslaan</source>
        <translation>Save callback note</translation>
    </message>
</context>
<context>
    <name>conversation</name>
    <message>
        <source>wacht op de mailserver</source>
        <translation>waiting for the mail server</translation>
    </message>
    <message>
        <source>verstuurd</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>niet verstuurd</source>
        <translation>not sent</translation>
    </message>
    <message>
        <source>Ontvangstbevestiging met uw naam</source>
        <translation>Acknowledgement with your name</translation>
    </message>
    <message>
        <source>Antwoord</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Het duurt langer (afspraak is afspraak)</source>
        <translation>It takes longer (a promise is a promise)</translation>
    </message>
    <message>
        <source>onbekende afzender</source>
        <translation>unknown sender</translation>
    </message>
    <message>
        <source>{moment} — van {sender}</source>
        <translation>{moment} — from {sender}</translation>
    </message>
    <message>
        <source>{moment} — aan {recipient} ({state})</source>
        <translation>{moment} — to {recipient} ({state})</translation>
    </message>
</context>
<context>
    <name>dashboard_texts</name>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Stand van {time}</source>
        <translation>As of {time}</translation>
    </message>
    <message>
        <source>Normen over:</source>
        <translation>Norms over:</translation>
    </message>
    <message>
        <source>Vandaag</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Laatste 7 dagen</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Laatste 30 dagen</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Cijfers opslaan (CSV)</source>
        <translation>Save figures (CSV)</translation>
    </message>
    <message>
        <source>Dashboard opslaan (PNG)</source>
        <translation>Save dashboard (PNG)</translation>
    </message>
    <message>
        <source>Cijfers opslaan als CSV</source>
        <translation>Save figures as CSV</translation>
    </message>
    <message>
        <source>Dashboard opslaan als afbeelding</source>
        <translation>Save dashboard as image</translation>
    </message>
    <message>
        <source>Opgeslagen: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>Opslaan is niet gelukt. Kies een andere map en probeer het opnieuw.</source>
        <translation>Saving failed. Choose another folder and try again.</translation>
    </message>
    <message>
        <source>Nu</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>Afspraken over de gekozen periode</source>
        <translation>Agreements over the chosen period</translation>
    </message>
    <message>
        <source>✓ Op schema</source>
        <translation>✓ On schedule</translation>
    </message>
    <message>
        <source>! Dreigt te laat</source>
        <translation>! At risk of being late</translation>
    </message>
    <message>
        <source>✗ Niet gehaald</source>
        <translation>✗ Not met</translation>
    </message>
    <message>
        <source>✓ Doel gehaald</source>
        <translation>✓ Target met</translation>
    </message>
    <message>
        <source>! Net onder doel</source>
        <translation>! Just below target</translation>
    </message>
    <message>
        <source>✗ Onder doel</source>
        <translation>✗ Below target</translation>
    </message>
    <message>
        <source>Nog geen cijfers</source>
        <translation>No figures yet</translation>
    </message>
    <message>
        <source>✓ Niemand 2× doorverbonden</source>
        <translation>✓ Nobody transferred twice</translation>
    </message>
    <message>
        <source>! Inwoners 2× of vaker doorverbonden</source>
        <translation>! Residents transferred 2× or more</translation>
    </message>
    <message>
        <source>Wachtend nu</source>
        <translation>Waiting now</translation>
    </message>
    <message>
        <source>nog door niemand opgepakt</source>
        <translation>not taken by anyone yet</translation>
    </message>
    <message>
        <source>Langst wachtend</source>
        <translation>Longest waiting</translation>
    </message>
    <message>
        <source>Afgehandeld vandaag</source>
        <translation>Closed today</translation>
    </message>
    <message>
        <source>Gem. doorlooptijd</source>
        <translation>Avg. handling time</translation>
    </message>
    <message>
        <source>van binnenkomst tot afgehandeld, vandaag</source>
        <translation>from arrival to closed, today</translation>
    </message>
    <message>
        <source>Terugbellen vandaag</source>
        <translation>Call back today</translation>
    </message>
    <message>
        <source>open terugbelnotities met deadline vandaag</source>
        <translation>open callback notes due today</translation>
    </message>
    <message>
        <source>Dreigt te laat</source>
        <translation>At risk of being late</translation>
    </message>
    <message>
        <source>terugbelnotities, deadline binnen 2 werkuren</source>
        <translation>callback notes due within 2 working hours</translation>
    </message>
    <message>
        <source>Te laat</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>terugbelnotities over de deadline</source>
        <translation>callback notes past the deadline</translation>
    </message>
    <message>
        <source>Medewerkers</source>
        <translation>Employees</translation>
    </message>
    <message>
        <source>beschikbaar</source>
        <translation>available</translation>
    </message>
    <message>
        <source>in gesprek</source>
        <translation>in a call</translation>
    </message>
    <message>
        <source>nawerk</source>
        <translation>wrap-up</translation>
    </message>
    <message>
        <source>afwezig</source>
        <translation>away</translation>
    </message>
    <message>
        <source>N1 Terugbellen op tijd</source>
        <translation>N1 Calling back in time</translation>
    </message>
    <message>
        <source>N8 Klacht: contact ≤ 5 werkdagen</source>
        <translation>N8 Complaint: contact ≤ 5 working days</translation>
    </message>
    <message>
        <source>N9 E-mail: reactie ≤ 1 werkdag</source>
        <translation>N9 E-mail: reply ≤ 1 working day</translation>
    </message>
    <message>
        <source>N10 Post: reactie ≤ 1 werkdag</source>
        <translation>N10 Post: reply ≤ 1 working day</translation>
    </message>
    <message>
        <source>N11 Buiten openingstijd: volgende werkdag</source>
        <translation>N11 Outside opening hours: next working day</translation>
    </message>
    <message>
        <source>op tijd</source>
        <translation>in time</translation>
    </message>
    <message>
        <source>te laat</source>
        <translation>late</translation>
    </message>
    <message>
        <source>dreigt</source>
        <translation>at risk</translation>
    </message>
    <message>
        <source>nog open</source>
        <translation>still open</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>N5 Doorverbonden per contact</source>
        <translation>N5 Transfers per contact</translation>
    </message>
    <message>
        <source>2× of vaker doorverbonden</source>
        <translation>Transferred 2× or more</translation>
    </message>
    <message>
        <source>contacten</source>
        <translation>contacts</translation>
    </message>
    <message>
        <source>N16 Tevredenheid (doel 9)</source>
        <translation>N16 Satisfaction (target 9)</translation>
    </message>
    <message>
        <source>{n} cijfers, {below} onder 9</source>
        <translation>{n} scores, {below} below 9</translation>
    </message>
    <message>
        <source>Drukte per uur vandaag</source>
        <translation>Load per hour today</translation>
    </message>
    <message>
        <source>binnengekomen</source>
        <translation>received</translation>
    </message>
    <message>
        <source>afgehandeld</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>getekend met QPainter</source>
        <translation>drawn with QPainter</translation>
    </message>
    <message>
        <source>Per kanaal</source>
        <translation>Per channel</translation>
    </message>
    <message>
        <source>Per afdeling</source>
        <translation>Per department</translation>
    </message>
    <message>
        <source>Totaal</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Wachtend</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Langst
wachtend</source>
        <translation>Longest
waiting</translation>
    </message>
    <message>
        <source>Afgehan-
deld</source>
        <translation>Closed
today</translation>
    </message>
    <message>
        <source>Gem. door-
looptijd</source>
        <translation>Avg. hand-
ling time</translation>
    </message>
    <message>
        <source>Terugbellen
vandaag</source>
        <translation>Call back
today</translation>
    </message>
    <message>
        <source>Dreigt
te laat</source>
        <translation>At risk
of late</translation>
    </message>
    <message>
        <source>N1 op tijd</source>
        <translation>N1 in time</translation>
    </message>
    <message>
        <source>Contac-
ten</source>
        <translation>Con-
tacts</translation>
    </message>
    <message>
        <source>2× door-
verbonden</source>
        <translation>Trans-
ferred 2×</translation>
    </message>
    <message>
        <source>Tevre-
denheid</source>
        <translation>Satis-
faction</translation>
    </message>
    <message>
        <source>Medewerkers
beschikbaar</source>
        <translation>Employees
available</translation>
    </message>
    <message>
        <source>Selectie uit het dashboard: {title} ({count})</source>
        <translation>Selection from the dashboard: {title} ({count})</translation>
    </message>
    <message>
        <source>Toon alles</source>
        <translation>Show all</translation>
    </message>
    <message>
        <source> — de eerste {count} getoond</source>
        <translation> — the first {count} shown</translation>
    </message>
    <message>
        <source>Gebr&amp;uiker</source>
        <translation>&amp;User</translation>
    </message>
    <message>
        <source>Demo-gebruiker wisselen</source>
        <translation>Switch demo user</translation>
    </message>
    <message>
        <source>Medewerker KCC</source>
        <translation>KCC employee</translation>
    </message>
    <message>
        <source>Backoffice</source>
        <translation>Back office</translation>
    </message>
    <message>
        <source>Teamleider</source>
        <translation>Team leader</translation>
    </message>
    <message>
        <source>U werkt nu als {name} ({role}).</source>
        <translation>You now work as {name} ({role}).</translation>
    </message>
    <message>
        <source>Telefoon in deze periode: {answered} opgenomen · {missed} gemist · {abandoned} opgehangen tijdens het wachten · {refused} bezet (te veel tegelijk)</source>
        <translation>Phone in this period: {answered} answered · {missed} missed · {abandoned} hung up while waiting · {refused} busy (too many at once)</translation>
    </message>
    <message>
        <source>Enter toont de vragen; cijfertoetsen tonen de delen:</source>
        <translation>Enter shows the questions; number keys show the parts:</translation>
    </message>
</context>
<context>
    <name>detail_pane</name>
    <message>
        <source>Binnengekomen</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Opgepakt door</source>
        <translation>Taken by</translation>
    </message>
    <message>
        <source>Teruggegeven door</source>
        <translation>Handed back by</translation>
    </message>
    <message>
        <source>Notitie van</source>
        <translation>Note by</translation>
    </message>
    <message>
        <source>Status gewijzigd door</source>
        <translation>Status changed by</translation>
    </message>
    <message>
        <source>Afgehandeld door</source>
        <translation>Closed by</translation>
    </message>
    <message>
        <source>Doorverbonden door</source>
        <translation>Transferred by</translation>
    </message>
    <message>
        <source>Belpoging door</source>
        <translation>Call attempt by</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Het instellingenbestand is niet te gebruiken.</source>
        <translation>The settings file cannot be used.</translation>
    </message>
    <message>
        <source>Het gesprek is al beëindigd.</source>
        <translation>The call has already ended.</translation>
    </message>
    <message>
        <source>Doorverbinden is niet gelukt: geen nummer.</source>
        <translation>Transferring failed: no number.</translation>
    </message>
    <message>
        <source>Vul de naam van de inwoner in.</source>
        <translation>Fill in the resident&apos;s name.</translation>
    </message>
    <message>
        <source>Een naam is maximaal {limit} tekens.</source>
        <translation>A name can be at most {limit} characters.</translation>
    </message>
    <message>
        <source>Schrijf kort op wat de vraag is.</source>
        <translation>Write down briefly what the question is.</translation>
    </message>
    <message>
        <source>De vraag is maximaal {limit} tekens (nu {length}). Maak hem korter.</source>
        <translation>The question can be at most {limit} characters (now {length}). Make it shorter.</translation>
    </message>
    <message>
        <source>Vul een telefoonnummer in om terug te bellen.</source>
        <translation>Fill in a phone number to call back.</translation>
    </message>
    <message>
        <source>Dit e-mailadres klopt niet. Voorbeeld: naam@voorbeeld.nl</source>
        <translation>This e-mail address is not right. Example: name@example.nl</translation>
    </message>
    <message>
        <source>Kies wie terugbelt: een collega of een afdeling.</source>
        <translation>Choose who calls back: a colleague or a department.</translation>
    </message>
    <message>
        <source>Deze terugbelnotitie is al afgehandeld.</source>
        <translation>This callback note has already been finished.</translation>
    </message>
    <message>
        <source>Er ging iets mis. Uw werk is bewaard; probeer het opnieuw.</source>
        <translation>Something went wrong. Your work is saved; please try again.</translation>
    </message>
    <message>
        <source>Deze vraag is al {status}; dat kan niet meer veranderen.</source>
        <translation>This question is already {status}; that can no longer change.</translation>
    </message>
    <message>
        <source>nieuw</source>
        <translation>new</translation>
    </message>
    <message>
        <source>in behandeling</source>
        <translation>in progress</translation>
    </message>
    <message>
        <source>in afwachting</source>
        <translation>waiting</translation>
    </message>
    <message>
        <source>doorverbonden</source>
        <translation>transferred</translation>
    </message>
    <message>
        <source>doorgezet als terugbelverzoek</source>
        <translation>passed on as a callback request</translation>
    </message>
    <message>
        <source>afgehandeld</source>
        <translation>done</translation>
    </message>
    <message>
        <source>Deze vraag is al afgehandeld.</source>
        <translation>This question has already been closed.</translation>
    </message>
    <message>
        <source>Alleen de eigenaar van de vraag kan hem teruggeven.</source>
        <translation>Only the owner of the question can hand it back.</translation>
    </message>
    <message>
        <source>Schrijf eerst een notitie.</source>
        <translation>Write a note first.</translation>
    </message>
    <message>
        <source>Een notitie is maximaal {limit} tekens (nu {length}).</source>
        <translation>A note can be at most {limit} characters (now {length}).</translation>
    </message>
    <message>
        <source>Een vraag heeft altijd precies één eigenaar.</source>
        <translation>A question always has exactly one owner.</translation>
    </message>
    <message>
        <source>klaar om te overleggen</source>
        <translation>ready to consult</translation>
    </message>
    <message>
        <source>in overleg (inwoner in de wacht)</source>
        <translation>consulting (resident on hold)</translation>
    </message>
    <message>
        <source>terug bij de inwoner</source>
        <translation>back with the resident</translation>
    </message>
    <message>
        <source>de inwoner heeft opgehangen</source>
        <translation>the resident has hung up</translation>
    </message>
    <message>
        <source>omgezet naar terugbelnotitie of doorverwijzing</source>
        <translation>turned into a callback note or referral</translation>
    </message>
    <message>
        <source>Schrijf wie er belt (naam of &apos;onbekende beller&apos;).</source>
        <translation>Write who is calling (name or &apos;unknown caller&apos;).</translation>
    </message>
    <message>
        <source>Schrijf kort waar de vraag over gaat.</source>
        <translation>Write briefly what the question is about.</translation>
    </message>
    <message>
        <source>De samenvatting is maximaal {maximum} tekens (nu {length}). Maak hem korter.</source>
        <translation>The summary can be at most {maximum} characters (now {length}). Make it shorter.</translation>
    </message>
    <message>
        <source>Dit terugbelnummer is te kort. Controleer het nummer.</source>
        <translation>This callback number is too short. Check the number.</translation>
    </message>
    <message>
        <source>Let op: deze vraag is al {count} keer doorverbonden. Nog een keer doorverbinden is vervelend voor de inwoner. Kan deze collega de vraag echt beantwoorden?</source>
        <translation>Note: this question has already been transferred {count} time(s). Another transfer is annoying for the resident. Can this colleague really answer the question?</translation>
    </message>
    <message>
        <source>Weer bereikbaar: {moment}.</source>
        <translation>Reachable again: {moment}.</translation>
    </message>
    <message>
        <source>Er zijn geen openingstijden bekend.</source>
        <translation>No opening hours are known.</translation>
    </message>
    <message>
        <source>Stuur een doorverwijzing per e-mail met de samenvatting.</source>
        <translation>Send a referral by e-mail with the summary.</translation>
    </message>
    <message>
        <source>Maak een terugbelnotitie met de samenvatting.</source>
        <translation>Make a callback note with the summary.</translation>
    </message>
    <message>
        <source>{name} werkt nu niet. {when} {offer}</source>
        <translation>{name} is not working now. {when} {offer}</translation>
    </message>
    <message>
        <source>{name} is nu gesloten. {when} {offer}</source>
        <translation>{name} is closed now. {when} {offer}</translation>
    </message>
    <message>
        <source>Deze vraag is al afgehandeld; doorverbinden kan niet meer.</source>
        <translation>This question has already been closed; it can no longer be transferred.</translation>
    </message>
    <message>
        <source>{action} kan nu niet: de doorverbinding is {state}.</source>
        <translation>{action} is not possible now: the transfer is {state}.</translation>
    </message>
    <message>
        <source>Overleggen</source>
        <translation>Consulting</translation>
    </message>
    <message>
        <source>Annuleren</source>
        <translation>Cancelling</translation>
    </message>
    <message>
        <source>De inwoner heeft opgehangen tijdens het overleg.</source>
        <translation>The resident hung up during the consultation.</translation>
    </message>
    <message>
        <source>Doorverbinden</source>
        <translation>Transferring</translation>
    </message>
    <message>
        <source>Deze doorverbinding hoort bij een andere vraag.</source>
        <translation>This transfer belongs to another question.</translation>
    </message>
    <message>
        <source>Een doorverwijzing per e-mail is alleen voor partnerorganisaties.</source>
        <translation>A referral by e-mail is only for partner organisations.</translation>
    </message>
    <message>
        <source>De agenda van deze collega is nu niet op te vragen (geen antwoord op tijd). U kunt de notitie toch opslaan: schrijf dan waarom.</source>
        <translation>This colleague&apos;s calendar cannot be retrieved right now (no answer in time). You can still save the note: then write why.</translation>
    </message>
    <message>
        <source>De toegangssleutel &apos;{name}&apos; ontbreekt. Zet hem met: kcc-console secrets set {name}</source>
        <translation>The access key &apos;{name}&apos; is missing. Set it with: kcc-console secrets set {name}</translation>
    </message>
    <message>
        <source>Voorlezen kan nu niet op deze computer.</source>
        <translation>Reading aloud is not possible on this computer right now.</translation>
    </message>
    <message>
        <source>Deze collega of afdeling bestaat niet (meer). Kies een ander.</source>
        <translation>This colleague or department does not exist (any more). Choose another.</translation>
    </message>
    <message>
        <source>Er is al een open terugbelnotitie voor deze inwoner of dit nummer. Bekijk die eerst; sla opnieuw op om toch een nieuwe te maken.</source>
        <translation>There is already an open callback note for this resident or this number. Look at it first; save again to make a new one anyway.</translation>
    </message>
    <message>
        <source>Dit is hetzelfde nummer als het eerste.</source>
        <translation>This is the same number as the first one.</translation>
    </message>
    <message>
        <source>Deze terugbelnotitie bestaat niet meer.</source>
        <translation>This callback note no longer exists.</translation>
    </message>
    <message>
        <source>Schrijf kort wat er is afgesproken.</source>
        <translation>Write briefly what was agreed.</translation>
    </message>
    <message>
        <source>Kies wat u met deze terugbelnotitie doet.</source>
        <translation>Choose what you do with this callback note.</translation>
    </message>
    <message>
        <source>De inwoner heeft opgehangen. Uw notities zijn bewaard.</source>
        <translation>The resident hung up. Your notes are kept.</translation>
    </message>
    <message>
        <source>Gemiste oproep: de beller heeft opgehangen voordat u opnam.</source>
        <translation>Missed call: the caller hung up before you answered.</translation>
    </message>
    <message>
        <source>U heeft opgehangen.</source>
        <translation>You hung up.</translation>
    </message>
    <message>
        <source>Een wachtende beller heeft opgehangen. Hij staat als gemiste oproep in de inbox.</source>
        <translation>A waiting caller hung up. The call is in the inbox as a missed call.</translation>
    </message>
    <message>
        <source>Een beller kreeg de bezettoon: er gingen al te veel oproepen tegelijk over. Hij staat als gemiste oproep in de inbox.</source>
        <translation>A caller got the busy tone: too many calls were ringing at once. The call is in the inbox as a missed call.</translation>
    </message>
    <message>
        <source>Kies een oproep die nog overgaat, voordat u opneemt.</source>
        <translation>Choose a call that is still ringing before you answer.</translation>
    </message>
    <message>
        <source>Er wordt al opgenomen. Een ogenblik.</source>
        <translation>Already answering. One moment.</translation>
    </message>
    <message>
        <source>De telefoon werkt weer.</source>
        <translation>The phone is working again.</translation>
    </message>
    <message>
        <source>Doorverbonden.</source>
        <translation>Transferred.</translation>
    </message>
    <message>
        <source>Er gaat geen telefoon over.</source>
        <translation>No phone is ringing.</translation>
    </message>
    <message>
        <source>In de wacht zetten kan alleen tijdens een gesprek.</source>
        <translation>Putting on hold is only possible during a call.</translation>
    </message>
    <message>
        <source>Er staat niemand in de wacht.</source>
        <translation>Nobody is on hold.</translation>
    </message>
    <message>
        <source>Neem eerst op, of laat de telefoon overgaan.</source>
        <translation>Answer first, or let the phone ring.</translation>
    </message>
    <message>
        <source>Er is geen gesprek om op te hangen.</source>
        <translation>There is no call to hang up.</translation>
    </message>
    <message>
        <source>De verbinding is verbroken.</source>
        <translation>The connection was lost.</translation>
    </message>
    <message>
        <source>Afronden kan pas als het gesprek is afgelopen.</source>
        <translation>Wrapping up is only possible when the call has ended.</translation>
    </message>
    <message>
        <source>Het doorverbinden is nog bezig. Rond daarna af.</source>
        <translation>The transfer is still in progress. Wrap up after that.</translation>
    </message>
    <message>
        <source>Het cijfer is een heel getal van 1 tot en met 10.</source>
        <translation>The score is a whole number from 1 to 10.</translation>
    </message>
    <message>
        <source>De notities zijn maximaal {limit} tekens (nu {length}). Maak ze korter.</source>
        <translation>The notes can be at most {limit} characters (now {length}). Make them shorter.</translation>
    </message>
    <message>
        <source>Deze afdeling bestaat niet (meer).</source>
        <translation>This department does not exist (any more).</translation>
    </message>
    <message>
        <source>Deze vraag bestaat niet meer.</source>
        <translation>This question no longer exists.</translation>
    </message>
    <message>
        <source>Automatische ontvangstbevestiging</source>
        <translation>Automatic acknowledgement</translation>
    </message>
    <message>
        <source>Ontvangstbevestiging met naam</source>
        <translation>Acknowledgement with name</translation>
    </message>
    <message>
        <source>Antwoord</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Bericht dat het langer duurt</source>
        <translation>Message that it takes longer</translation>
    </message>
    <message>
        <source>Het kanaal &apos;{name}&apos; gaf een onverwachte fout. Er gaat niets verloren; de console probeert het opnieuw.</source>
        <translation>The channel &apos;{name}&apos; gave an unexpected error. Nothing is lost; the console tries again.</translation>
    </message>
    <message>
        <source>Deze vraag kwam niet per e-mail of chat binnen. Er is geen adres om naar te antwoorden.</source>
        <translation>This question did not come in by e-mail or chat. There is no address to reply to.</translation>
    </message>
    <message>
        <source>Er is geen sjabloon voor dit bericht.</source>
        <translation>There is no template for this message.</translation>
    </message>
    <message>
        <source>Schrijf eerst een tekst.</source>
        <translation>Write a text first.</translation>
    </message>
    <message>
        <source>Vul eerst de tekst tussen [ en ] in.</source>
        <translation>First fill in the text between [ and ].</translation>
    </message>
    <message>
        <source>Via dit kanaal kan de console geen berichten versturen. Neem contact op met de functioneel beheerder.</source>
        <translation>The console cannot send messages through this channel. Contact the application administrator.</translation>
    </message>
    <message>
        <source>{kind} kon niet worden verstuurd: {why}</source>
        <translation>{kind} could not be sent: {why}</translation>
    </message>
    <message>
        <source>Alleen een teamleider mag het inzagelogboek bekijken of opslaan.</source>
        <translation>Only a team leader may view or save the access log.</translation>
    </message>
    <message>
        <source>De bewaartermijn is minstens 1 dag.</source>
        <translation>The retention period is at least 1 day.</translation>
    </message>
    <message>
        <source>Deze medewerker bestaat niet (meer).</source>
        <translation>This employee does not exist (any more).</translation>
    </message>
    <message>
        <source>Een cijfer voor tevredenheid is een heel getal van 1 tot en met 10.</source>
        <translation>A satisfaction score is a whole number from 1 to 10.</translation>
    </message>
    <message>
        <source>De terugbelnotitie is niet gevonden na opslaan.</source>
        <translation>The callback note was not found after saving.</translation>
    </message>
    <message>
        <source>Doorverbinden kan alleen tijdens een gesprek.</source>
        <translation>Transferring is only possible during a call.</translation>
    </message>
    <message>
        <source>Er is geen telefoonnummer van {name} bekend.</source>
        <translation>No phone number is known for {name}.</translation>
    </message>
    <message>
        <source>Doorverbinden kan pas als u met de collega overlegt (Alt+C).</source>
        <translation>Transferring is only possible once you are consulting the colleague (Alt+C).</translation>
    </message>
    <message>
        <source>Er is geen geweigerde doorverbinding om op terug te vallen.</source>
        <translation>There is no refused transfer to fall back on.</translation>
    </message>
    <message>
        <source>Kies eerst naar wie u wilt doorverbinden (F8).</source>
        <translation>First choose who you want to transfer to (F8).</translation>
    </message>
    <message>
        <source>{name} is niet (meer) aan de lijn. U gaat terug naar de inwoner. Maak zo nodig een terugbelnotitie.</source>
        <translation>{name} is not (or no longer) on the line. You go back to the resident. Make a callback note if needed.</translation>
    </message>
    <message>
        <source>de agendaserver weigert de aanmelding of het recht om te kijken.</source>
        <translation>the agenda server refuses the sign-in or the right to look.</translation>
    </message>
    <message>
        <source>de agenda van deze collega bestaat niet (meer).</source>
        <translation>this colleague&apos;s agenda does not exist (any more).</translation>
    </message>
    <message>
        <source>de agendaserver gaf een fout (code {code}).</source>
        <translation>the agenda server gave an error (code {code}).</translation>
    </message>
    <message>
        <source>er is geen wachtwoord voor de agendaserver bewaard.</source>
        <translation>no password for the calendar server has been stored.</translation>
    </message>
    <message>
        <source>de agendaserver gaf geen antwoord op tijd.</source>
        <translation>the calendar server did not answer in time.</translation>
    </message>
    <message>
        <source>de agendaserver is nu niet bereikbaar.</source>
        <translation>the calendar server cannot be reached right now.</translation>
    </message>
    <message>
        <source>Microsoft 365 weigert de aanmelding (verlopen of geen recht). Meld opnieuw aan.</source>
        <translation>Microsoft 365 refuses the sign-in (expired or no permission). Sign in again.</translation>
    </message>
    <message>
        <source>Microsoft 365 gaf een fout (code {code}).</source>
        <translation>Microsoft 365 gave an error (code {code}).</translation>
    </message>
    <message>
        <source>Microsoft 365 vraagt {seconds} seconden te wachten (te druk).</source>
        <translation>Microsoft 365 asks to wait {seconds} seconds (too busy).</translation>
    </message>
    <message>
        <source>U bent niet aangemeld bij Microsoft 365.</source>
        <translation>You are not signed in to Microsoft 365.</translation>
    </message>
    <message>
        <source>Microsoft 365 gaf geen antwoord op tijd.</source>
        <translation>Microsoft 365 did not answer in time.</translation>
    </message>
    <message>
        <source>Microsoft 365 is nu niet bereikbaar.</source>
        <translation>Microsoft 365 cannot be reached right now.</translation>
    </message>
    <message>
        <source>Microsoft 365 blijft te druk; probeer het zo weer.</source>
        <translation>Microsoft 365 stays too busy; try again shortly.</translation>
    </message>
    <message>
        <source>Het klantcontact van deze taak bestaat niet meer.</source>
        <translation>The customer contact of this task no longer exists.</translation>
    </message>
    <message>
        <source>Deze taak is verwijderd uit het klantcontactsysteem.</source>
        <translation>This task was deleted from the customer contact system.</translation>
    </message>
    <message>
        <source>Het antwoord van de server mist een uuid.</source>
        <translation>The server&apos;s answer lacks a uuid.</translation>
    </message>
    <message>
        <source>Dit referentienummer is al in gebruik.</source>
        <extracomment>Fewer new tasks than this are read one klantcontact each; more: one scan of the klantcontacten with their tasks expanded, 500 a page (a first sync).</extracomment>
        <translation>This reference number is already in use.</translation>
    </message>
    <message>
        <source>Een klantcontact dat niet te lezen is.</source>
        <translation>A customer contact that cannot be read.</translation>
    </message>
    <message>
        <source>Het klantcontactsysteem gaf een leeg antwoord.</source>
        <translation>The customer contact system gave an empty answer.</translation>
    </message>
    <message>
        <source>Het klantcontactsysteem gaf een antwoord dat geen gegevens zijn (bijvoorbeeld een inlogpagina).</source>
        <translation>The customer contact system gave an answer that is not data (for example a sign-in page).</translation>
    </message>
    <message>
        <source>Het klantcontactsysteem gaf een antwoord zonder uuid.</source>
        <translation>The customer contact system gave an answer without a uuid.</translation>
    </message>
    <message>
        <source>Het klantcontactsysteem weigert dit contact (veld {field}: {reason}). Pas het aan en probeer het opnieuw.</source>
        <translation>The contact system refuses this contact (field {field}: {reason}). Change it and try again.</translation>
    </message>
    <message>
        <source>Het klantcontactsysteem weigert dit contact. Pas het aan en probeer het opnieuw.</source>
        <translation>The contact system refuses this contact. Change it and try again.</translation>
    </message>
    <message>
        <source>Een lijst van het klantcontactsysteem is niet te lezen.</source>
        <translation>A list from the customer contact system cannot be read.</translation>
    </message>
    <message>
        <source>Een lijst met een onleesbare volgende pagina.</source>
        <translation>A list with an unreadable next page.</translation>
    </message>
    <message>
        <source>Een lijst wijst naar een pagina die al gelezen is.</source>
        <translation>A list points to a page that was already read.</translation>
    </message>
    <message>
        <source>Een lijst heeft meer pagina&apos;s dan verwacht.</source>
        <translation>A list has more pages than expected.</translation>
    </message>
    <message>
        <source>Het onderwerp</source>
        <translation>The subject</translation>
    </message>
    <message>
        <source>De vraag</source>
        <translation>The question</translation>
    </message>
    <message>
        <source>De gevraagde actie</source>
        <translation>The requested action</translation>
    </message>
    <message>
        <source>De toelichting</source>
        <translation>The explanation</translation>
    </message>
    <message>
        <source>{field} is te lang: maximaal {limit} tekens (nu {length}). Maak de tekst korter.</source>
        <translation>{field} is too long: at most {limit} characters (now {length}). Make the text shorter.</translation>
    </message>
    <message>
        <source>Dit telefoonnummer kan het klantcontactsysteem niet opslaan. Gebruik 10 cijfers (bijvoorbeeld 0612345678) of +31…; 0800-, 0900- en 14-nummers kunnen niet.</source>
        <translation>The customer contact system cannot store this phone number. Use 10 digits (for example 0612345678) or +31…; 0800, 0900 and 14 numbers are not possible.</translation>
    </message>
    <message>
        <source>Een klantcontact zonder uuid.</source>
        <translation>A customer contact without a uuid.</translation>
    </message>
    <message>
        <source>Een interne taak zonder uuid.</source>
        <translation>An internal task without a uuid.</translation>
    </message>
    <message>
        <source>Een datum die niet te lezen is.</source>
        <translation>A date that cannot be read.</translation>
    </message>
    <message>
        <source>Een klantcontact zonder bekende eigenaar.</source>
        <translation>A customer contact without a known owner.</translation>
    </message>
    <message>
        <source>De mailserver is nu niet bereikbaar. Uw bericht wacht in de console en gaat vanzelf weg zodra de server terug is.</source>
        <translation>The mail server cannot be reached right now. Your message waits in the console and is sent as soon as the server is back.</translation>
    </message>
    <message>
        <source>De mailserver weigert het adres {address}. Controleer het adres.</source>
        <translation>The mail server refuses the address {address}. Check the address.</translation>
    </message>
    <message>
        <source>De mailserver weigert de inlog van {address}. Zet het wachtwoord opnieuw met: kcc-console secrets set mail:{address}</source>
        <translation>The mail server refuses the login of {address}. Set the password again with: kcc-console secrets set mail:{address}</translation>
    </message>
    <message>
        <source>De mailserver weigert dit bericht. Pas het aan of neem contact op met de servicedesk.</source>
        <translation>The mail server refuses this message. Change it or contact the service desk.</translation>
    </message>
    <message>
        <source>Dit antwoord heeft geen chatgesprek om naartoe te gaan.</source>
        <translation>This reply has no chat conversation to go to.</translation>
    </message>
    <message>
        <source>De chatserver is niet bereikbaar. Berichten worden later opgehaald en verstuurd.</source>
        <translation>The chat server cannot be reached. Messages will be fetched and sent later.</translation>
    </message>
    <message>
        <source>De chatserver weigert dit verzoek. Vraag de beheerder de chatkoppeling na te kijken.</source>
        <translation>The chat server refuses this request. Ask the administrator to check the chat connection.</translation>
    </message>
    <message>
        <source>Het aanmelden in de browser is niet afgerond. Start de console opnieuw om het nog eens te proberen.</source>
        <translation>Signing in in the browser was not completed. Restart the console to try again.</translation>
    </message>
    <message>
        <source>Het antwoord van de aanmeldserver klopt niet.</source>
        <translation>The sign-in server&apos;s answer is not right.</translation>
    </message>
    <message>
        <source>De aanmeldserver stuurt iets onleesbaars terug.</source>
        <translation>The sign-in server returns something unreadable.</translation>
    </message>
    <message>
        <source>De aanmeldserver stuurt geen ID-token mee.</source>
        <translation>The sign-in server does not send an ID token.</translation>
    </message>
    <message>
        <source>Het ID-token van de aanmeldserver is niet echt (de handtekening klopt niet). Er is niemand aangemeld.</source>
        <translation>The ID token from the sign-in server is not genuine (the signature is wrong). Nobody is signed in.</translation>
    </message>
    <message>
        <source>Dit is geen geldig Nederlands telefoonnummer. Typ bijvoorbeeld 06 12345678 of 0345 123456.</source>
        <translation>This is not a valid Dutch phone number. Type for example 06 12345678 or 0345 123456.</translation>
    </message>
    <message>
        <source>Dit is geen geldig Nederlands telefoonnummer. Typ alleen cijfers, met spaties of streepjes als u wilt, bijvoorbeeld 06 12345678. Een toestelnummer of tekst kan er niet bij.</source>
        <translation>This is not a valid Dutch phone number. Type only digits, with spaces or dashes if you like, for example 06 12345678. An extension or text cannot be added.</translation>
    </message>
    <message>
        <source>Vul een telefoonnummer in.</source>
        <translation>Fill in a phone number.</translation>
    </message>
    <message>
        <source>Dit is een buitenlands nummer (+{code}). Terugbellen kan alleen naar een Nederlands nummer.</source>
        <translation>This is a foreign number (+{code}). Calling back is only possible to a Dutch number.</translation>
    </message>
    <message>
        <source>De sleutelopslag is een gewoon bestand (keyrings.alt); daarin bewaart de console geen sleutels. Verwijder het pakket keyrings.alt.</source>
        <translation>The key store is a plain file (keyrings.alt); the console does not keep keys there. Remove the keyrings.alt package.</translation>
    </message>
    <message>
        <source>Iemand anders heeft deze terugbelnotitie net gewijzigd. Bekijk de nieuwe stand en probeer het opnieuw.</source>
        <translation>Someone else has just changed this callback note. Look at the new state and try again.</translation>
    </message>
    <message>
        <source>Het gegevensbestand {file} is in gebruik door een ander programma. Sluit de andere KCC-console en probeer het opnieuw.</source>
        <translation>The data file {file} is in use by another program. Close the other KCC console and try again.</translation>
    </message>
    <message>
        <source>Het gegevensbestand {file} is beschadigd. Er is niets verwijderd. Start de console met een andere map (--data-dir) en neem contact op met de servicedesk om het bestand te laten herstellen.</source>
        <translation>The data file {file} is damaged. Nothing has been deleted. Start the console with another folder (--data-dir) and contact the service desk to have the file repaired.</translation>
    </message>
    <message>
        <source>De schijf is vol. Wat u net wilde opslaan is NIET opgeslagen; wat u typte staat nog in het venster. Maak ruimte vrij op de schijf en probeer het opnieuw.</source>
        <translation>The disk is full. What you just wanted to save has NOT been saved; what you typed is still in the window. Free up space on the disk and try again.</translation>
    </message>
    <message>
        <source>Het lokale gegevensbestand gaf een fout. Probeer het opnieuw.</source>
        <translation>The local data file gave an error. Please try again.</translation>
    </message>
    <message>
        <source>De console kan niet schrijven in {folder}. Kies een map waar u mag schrijven (--data-dir).</source>
        <translation>The console cannot write in {folder}. Choose a folder you may write in (--data-dir).</translation>
    </message>
    <message>
        <source>Deze zoekvraag kost te veel tijd. Maak hem korter of preciezer, bijvoorbeeld met een langer woord, een naam of een telefoonnummer.</source>
        <translation>This search takes too much time. Make it shorter or more precise, for example with a longer word, a name or a phone number.</translation>
    </message>
    <message>
        <source>Dit gegevensbestand is gemaakt door een nieuwere versie van de console. Werk de console bij.</source>
        <translation>This data file was made by a newer version of the console. Update the console.</translation>
    </message>
    <message>
        <source>Een kopie van het bestand staat in {copy}.</source>
        <translation>A copy of the file is in {copy}.</translation>
    </message>
    <message>
        <source>Er kon geen kopie gemaakt worden; verwijder het bestand niet.</source>
        <translation>No copy could be made; do not delete the file.</translation>
    </message>
    <message>
        <source>Het gegevensbestand is beschadigd. Om verdere schade te voorkomen slaat de console niets meer op; u kunt nog wel lezen. {where} Wat u nu typt, wordt NIET opgeslagen: noteer het ergens anders. Sluit de console en bel de servicedesk.</source>
        <translation>The data file is damaged. To prevent further damage the console no longer saves anything; you can still read. {where} What you type now is NOT saved: write it down somewhere else. Close the console and call the service desk.</translation>
    </message>
    <message>
        <source>De console kan de map {folder} niet gebruiken. Kies een map waar u mag schrijven (--data-dir).</source>
        <translation>The console cannot use the folder {folder}. Choose a folder you may write in (--data-dir).</translation>
    </message>
    <message>
        <source>De KCC-console draait al met deze gegevensmap. Gebruik dat venster, of sluit het eerst.</source>
        <translation>The KCC console is already running with this data folder. Use that window, or close it first.</translation>
    </message>
    <message>
        <source>Iemand anders heeft deze vraag net gewijzigd. Bekijk de nieuwe stand en probeer het opnieuw.</source>
        <translation>Someone else has just changed this question. Look at the new state and try again.</translation>
    </message>
    <message>
        <source>Dit contact staat niet in het klantcontactsysteem.</source>
        <translation>This contact is not in the customer contact system.</translation>
    </message>
    <message>
        <source>De mailbox {address} is nu niet bereikbaar. Er gaat geen mail verloren: de console haalt alles op zodra de server terug is.</source>
        <translation>The mailbox {address} cannot be reached right now. No mail is lost: the console fetches everything as soon as the server is back.</translation>
    </message>
    <message>
        <source>De console kan niet inloggen op de mailbox {address}. Zet het wachtwoord opnieuw met: kcc-console secrets set {secret}</source>
        <translation>The console cannot log in to the mailbox {address}. Set the password again with: kcc-console secrets set {secret}</translation>
    </message>
    <message>
        <source>De map {folder} van {address} bestaat niet.</source>
        <translation>The folder {folder} of {address} does not exist.</translation>
    </message>
    <message>
        <source>Het telefoonprogramma baresip is niet gevonden. Installeer baresip of zet de telefoon in de instellingen op demo.</source>
        <translation>The phone program baresip was not found. Install baresip or set the phone to demo in the settings.</translation>
    </message>
    <message>
        <source>Het telefoonprogramma (baresip) is gestopt. Lopende gesprekken zijn verbroken; uw notities zijn bewaard.</source>
        <translation>The phone program (baresip) has stopped. Ongoing calls were cut off; your notes are saved.</translation>
    </message>
    <message>
        <source>Het telefoonprogramma (baresip) reageert niet. Probeer het opnieuw of start de console opnieuw.</source>
        <translation>The phone program (baresip) does not respond. Try again or restart the console.</translation>
    </message>
    <message>
        <source>De console kan het telefoonprogramma (baresip) niet bereiken.</source>
        <translation>The console cannot reach the phone program (baresip).</translation>
    </message>
    <message>
        <source>Het telefoonprogramma stuurde een bericht dat de console niet kan lezen.</source>
        <translation>The phone program sent a message the console cannot read.</translation>
    </message>
    <message>
        <source>Het telefoonprogramma stuurde een bericht dat de console niet kan lezen. De verbinding is verbroken.</source>
        <translation>The phone program sent a message the console cannot read. The connection has been closed.</translation>
    </message>
    <message>
        <source>Het telefoonprogramma stuurde een bericht dat de console niet kan lezen. Het bericht is overgeslagen.</source>
        <translation>The phone program sent a message the console cannot read. The message was skipped.</translation>
    </message>
    <message>
        <source>Het telefoonprogramma weigerde dit. Probeer het opnieuw.</source>
        <translation>The phone program refused this. Please try again.</translation>
    </message>
    <message>
        <source>Doorverbinden is niet gelukt. De inwoner is nog bij u aan de lijn.</source>
        <translation>The transfer did not work. The resident is still on the line with you.</translation>
    </message>
    <message>
        <source>Opnemen is niet gelukt: de verbinding met de beller kwam niet tot stand. De oproep gaat nog over; probeer het opnieuw.</source>
        <translation>Answering failed: the connection with the caller was not made. The call is still ringing; try again.</translation>
    </message>
    <message>
        <source>Een ander programma gebruikt poort {port} van de telefoon. Dat is niet de baresip van de console. De console maakt er geen verbinding mee. Stop dat programma, of kies een andere ctrl_port in de instellingen.</source>
        <translation>Another program is using port {port} of the phone. That is not the console&apos;s baresip. The console does not connect to it. Stop that program, or choose another ctrl_port in the settings.</translation>
    </message>
    <message>
        <source>De telefoon stuurde een veel te groot bericht. De console slaat het over.</source>
        <translation>The phone sent a message that is far too large. The console skips it.</translation>
    </message>
    <message>
        <source>De telefoon werkt weer. U krijgt weer oproepen.</source>
        <translation>The phone works again. You will get calls again.</translation>
    </message>
    <message>
        <source>U kunt de notitie toch opslaan: schrijf dan waarom.</source>
        <translation>You can still save the note: then write why.</translation>
    </message>
    <message>
        <source>Agenda onbekend: {reason} {what_now}</source>
        <translation>Agenda unknown: {reason} {what_now}</translation>
    </message>
    <message>
        <source>van deze collega is geen agenda bekend.</source>
        <translation>no agenda is known for this colleague.</translation>
    </message>
    <message>
        <source>Microsoft 365 gaf een fout bij de agenda (code {code}).</source>
        <translation>Microsoft 365 gave an error for the agenda (code {code}).</translation>
    </message>
    <message>
        <source>Microsoft 365 gaf geen agenda van deze collega.</source>
        <translation>Microsoft 365 gave no agenda for this colleague.</translation>
    </message>
    <message>
        <source>Microsoft 365 geeft de agenda van deze collega niet.</source>
        <translation>Microsoft 365 does not give this colleague&apos;s agenda.</translation>
    </message>
    <message>
        <source>deze collega staat niet in de lijst van Microsoft 365.</source>
        <translation>this colleague is not in the Microsoft 365 list.</translation>
    </message>
    <message>
        <source>Microsoft 365 is nu te druk.</source>
        <translation>Microsoft 365 is too busy right now.</translation>
    </message>
    <message>
        <source>Het klantcontactsysteem is nu niet bereikbaar. Uw werk is bewaard en wordt later verstuurd.</source>
        <translation>The customer contact system cannot be reached right now. Your work is saved and will be sent later.</translation>
    </message>
    <message>
        <source>Het klantcontactsysteem antwoordde niet op tijd. De console controleert straks of het bericht is aangekomen; er gaat niets verloren en niets wordt dubbel verstuurd.</source>
        <translation>The customer contact system did not answer in time. The console will check later whether the message arrived; nothing is lost and nothing is sent twice.</translation>
    </message>
    <message>
        <source>Het klantcontactsysteem weigert de toegangssleutel. Zet een nieuwe sleutel met: kcc-console secrets set klantinteracties</source>
        <translation>The customer contact system refuses the access key. Set a new key with: kcc-console secrets set klantinteracties</translation>
    </message>
    <message>
        <source>Dit contact bestaat niet (meer) in het klantcontactsysteem.</source>
        <translation>This contact does not exist (any more) in the contact system.</translation>
    </message>
    <message>
        <source>Het klantcontactsysteem stuurt de console door naar een andere pagina (misschien een inlogpagina). Uw werk is bewaard; de console probeert het later opnieuw.</source>
        <translation>The customer contact system redirects the console to another page (perhaps a sign-in page). Your work is saved; the console will try again later.</translation>
    </message>
    <message>
        <source>Het klantcontactsysteem is bereikbaar, maar zijn certificaat wordt niet vertrouwd. Vraag de beheerder het certificaat van de gemeente (ca_file) in te stellen. Uw werk is bewaard.</source>
        <translation>The customer contact system can be reached, but its certificate is not trusted. Ask the administrator to set the municipality&apos;s certificate (ca_file). Your work is saved.</translation>
    </message>
    <message>
        <source>Dit bericht is niet helemaal volgens de regels opgebouwd. De console toont wat te lezen is; misschien ontbreekt een deel.</source>
        <translation>This message is not built quite according to the rules. The console shows what can be read; part may be missing.</translation>
    </message>
    <message>
        <source>De opbouw van dit bericht is niet te lezen. Het originele bericht staat als bijlage &apos;origineel.eml&apos; bij deze vraag.</source>
        <translation>The structure of this message cannot be read. The original message is attached to this question as &apos;origineel.eml&apos;.</translation>
    </message>
    <message>
        <source>Dit bericht is erg lang. De console toont het begin.</source>
        <translation>This message is very long. The console shows the beginning.</translation>
    </message>
    <message>
        <source>Let op: dit bericht gebruikt het adres van de gemeente als afzender. Het komt misschien niet van de gemeente. Er is geen automatische bevestiging verstuurd.</source>
        <translation>Note: this message uses the municipality&apos;s address as sender. It may not come from the municipality. No automatic confirmation was sent.</translation>
    </message>
    <message>
        <source>Let op: de afzender is misschien niet echt. Het bericht zegt dat het van {address} komt, maar het is verstuurd via {domain}. Vraag niet om persoonlijke gegevens via dit adres.</source>
        <translation>Note: the sender may not be genuine. The message says it comes from {address}, but it was sent via {domain}. Do not ask for personal data through this address.</translation>
    </message>
    <message>
        <source>Let op: antwoorden op dit bericht gaan naar {address}, niet naar het antwoordadres in het bericht ({reply_to}).</source>
        <translation>Note: replies to this message go to {address}, not to the reply address in the message ({reply_to}).</translation>
    </message>
    <message>
        <source>De tekenset van dit bericht ({charset}) is onbekend of klopt niet. Sommige letters kunnen verkeerd op het scherm staan.</source>
        <translation>The character set of this message ({charset}) is unknown or wrong. Some letters may show incorrectly on screen.</translation>
    </message>
    <message>
        <source>De bijlage &apos;{name}&apos; is te groot om in de console te bewaren ({megabytes} MB). Hij staat nog in de mailbox.</source>
        <translation>The attachment &apos;{name}&apos; is too big to keep in the console ({megabytes} MB). It is still in the mailbox.</translation>
    </message>
    <message>
        <source>Voorlezen kan niet: er is geen spraakprogramma op deze computer. Vraag de servicedesk om eSpeak NG te installeren (Debian: sudo apt-get install libespeak-ng1).</source>
        <translation>Reading aloud is not possible: there is no speech program on this computer. Ask the service desk to install eSpeak NG (Debian: sudo apt-get install libespeak-ng1).</translation>
    </message>
    <message>
        <source>Voorlezen kan niet: er is geen Nederlandse stem op deze computer. Vraag de servicedesk om een Nederlandse stem te installeren.</source>
        <translation>Reading aloud is not possible: there is no Dutch voice on this computer. Ask the service desk to install a Dutch voice.</translation>
    </message>
    <message>
        <source>Voorlezen kan niet: deze computer heeft geen geluid (geen geluidskaart of luidspreker gevonden). Controleer of de koptelefoon is aangesloten.</source>
        <translation>Reading aloud is not possible: this computer has no sound (no sound card or speaker found). Check that the headset is connected.</translation>
    </message>
    <message>
        <source>Voorlezen kan niet: het programma om geluid af te spelen ontbreekt (Debian: sudo apt-get install alsa-utils).</source>
        <translation>Reading aloud is not possible: the program to play sound is missing (Debian: sudo apt-get install alsa-utils).</translation>
    </message>
    <message>
        <source>Voorlezen is niet gelukt. Probeer het opnieuw.</source>
        <translation>Reading aloud did not work. Please try again.</translation>
    </message>
    <message>
        <source>De aanmeldserver is niet bereikbaar. U werkt met uw laatste aanmelding van {verified}; dat kan tot {until}. Daarna moet het netwerk terug zijn om aan te melden.</source>
        <translation>The sign-in server cannot be reached. You are working with your last sign-in of {verified}; that is possible until {until}. After that the network must be back to sign in.</translation>
    </message>
    <message>
        <source>Bewaartermijn: er waren geen gegevens van vóór {day} om te verwijderen.</source>
        <translation>Retention period: there was no data from before {day} to remove.</translation>
    </message>
    <message>
        <source>Bewaartermijn: gegevens van vóór {day} verwijderd: {interactions} afgesloten contacten, {callback_notes} terugbelnotities, {timeline_entries} regels geschiedenis, {call_records} gespreksgegevens en {drafts} concepten.</source>
        <translation>Retention period: data from before {day} removed: {interactions} closed contacts, {callback_notes} callback notes, {timeline_entries} history lines, {call_records} call records and {drafts} drafts.</translation>
    </message>
    <message>
        <source>{removed} {kept} contacten zijn nog niet naar het klantcontactsysteem verstuurd en blijven daarom nog staan.</source>
        <translation>{removed} {kept} contacts have not yet been sent to the customer contact system, so they are kept for now.</translation>
    </message>
    <message>
        <source>De agenda kon niet worden gecontroleerd. Schrijf waarom u de notitie toch voor deze collega opslaat.</source>
        <translation>The calendar could not be checked. Write why you are saving the note for this colleague anyway.</translation>
    </message>
    <message>
        <source>U wijkt af van het advies. Schrijf waarom.</source>
        <translation>You are not following the advice. Write why.</translation>
    </message>
    <message>
        <source>Uw zoekvraag is lang: alleen de eerste {terms} woorden (of {chars} tekens) zijn gebruikt.</source>
        <translation>Your search is long: only the first {terms} words (or {chars} characters) were used.</translation>
    </message>
    <message>
        <source>Het klantcontactsysteem antwoordt te traag. Uw werk is bewaard; de console probeert het straks opnieuw.</source>
        <translation>The customer contact system is answering too slowly. Your work is saved; the console will try again shortly.</translation>
    </message>
</context>
<context>
    <name>mail_body</name>
    <message>
        <source>Afbeeldingen en opmaak van buiten worden niet geladen (veiligheid en privacy).</source>
        <translation>Outside images and styling are not loaded (security and privacy).</translation>
    </message>
</context>
<context>
    <name>ringing_calls</name>
    <message>
        <source>Oproepen die overgaan</source>
        <translation>Calls ringing</translation>
    </message>
    <message>
        <source>Kies met de pijltjes en Enter welke oproep u opneemt.</source>
        <translation>Choose with the arrow keys and Enter which call you answer.</translation>
    </message>
    <message>
        <source>wacht {wait}</source>
        <translation>waiting {wait}</translation>
    </message>
    <message>
        <source>  ← Opnemen (F9)</source>
        <translation>  ← Answer (F9)</translation>
    </message>
    <message>
        <source>  (na uw gesprek)</source>
        <translation>  (after your call)</translation>
    </message>
</context>
<context>
    <name>session_ui</name>
    <message>
        <source>Accou&amp;nt</source>
        <translation>Accou&amp;nt</translation>
    </message>
    <message>
        <source>&amp;Afmelden</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <source>U bent afgemeld. Bij de volgende start meldt u zich opnieuw aan.</source>
        <translation>You are signed out. At the next start you sign in again.</translation>
    </message>
    <message>
        <source>{org} — {name} ({role})</source>
        <translation>{org} — {name} ({role})</translation>
    </message>
    <message>
        <source> — demo</source>
        <translation> — demo</translation>
    </message>
    <message>
        <source> — zonder verbinding met de aanmeldserver</source>
        <translation> — without a connection to the sign-in server</translation>
    </message>
    <message>
        <source>Aanmelden</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Meld u aan in het browservenster dat nu opent. Daarna start de console vanzelf.

Opent er geen venster? Kopieer dan dit adres naar uw browser:</source>
        <translation>Sign in in the browser window that opens now. The console then starts by itself.

No window opens? Then copy this address into your browser:</translation>
    </message>
</context>
<context>
    <name>sync_problems</name>
    <message>
        <source>Problemen met het klantcontactsysteem</source>
        <translation>Problems with the customer contact system</translation>
    </message>
    <message>
        <source>Niet verzonden</source>
        <translation>Not sent</translation>
    </message>
    <message>
        <source>Apart gezet</source>
        <translation>Set aside</translation>
    </message>
    <message>
        <source>Conflicten</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Opnieuw proberen</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Weghalen uit de lijst</source>
        <translation>Remove from the list</translation>
    </message>
    <message>
        <source>Mijn versie versturen</source>
        <translation>Send my version</translation>
    </message>
    <message>
        <source>Versie van de server nemen</source>
        <translation>Take the server version</translation>
    </message>
    <message>
        <source>Alles is verzonden.</source>
        <translation>Everything has been sent.</translation>
    </message>
    <message>
        <source>Er is niets apart gezet.</source>
        <translation>Nothing has been set aside.</translation>
    </message>
    <message>
        <source>Er zijn geen conflicten.</source>
        <translation>There are no conflicts.</translation>
    </message>
    <message>
        <source>Deze antwoorden van het klantcontactsysteem kon de console niet lezen. De rest is gewoon verwerkt. Geef de tekst hieronder aan de beheerder als het vaker gebeurt.</source>
        <translation>The console could not read these answers from the customer contact system. The rest was processed normally. Give the text below to the administrator if it happens more often.</translation>
    </message>
    <message>
        <source>Mijn versie</source>
        <translation>My version</translation>
    </message>
    <message>
        <source>Versie op de server</source>
        <translation>Version on the server</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Eigenaar</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Afgehandeld door</source>
        <translation>Closed by</translation>
    </message>
    <message>
        <source>Uitkomst</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Onderwerp</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Vraag</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>&amp;Verbinding</source>
        <translation>Conn&amp;ection</translation>
    </message>
    <message>
        <source>&amp;Problemen met verzenden…</source>
        <translation>&amp;Problems with sending…</translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message>
        <source>Telefoon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Balie</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Social media</source>
        <translation>Social media</translation>
    </message>
    <message>
        <source>Bel-me</source>
        <translation>Call-me</translation>
    </message>
    <message>
        <source>Terugbelnotitie</source>
        <translation>Callback note</translation>
    </message>
    <message>
        <source>Nieuw</source>
        <translation>New</translation>
    </message>
    <message>
        <source>In behandeling</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Wacht op inwoner</source>
        <translation>Waiting for resident</translation>
    </message>
    <message>
        <source>Doorverbonden</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <source>Terugbelverzoek</source>
        <translation>Callback request</translation>
    </message>
    <message>
        <source>Afgehandeld</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Beantwoord</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>Terugbelnotitie gemaakt</source>
        <translation>Callback note made</translation>
    </message>
    <message>
        <source>Doorverwezen naar partner</source>
        <translation>Referred to partner</translation>
    </message>
    <message>
        <source>Geen antwoord nodig</source>
        <translation>No answer needed</translation>
    </message>
    <message>
        <source>Beschikbaar</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>Bezet</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>In gesprek</source>
        <translation>In a call</translation>
    </message>
    <message>
        <source>In overleg</source>
        <translation>In a meeting</translation>
    </message>
    <message>
        <source>Afwezig</source>
        <translation>Away</translation>
    </message>
    <message>
        <source>Niet aangemeld</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <source>Onbekend</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>ma</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>di</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>wo</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>do</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>vr</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>za</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>zo</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>Kanaal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Inwoner</source>
        <translation>Resident</translation>
    </message>
    <message>
        <source>Onderwerp</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Wacht / uiterlijk</source>
        <translation>Waits / due by</translation>
    </message>
    <message>
        <source>Eigenaar</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Afdeling</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Demo — oefenomgeving met verzonnen inwoners. Niets gaat naar echte systemen.</source>
        <translation>Demo — practice environment with made-up residents. Nothing goes to real systems.</translation>
    </message>
    <message>
        <source>{n} sec</source>
        <translation>{n} sec</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{hours} uur {minutes} min</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <source>{hours} uur</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <source>1 dag</source>
        <translation>1 day</translation>
    </message>
    <message>
        <source>{n} dagen</source>
        <translation>{n} days</translation>
    </message>
    <message>
        <source>vandaag {clock}</source>
        <translation>today {clock}</translation>
    </message>
    <message>
        <source>morgen {clock}</source>
        <translation>tomorrow {clock}</translation>
    </message>
    <message>
        <source>gisteren {clock}</source>
        <translation>yesterday {clock}</translation>
    </message>
    <message>
        <source>jan</source>
        <translation>Jan</translation>
    </message>
    <message>
        <source>feb</source>
        <translation>Feb</translation>
    </message>
    <message>
        <source>mrt</source>
        <translation>Mar</translation>
    </message>
    <message>
        <source>apr</source>
        <translation>Apr</translation>
    </message>
    <message>
        <source>mei</source>
        <translation>May</translation>
    </message>
    <message>
        <source>jun</source>
        <translation>Jun</translation>
    </message>
    <message>
        <source>jul</source>
        <translation>Jul</translation>
    </message>
    <message>
        <source>aug</source>
        <translation>Aug</translation>
    </message>
    <message>
        <source>sep</source>
        <translation>Sep</translation>
    </message>
    <message>
        <source>okt</source>
        <translation>Oct</translation>
    </message>
    <message>
        <source>nov</source>
        <translation>Nov</translation>
    </message>
    <message>
        <source>dec</source>
        <translation>Dec</translation>
    </message>
    <message>
        <source>wacht {duration}</source>
        <translation>waiting {duration}</translation>
    </message>
    <message>
        <source>te laat: {duration}</source>
        <translation>late: {duration}</translation>
    </message>
    <message>
        <source>uiterlijk {moment}</source>
        <translation>due by {moment}</translation>
    </message>
    <message>
        <source>Verbinding met het klantcontactsysteem</source>
        <translation>Connection to the customer contact system</translation>
    </message>
    <message>
        <source>Verbinden…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Verbonden</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>Geen verbinding</source>
        <translation>No connection</translation>
    </message>
    <message>
        <source>{n} wachten op verzenden</source>
        <translation>{n} waiting to be sent</translation>
    </message>
    <message>
        <source>{n} conflict(en) om te bekijken</source>
        <translation>{n} conflict(s) to review</translation>
    </message>
    <message>
        <source>{n} niet verzonden (zie Verbinding)</source>
        <translation>{n} not sent (see Connection)</translation>
    </message>
    <message>
        <source>{n} apart gezet (zie Verbinding)</source>
        <translation>{n} set aside (see Connection)</translation>
    </message>
    <message>
        <source>laatst bijgewerkt {time}</source>
        <translation>last updated {time}</translation>
    </message>
    <message>
        <source>nog niet bijgewerkt</source>
        <translation>not updated yet</translation>
    </message>
</context>
</TS>
