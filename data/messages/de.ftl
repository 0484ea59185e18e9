# Deutscher Nachrichtenkatalog (Project Fluent). Gleiche IDs und Variablen wie en.ftl.
# Der Coach begleitet; er stellt keine Diagnosen und verspricht keine Heilung.

# der eigene Name der Sprache, angeboten im Sprachschritt und unter /settings
language-name = Deutsch


## common

common-not_a_choice = Entschuldige, das habe ich nicht verstanden. Bitte wähl eine der Optionen unten (du kannst auch ihre Nummer tippen).
common-not_a_choice_words = Entschuldige, das habe ich nicht verstanden. Bitte wähl eine der Optionen unten oder schreib sie in Worten aus (eine Nummer reicht hier nicht).
common-not_a_score = Ich brauche hier eine ganze Zahl von { $lo } bis { $hi } – zum Beispiel 4 oder 4/10.
common-invalid_time = Das konnte ich nicht als Uhrzeit lesen. Versuch es mit etwas wie 07:30 oder 7.30.
common-invalid_zone = Diese Zeitzone kenne ich nicht. Wähl unten eine aus oder tippe eine Stadt wie Berlin, einen IANA-Namen wie Europe/Berlin oder einen Versatz wie UTC+2.
common-invalid_slot = Das konnte ich nicht als Tag und Uhrzeit lesen. Wähl unten etwas aus oder tippe etwas wie „Sonntag 18:00“.
common-invalid_days = Das konnte ich nicht lesen. Wähl eine Option oder tippe ein Datum wie 2026-11-01.
common-stale = Diese Frage ist schon vorbei – hier ist der aktuelle Stand.
common-idle = Gerade wartet keine Frage auf eine Antwort. Schick /checkin, um eine Aktivität einzutragen, /plan für den heutigen Schritt oder /help für alles andere.
common-carry_on = Lass uns mit der Einrichtung weitermachen.
common-welcome_back = Schön, dass du wieder da bist.
common-in_progress = Da bist du schon mittendrin – lass uns das zu Ende bringen.
common-finish_first = Lass uns das hier erst abschließen; dann machen wir das.
common-setup_first = Lass uns zuerst die Einrichtung abschließen – das dauert nur ein paar Minuten.
common-resume = Zurück zu dem, wo wir waren:
common-resume_checkin = Zurück zu deinem Check-in zu { $activity } um { $time }:
common-morning_ready = Dein Morgen-Check ist bereit – schick /morning, wenn du hier fertig bist.
common-recap_ready = Dein Wochenrückblick ist bereit – schick /recap, wenn du hier fertig bist.
common-error = Entschuldige – bei mir ist etwas schiefgelaufen, und deine letzte Nachricht konnte nicht verarbeitet werden. Alles davor ist gespeichert; schick sie bitte gleich noch einmal.
common-send_failed = Entschuldige – ich konnte meine Antwort gerade nicht senden. Nichts von dem, was du mir gesagt hast, ist verloren; hier ist der aktuelle Stand:
common-later = In Ordnung. Schick /checkin, wann immer du so weit bist, oder /plan, um den heutigen Schritt noch einmal zu sehen.
common-unknown_command = Den Befehl /{ $command } kenne ich nicht.
common-paused = Pausiert: Ich schicke dir nichts mehr von mir aus, bis du /resume sendest. Deine Check-ins und Fortschritte bleiben gespeichert, und du kannst weiterhin alle Befehle nutzen.
common-already_paused = Du hast schon pausiert. Schick /resume, wenn du wieder Erinnerungen und Nachfragen möchtest.
common-resumed = Willkommen zurück – Erinnerungen und Nachfragen sind wieder an.
common-not_paused = Gerade ist nichts pausiert.
common-no_words = Ich kann hier nur getippte Wörter und Zahlen lesen – keine Sticker oder Bilder.
common-cancelled = Okay, abgebrochen – was du mir schon gesagt hast, ist gespeichert.
common-cancelled_setup = Okay, abgebrochen – was du mir schon gesagt hast, ist gespeichert. Die Einrichtung ist aber noch nicht fertig: Schick /start, wann immer du sie noch einmal durchgehen möchtest.
common-nothing_to_cancel = Gerade gibt es nichts abzubrechen.
common-not_cancelled = Diese Frage kann ich nicht beiseitelegen – bitte beantworte sie unten.
common-undo = Kein Problem – dann die Frage noch einmal.
common-on_hold = Das Coaching pausiert, bis du ärztlich oder physiotherapeutisch untersucht worden bist.
common-on_hold_emergency = Das Coaching pausiert, bis du ärztlich untersucht worden bist. Falls das noch nicht passiert ist, hol dir bitte jetzt Notfallhilfe: Ruf { $emergency } an.
common-help =
    Das kann ich für dich tun:
    /checkin – eine Aktivität eintragen: Schmerz vorher, währenddessen und danach, und eine Empfehlung für den nächsten Schritt
    /plan – der vorgeschlagene Schritt für heute
    /progress – wo du bei jeder Bewegung stehst, mit den letzten Ergebnissen
    /morning – der Morgen-Check (Schmerz beim Aufwachen und der heutige Schritt)
    /recap – deine Woche im Überblick, mit Grafik
    /portfolio – deine fünf Alltagsbewegungen, wofür jede gut ist, und eine austauschen
    /settings – Zeitzone, Uhrzeit am Morgen, Tag und Uhrzeit des Wochenrückblicks, Mini-Pausen an oder aus und Sprache
    /flare – mein Rücken hat einen Schub: für ein paar Tage auf den Schub-Plan umstellen
    /carry_on – ärztlich oder physiotherapeutisch wurde mir gesagt, dass ich weiter steigern darf (beendet eine Pause)
    /pause – Erinnerungen und Nachfragen vorerst stoppen; /resume – sie wieder starten
    /cancel – abbrechen, was wir gerade machen (was du mir gesagt hast, bleibt gespeichert); „falsch gedrückt“ direkt nach einer Antwort stellt die Frage noch einmal
    /goals – deine eigenen Ziele: hinzufügen, bewerten, umbenennen oder abschließen
    /summary – eine einseitige PDF-Übersicht deines Verlaufs für deine Physiotherapie oder Arztpraxis
    /privacy – was ich speichere und warum; /export – eine Kopie von allem; /delete – alles löschen
    /start – einrichten oder sehen, wo du stehst
    /help – diese Liste

    Ich bin ein Coach, der dir hilft, nach Kreuzschmerzen wieder in den Alltag zu finden. Ich stelle keine Diagnosen und bin nicht für Notfälle da: Wenn sich etwas ernsthaft falsch anfühlt, wende dich an eine Ärztin, einen Arzt oder den Notruf.

## settings

settings-menu =
    Deine Einstellungen:
    Zeitzone: { $tz }
    Morgennachricht: { $time }
    Wochenrückblick: { $recap }
    Mini-Pausen: { $breaks }
    Sprache: { $language }

    Was möchtest du ändern?
settings-recap = Wann möchtest du deinen Wochenrückblick bekommen? Wähl etwas aus oder tippe einen Tag und eine Uhrzeit wie „Sonntag 18:00“.
settings-saved_recap = Erledigt – dein Wochenrückblick kommt ab jetzt jeweils am { $slot }.
settings-breaks_on = Mini-Pausen sind an: An Arbeitstagen zwischen { $start } und { $end } schlage ich dir etwa { $minutes ->
        [one] jede Minute
       *[other] alle { $minutes } Minuten
    } eine Minute Bewegung vor, die du am Schreibtisch oder im Stehen machen kannst, oder eine Minute langsames Atmen. Wenn du ein paar davon übergehst, frage ich seltener.
settings-breaks_off = Mini-Pausen sind aus. Du kannst sie jederzeit unter /settings wieder einschalten.
settings-breaks_state_on = an
settings-breaks_state_off = aus
settings-tz = In welcher Zeitzone bist du? Wähl eine aus oder tippe deine Stadt (z. B. Berlin) oder einen Versatz (z. B. UTC+2).
settings-nudge_time = Um wie viel Uhr möchtest du deine Morgennachricht bekommen? Wähl eine Zeit oder tippe eine wie 07:15.
settings-saved_tz = Erledigt – deine Zeitzone ist jetzt { $tz }.
settings-saved_time = Erledigt – deine Morgennachricht kommt um { $time }.
settings-unchanged = Nichts geändert.
settings-language = In welcher Sprache soll ich dir schreiben?
settings-saved_language = Erledigt – ich schreibe dir ab jetzt auf Deutsch.
# Tag und Uhrzeit des Wochenrückblicks: $day ist der Wochentag auf Deutsch, $time "18:00"
settings-slot = { $day }, { $time } Uhr

## zone

zone-fixed = { $tz } ist ein fester Versatz: Er folgt nicht der Sommerzeit. Wenn bei dir die Uhren im Jahr umgestellt werden, nenn lieber deine Stadt (zum Beispiel Berlin oder Wien) – unter /settings kannst du das jederzeit ändern.
zone-not_whole_hour = Ich kann nur Versätze in ganzen Stunden annehmen, wie UTC+2. Für UTC+5:30, UTC+5:45 und Ähnliches tippe bitte stattdessen deine Stadt – zum Beispiel Kolkata, Kathmandu, Teheran oder Adelaide.

## command

command-start = Einrichten oder sehen, wo du stehst
command-checkin = Aktivität eintragen und Empfehlung für den nächsten Schritt
command-plan = Der vorgeschlagene Schritt für heute
command-progress = Wo du bei jeder Bewegung stehst
command-recap = Deine Woche im Überblick, mit Grafik
command-privacy = Was über dich gespeichert ist und warum
command-export = Eine Kopie von allem, was über dich gespeichert ist
command-delete = Alles löschen, was über dich gespeichert ist
command-morning = Der Morgen-Check: Schmerz beim Aufwachen und heutiger Schritt
command-settings = Zeitzone, Morgenzeit, Wochenrückblick, Mini-Pausen
command-portfolio = Deine fünf Bewegungen, eine austauschen
command-pause = Erinnerungen und Nachfragen vorerst stoppen
command-resume = Erinnerungen und Nachfragen wieder starten
command-help = Was der Coach kann
command-cancel = Abbrechen, was wir gerade machen
command-flare = Mein Rücken hat einen Schub: auf den Schub-Plan umstellen
command-carry_on = Ärztlich oder physiotherapeutisch okay zum Weitermachen: Pause beenden
command-goals = Deine eigenen Ziele: hinzufügen, bewerten, umbenennen, abschließen
command-summary = Eine einseitige PDF für Physiotherapie oder Arztpraxis

## recap

recap-header = Deine Woche, { $start } – { $end }: { $done ->
        [one] 1 Check-in erledigt
       *[other] { $done } Check-ins erledigt
    }, { $skipped } auf einen anderen Tag verschoben.
recap-empty = Deine Woche, { $start } – { $end }: diese Woche keine Check-ins, und das ist in Ordnung – solche Wochen gibt es. Wenn du so weit bist, ist eine kurze, sanfte Aktivität ein guter Neustart: Schick /checkin.
recap-empty_new = Deine Woche, { $start } – { $end }: seit deinem Start noch keine Check-ins. Wann immer du so weit bist, trägst du mit /checkin den heutigen Schritt ein, und der nächste Wochenrückblick hat etwas zu zeigen.
recap-counts = Ampel: 🟢 { $green } · 🟡 { $amber } · 🔴 { $red }
recap-trend = Durchschnittlicher Schmerz – vorher: { $before } (letzte Woche { $last_before }) · am stärksten währenddessen: { $during } (letzte Woche { $last_during }) · eine Stunde danach: { $after } (letzte Woche { $last_after })
recap-trend_first = Durchschnittlicher Schmerz – vorher: { $before } · am stärksten währenddessen: { $during } · eine Stunde danach: { $after }. Nächste Woche kann ich vergleichen.
recap-moves =
    Stufenwechsel diese Woche:
    { $lines }
recap-no_moves = Diese Woche keine Stufenwechsel – gleichmäßig ist auch gut.
recap-evidence =
    Besser als erwartet:
    { $lines }
    Bei jedem davon lernt dein Nervensystem, dass die Bewegung sicher ist.
recap-evidence_line = • { $movement }: erwartet { $expected }, am stärksten war es { $during }
recap-no_evidence = Keiner der Schritte dieser Woche hat weniger wehgetan als erwartet, also gibt es diese Woche nichts Neues für deine Erfahrungsliste.
recap-as_predicted = Jeder Schritt dieser Woche hat genau den Schmerz erreicht, den du erwartet hattest.
recap-moves_line = { $ladder }: { $path }
recap-stayed_line = { $ladder }: auf Stufe { $level } geblieben
recap-phase = Wo du stehst: { $phase }.
recap-chart_title = Schmerz diese Woche (0–10)
recap-before = vorher
recap-during = am stärksten währenddessen
recap-after = eine Stunde danach
recap-lights_title = Ampel pro Tag
recap-green = grün
recap-amber = gelb
recap-red = rot
recap-goals_title = Deine Ziele pro Woche (0 = geht nicht, 10 = wie früher)
recap-goals =
    Deine Ziele:
    { $lines }

## focus

focus-settle = Schwerpunkt nächste Woche: an den meisten Tagen sanfte Bewegung – { $focus } ist ein guter Anfang. Was sich angenehm anfühlt, bestimmt das Ausmaß.
focus-rebuild = Schwerpunkt nächste Woche: { $focus }, Schritt für Schritt, dazu an den meisten Tagen dein Portfolio.
focus-progress = Schwerpunkt nächste Woche: mit { $focus } weiter aufsteigen, eine Stufe nach der anderen, jeweils erst nach zwei angenehmen Versuchen.
focus-return = Schwerpunkt nächste Woche: die Alltagsaufgaben zurückholen, die du pausiert hast, angefangen mit { $focus }.
focus-flare = Schwerpunkt nächste Woche: der Schub-Plan – sanfte Bewegung wie { $focus }, entspanntes Atmen und angenehme Positionen. Die Stufenpläne warten, bis deine Morgen wieder fast wie gewohnt sind.
focus-paused = Schwerpunkt nächste Woche: Die Steigerung ist pausiert ({ $why }), also nur sanfte Bewegung – { $focus } ist eine gute Wahl. Die Stufenpläne warten.

## day

day-mon = Mo
day-tue = Di
day-wed = Mi
day-thu = Do
day-fri = Fr
day-sat = Sa
day-sun = So

## outreach

outreach-break_offer =
    Eine Minute für deinen Rücken: { $name }. { $how }
    { $feel }
    { $options }
    Sanft und in einem angenehmen Bereich – dann zurück in deinen Tag.
outreach-break_done = Schön – kleine, regelmäßige Portionen wie diese lassen Steifigkeit gar nicht erst entstehen.
outreach-break_skipped = Kein Problem. Ein andermal.

## exercise

exercise-feel = Was du spüren solltest: { $feel }
exercise-options = Leichter: { $easier } Schwerer: { $harder }

## light

light-green = 🟢 grün
light-amber = 🟡 gelb
light-red = 🔴 rot
light-unfinished = ⚪ nicht abgeschlossen

## phase

phase-settle = Beruhigen (sanfte Bewegung, während sich alles beruhigt)
phase-rebuild = Wiederaufbau (die Muskeln, die deinen Rücken stützen, sanft wieder aktivieren)
phase-progress = Steigern (Schritt für Schritt etwas mehr Bewegungsumfang, Belastung oder Dauer)
phase-return = Rückkehr zur vollen Aktivität

## phase_moved

phase_moved-rebuild = Deine letzten Check-ins waren grün, also geht es jetzt in den Wiederaufbau: Die Stufenpläne und dein Bewegungsportfolio kommen dazu, weiterhin auf einem angenehmen Niveau.
phase_moved-progress = Du steigst gleichmäßig auf deinen Stufenplänen, also liegt der Schwerpunkt jetzt auf dem Steigern – mehr Bewegungsumfang, Belastung oder Dauer, in kleinen Schritten.
phase_moved-return = Du bist in der Phase der Rückkehr zur vollen Aktivität: Du holst die Dinge zurück, die du pausiert hast, nach und nach, und lässt deinen Rücken zeigen, dass er jedes davon schafft.

## flare

flare-start =
    Lass uns vorerst auf den Schub-Plan umstellen. Deine Stufenpläne sind pausiert und starten später jeweils eine Stufe tiefer als zuletzt. Jeden Tag: ein wenig sanfte Bewegung (ein kurzer Spaziergang, Knie zur Seite kippen, Katze-Kuh oder die kleine Beckenbrücke), ein paar Minuten langsames, entspanntes Atmen und Ausruhen in Positionen, die sich angenehm anfühlen – auf der Seite mit einem Kissen zwischen den Knien oder auf dem Rücken mit den Unterschenkeln auf einem Stuhl. Verteil deine Aktivität über den Tag, statt alles auf einmal zu machen.

    Ich frage dich jeden Morgen, wie es läuft. Zwei Morgen hintereinander fast wie gewohnt, und wir nehmen die Stufenpläne wieder auf.
flare-already = Der Schub-Plan läuft schon (Tag { $day }). Bleib sanft; ich frage jeden Morgen, wie es läuft.
flare-plan =
    Schub-Plan, heutige sanfte Bewegung: { $name }. { $how }
    Dazu ein paar Minuten langsames, entspanntes Atmen, und ruh dich in der Position aus, die sich angenehm anfühlt.
flare-how = Wie ist der Schub heute Morgen?
flare-settled = Wieder etwa wie sonst
flare-easing = Es lässt nach
flare-same = Ungefähr gleich
flare-worse = Schlechter
flare-calm = Das klingt ruhiger. Noch ein Morgen wie dieser, und wir nehmen die Stufenpläne wieder auf.
flare-not_calm = Danke, dass du es mir sagst. Wir bleiben heute beim Schub-Plan: sanfte Bewegung, entspanntes Atmen, angenehme Positionen.
flare-ended = Zwei ruhigere Morgen hintereinander – der Schub-Plan ist beendet. Deine Stufenpläne starten eine Stufe tiefer als zuletzt, und von dort bauen wir wieder auf.
flare-still = Du bist jetzt eine Woche im Schub-Plan, und dein Rücken hat sich noch nicht wieder auf das Gewohnte beruhigt. Bitte lass das in der Physiotherapie oder ärztlich anschauen. Bis dahin bleibe ich bei sanfter Bewegung; sobald man dir dort geraten hat weiterzumachen, schick /carry_on.
flare-progress = Der Schub-Plan läuft (Tag { $day }): Die Stufenpläne sind pausiert, nur sanfte Bewegung.

## pause

pause-start = Das sind drei stärkere Reaktionen innerhalb einer Woche, deshalb pausiere ich die Steigerung: Vorerst schlage ich nur sanfte Bewegung vor, und deine Stufenpläne starten später eine Stufe tiefer als zuletzt. Bitte sprich darüber in deiner Physiotherapie oder Arztpraxis. Wenn man dir dort rät weiterzumachen, schick /carry_on; sonst endet die Pause nach einer Woche ohne Rot.
pause-flare = Die Steigerung bleibt pausiert, bis es sich jemand aus Arztpraxis oder Physiotherapie angesehen hat oder eine Woche ohne Rot vergangen ist.
pause-plan = Die Steigerung ist pausiert ({ $why }), deshalb heute nur sanfte Bewegung: { $name }. { $how }
pause-lifted = Eine Woche ohne Rot – die Pause ist vorbei. Deine Stufenpläne machen eine Stufe tiefer als zuletzt weiter.
pause-lifted_clinician = Danke – ich habe notiert, dass man dir ärztlich oder physiotherapeutisch geraten hat weiterzumachen. Die Pause ist aufgehoben; deine Stufenpläne machen eine Stufe tiefer als zuletzt weiter.
pause-none = Die Steigerung ist nicht pausiert, es gibt also nichts aufzuheben.
pause-progress = Die Steigerung ist pausiert ({ $why }): vorerst nur sanfte Bewegung.

## pause_why

pause_why-reds = drei rote Check-ins innerhalb einer Woche
pause_why-flare = der Schub-Plan lief eine Woche, ohne dass sich dein Rücken beruhigt hat

## purpose

purpose-decompression = Entlastung (weniger Druck auf die Wirbelsäule)
purpose-hip_mobility = Beweglichkeit der Hüfte
purpose-thoracic_mobility = Beweglichkeit des oberen Rückens (Brustwirbelsäule)
purpose-deep_stabilisation = tiefe Stabilisierung (die kleinen Muskeln, die deine Wirbelsäule stabilisieren)
purpose-dynamic_control = Bewegungskontrolle (sich im Alltag gut bewegen)

## purpose_short

purpose_short-decompression = Entlastung
purpose_short-hip_mobility = Hüftbeweglichkeit
purpose_short-thoracic_mobility = Beweglichkeit oberer Rücken
purpose_short-deep_stabilisation = Tiefe Stabilisierung
purpose_short-dynamic_control = Bewegungskontrolle

## purpose_why

purpose_why-decompression = nimmt eine Weile Last von deiner Wirbelsäule, damit sich dein Rücken und die Muskeln drumherum beruhigen können.
purpose_why-hip_mobility = hält deine Hüften frei beweglich, damit dein unterer Rücken nicht das Beugen und Drehen für sie übernehmen muss.
purpose_why-thoracic_mobility = hält deinen oberen Rücken beweglich beim Drehen und Aufrichten, was den unteren Rücken beim Drehen oder Greifen schont.
purpose_why-deep_stabilisation = weckt die kleinen, tiefen Muskeln, die deine Wirbelsäule von innen stabilisieren – mit Kontrolle statt Kraft.
purpose_why-dynamic_control = übt Alltagsbewegungen wie Aufstehen, Steigen und Bücken, damit sich dein Rücken dabei stabil anfühlt.

## portfolio

portfolio-menu =
    Dein Bewegungsportfolio: fünf Bewegungen, jede mit ihrer eigenen Aufgabe.

    { $lines }

    Möchtest du eine gegen eine andere Bewegung mit derselben Aufgabe tauschen? Wähl welche.
portfolio-line = • { $purpose }: { $name } – { $why }
portfolio-missing = noch keine gewählt
portfolio-pick = Für { $purpose } hast du { $current }. Was möchtest du stattdessen?
portfolio-swapped = Erledigt: { $new } ersetzt { $old } als deine Bewegung für { $purpose }. { $how }
portfolio-unchanged = Dein Portfolio bleibt, wie es ist.

## choice

choice-go_on = Weiter
choice-agree = Ich stimme zu
choice-decline = Nein danke
choice-yes = Ja
choice-no = Nein
choice-unsure = Nicht sicher
choice-ep_week = In den letzten 7 Tagen
choice-ep_2weeks = Vor 1–2 Wochen
choice-ep_6weeks = Vor 2–6 Wochen
choice-ep_12weeks = Vor 6–12 Wochen
choice-ep_older = Vor mehr als 12 Wochen
choice-suggested = Vorschlag übernehmen
choice-choose = Selbst auswählen
choice-checkin_now = Jetzt einen Check-in starten
choice-later = Später
choice-breaks_yes = Ja, gern
choice-breaks_no = Nein danke
choice-todays_step = Heutiger Schritt: { $name }
choice-ladder_step = { $name }, Stufe { $level }
choice-a_portfolio = Eine meiner Portfolio-Bewegungen
choice-a_walk = Ein Spaziergang
choice-done = Erledigt
choice-not_today = Heute nicht
choice-answer_now = Jetzt beantworten
choice-change_tz = Zeitzone
choice-change_time = Uhrzeit am Morgen
choice-change_recap = Wochenrückblick
choice-toggle_breaks = Mini-Pausen an/aus
choice-break_done = Erledigt
choice-break_skip = Jetzt nicht
choice-keep = Nichts, danke
choice-change_language = Sprache
choice-keep_portfolio = Alle behalten
choice-keep_movement = { $name } behalten
choice-delete_all = Ja, alles löschen
choice-keep_all = Nein, behalten
choice-checked_yes = Ja, ich wurde untersucht
choice-not_yet = Noch nicht
choice-wrong = Ich habe das Falsche gedrückt
choice-safe = Ich bin gerade in Sicherheit
choice-unsafe = Ich bin nicht in Sicherheit
choice-carry_on = Mit dem Coaching weitermachen
choice-not_now = Jetzt nicht
choice-doing_ok = Mir geht es okay
choice-not_ok = Nicht so gut
choice-new_checkin = Trotzdem neuen Check-in starten
choice-flared = Mein Rücken hat einen Schub

## onboarding

onboarding-intro_languages =
    { onboarding-intro }

    { onboarding-language }
onboarding-language = Ich schreibe dir auf Deutsch. Lieber eine andere Sprache? Wähl sie unten aus – unter /settings kannst du sie auch später ändern.
onboarding-intro_short = Wann immer du so weit bist, wähl „Weiter“, und wir richten alles ein.
onboarding-intro =
    Hallo, ich bin backcoach. Ich helfe Menschen, nach einer Phase mit Kreuzschmerzen wieder in den Alltag zu finden: kurze Check-ins dazu, wie sich eine Aktivität angefühlt hat, klare Empfehlungen nach dem Ampelprinzip (grün, gelb, rot) und ein schrittweiser Plan für die Bewegungen, die dir Sorgen machen – Bücken, Heben, Drehen.

    Was ich nicht bin: Ich stelle keine Diagnosen, ich ersetze weder Ärztin noch Arzt oder Physiotherapie, und ich bin nicht für Notfälle da. Wenn dein Rücken noch nicht untersucht wurde und dich etwas beunruhigt, lass ihn bitte ärztlich anschauen.
onboarding-consent =
    Bevor wir anfangen, kurz zum Datenschutz (Datenschutzhinweis Version { $version }). Um dich zu begleiten, speichere ich deine Angaben zu Schmerz, Zuversicht und den Aktivitäten, die du einträgst, dazu deine Zeitzone und deine Morgenzeit – keinen Namen, keinen Benutzernamen und keine Telefonnummer. Die Daten dienen nur dazu, dich zu beraten; du kannst jederzeit eine Kopie anfordern oder alles löschen lassen, und sie werden mit niemandem geteilt.

    Bist du damit einverstanden?
onboarding-consent_short = Bist du mit dem Datenschutzhinweis oben einverstanden (Version { $version })?
onboarding-declined = Kein Problem – ich habe nichts über deine Gesundheit gespeichert. Wenn du es dir anders überlegst, schick /start.
onboarding-adult = Bist du 18 Jahre oder älter?
onboarding-under_18 = Danke für deine Ehrlichkeit. Ich bin nur für Erwachsene gemacht und kann dich deshalb nicht begleiten – sprich bitte mit deinen Eltern, deiner Hausarztpraxis oder einer Physiotherapeutin bzw. einem Physiotherapeuten über deinen Rücken. Über deine Gesundheit wurde nichts gespeichert.
onboarding-redflag_intro = Zuerst ein paar Sicherheitsfragen. Die meisten Menschen beantworten alle mit Nein.
onboarding-redflag = Sicherheitscheck { $n } von { $total }: { $question }
onboarding-episode = Wann haben diese Rückenschmerzen angefangen? Ungefähr reicht.
onboarding-episode_long = Schmerzen, die länger als etwa drei Monate anhalten, sollten gründlich ärztlich oder physiotherapeutisch untersucht werden, falls das noch nicht passiert ist. Ich kann dir trotzdem parallel dazu helfen, Bewegung nach und nach aufzubauen.
onboarding-fear = Wie bedrohlich fühlt es sich für dich gerade an, { $movement }?
onboarding-fear_low = gar nicht
onboarding-fear_high = sehr bedrohlich
onboarding-portfolio_mode = Lass uns dein Bewegungsportfolio einrichten: fünf kurze, vertraute Bewegungen, je eine für Entlastung, Hüftbeweglichkeit, Beweglichkeit des oberen Rückens, tiefe Stabilisierung und Bewegungskontrolle. Soll ich dir eine Auswahl vorschlagen, oder möchtest du jede selbst auswählen?
onboarding-portfolio_mode_short = Deine fünf Portfolio-Bewegungen: Soll ich eine Auswahl vorschlagen, oder möchtest du jede selbst auswählen?
onboarding-portfolio_pick = Wähl eine Bewegung für { $purpose }:
onboarding-tz = In welcher Zeitzone bist du? Wähl eine aus oder tippe deine Stadt – damit meine Morgennachricht dich auch morgens erreicht.
onboarding-tz_noted = { $tz } – notiert.
onboarding-nudge_time = Um wie viel Uhr möchtest du deine Morgennachricht zum Check-in bekommen?
onboarding-time_noted = { $tz } – jeden Morgen um { $time }.
onboarding-breaks =
    Zum Schluss: Mini-Pausen. Wer lange still sitzt oder steht, wird steif; eine Minute lockere Bewegung zwischendurch hält das fern. An Arbeitstagen zwischen { $start } und { $end } würde ich dir etwa { $minutes ->
        [one] jede Minute
       *[other] alle { $minutes } Minuten
    } eine schicken: eine Bewegung, die du am Schreibtisch oder im Stehen machen kannst, oder eine Minute langsames Atmen. Wenn du ein paar unbeantwortet lässt, schicke ich seltener welche; unter /settings kannst du sie ausschalten.

    Möchtest du sie?
onboarding-breaks_short = Mini-Pausen an Arbeitstagen zwischen { $start } und { $end }: Möchtest du sie?
onboarding-done =
    Alles eingerichtet. Deine Einstellungen:
    Zeitzone: { $tz }
    Morgennachricht: { $time }
    Wochenrückblick: { $recap }
    Mini-Pausen: { $breaks }
    Sprache: { $language }
    Bewegungen zum Aufbauen: { $ladders }

    Wir arbeiten schrittweise daran, in kleinen Schritten, und richten uns danach, wie dein Rücken reagiert, nicht nach dem Kalender. Unter /settings kannst du all das ändern.
onboarding-done_no_ladders =
    Alles eingerichtet. Deine Einstellungen:
    Zeitzone: { $tz }
    Morgennachricht: { $time }
    Wochenrückblick: { $recap }
    Mini-Pausen: { $breaks }
    Sprache: { $language }

    Keine der Bewegungen hat sich bedrohlich angefühlt, also konzentrieren wir uns auf sanfte Bewegung und dein Portfolio. Unter /settings kannst du all das ändern.
onboarding-start_now = Möchtest du den heutigen Schritt jetzt machen und danach einchecken?

## plan

plan-exposure = Heutiger Schritt – { $ladder }, Stufe { $level } von { $top }: { $step }. { $how }
plan-exposure_easier = Heutiger Schritt – { $ladder }, Stufe { $level } von { $top } (eine Stufe leichter als sonst, weil dein Morgen schwerer war): { $step }. { $how }
plan-gentle = Heutige sanfte Bewegung: { $name }. { $how }
plan-gentle_easier = Heutige sanfte Bewegung, extra leicht gehalten, weil dein Morgen schwerer war: { $name }. { $how }
plan-held_week = Deine Morgen waren diese Woche etwas schmerzhafter als letzte Woche, also bleiben wir diese Woche auf dem Stand, statt zu steigern.
plan-progress_header =
    Wo du stehst – Phase: { $phase }

    { $ladders }
plan-progress_ladder = { $ladder }: Stufe { $level } von { $top } ({ $step }) – zuletzt: { $lights }
plan-progress_empty = Noch keine Stufenpläne. Im Moment stehen sanfte Bewegung und dein Portfolio im Mittelpunkt.
plan-no_lights = noch keine Check-ins
plan-portfolio_reminder = Heute aus deinem Portfolio: { $name }. { $how }

## checkin

checkin-pending = Dein Check-in zu { $activity } wartet noch auf eine Antwort: wie stark der Schmerz jetzt ist. Jetzt beantworten, oder einen neuen Check-in starten und später darauf zurückkommen?
checkin-choose = Wofür machst du den Check-in?
checkin-portfolio = Welche Portfolio-Bewegung?
checkin-baseline = { $activity }. Bevor du anfängst: Wie stark sind deine Schmerzen gerade?
checkin-baseline_short = Schmerz jetzt, bevor du anfängst, 0–10?
checkin-expected = Wie stark erwartest du den Schmerz im schlimmsten Moment dabei?
checkin-confidence = Wie zuversichtlich bist du, dass du es schaffst, ohne deinem Rücken zu schaden?
checkin-go_exposure =
    Hier ist der Schritt: { $how }

    Geh es sanft an und bleib in Kontrolle. Hör auf, wenn der Schmerz scharf wird, ins Bein ausstrahlt oder deutlich über das hinausgeht, was du erwartet hast. Sag mir, wenn du es gemacht hast – oder wenn heute nicht der richtige Tag ist.
checkin-go_exercise =
    { $activity }: { $how }
    { $cues }
    { $feel }
    { $options }
    { $stop_if }

    Sag mir, wenn du es gemacht hast – oder wenn heute nicht der richtige Tag ist.
checkin-go_short = { $activity }: Sag mir, wenn du es gemacht hast – oder wenn heute nicht der richtige Tag ist.
checkin-during = Gut gemacht. Wie stark war der Schmerz im schlimmsten Moment?
checkin-a1 = Wie ist der Schmerz jetzt?
checkin-a2 = Und jetzt, etwa zwei Stunden danach – wie ist der Schmerz?
checkin-confidence_after = Jetzt, wo du es gemacht hast: Wie zuversichtlich bist du, dass es geht, ohne deinem Rücken zu schaden?
checkin-skipped = Das ist in Ordnung – „heute nicht“ ist eine Entscheidung, kein Versagen. Ich habe es notiert. Versuch es wieder, wenn es dir passt.
checkin-wait_a1 = Danke. Ich melde mich in etwa einer Stunde wieder und frage, wie es deinem Rücken dann geht.
checkin-wait_a2 = Nach zwei Stunden frage ich noch ein letztes Mal.
checkin-hour1 = eine Stunde später
checkin-hour2 = zwei Stunden später
checkin-followup_intro = Nachfrage zu { $activity }:
checkin-followup_later = Zeit, mir zu sagen, wie es deinem Rücken nach dieser Aktivität geht ({ $activity }) – wenn du hier fertig bist, schick /checkin, dann frage ich nach.
checkin-pain_none = kein Schmerz
checkin-pain_worst = schlimmster vorstellbarer Schmerz
checkin-conf_none = gar nicht zuversichtlich
checkin-conf_full = völlig zuversichtlich

## after

after-settled = Schmerz { $when }: { $pain }, also wieder höchstens einen Punkt von deiner { $b } zu Beginn entfernt – es hat sich beruhigt.
after-above = Schmerz { $when }: { $pain }, also noch { $diff ->
        [one] 1 Punkt
       *[other] { $diff } Punkte
    } über deiner { $b } zu Beginn – es hat sich noch nicht beruhigt.
after-well_above = Schmerz { $when }: { $pain }, also deutlich über deiner { $b } zu Beginn.

## advice

advice-green = { $light }: Mach weiter, darauf können wir aufbauen.
advice-amber = { $light }: Mach weiter, aber vorsichtig – achte darauf, wie es sich anfühlt.
advice-red = { $light }: Lass uns etwas zurückgehen, bevor du das noch einmal versuchst.
advice-unfinished = { $light }: Mir fehlen die Antworten auf die Nachfragen, deshalb zählt dieser Check-in nicht für deinen Fortschritt.
advice-expect_better = Du hast { $expected } erwartet, am stärksten war es { $d }. Dein Rücken hat das besser vertragen als gedacht – genau solche Erfahrungen helfen, dass sich eine Bewegung wieder sicher anfühlt.
advice-expect_same = Du hast { $expected } erwartet, am stärksten war es { $d } – genau wie vorhergesagt.
advice-expect_worse = Du hast { $expected } erwartet, am stärksten war es { $d }: { $diff ->
        [one] 1 Punkt
       *[other] { $diff } Punkte
    } mehr als gedacht. Gut zu wissen; wir halten die nächsten Schritte klein.
advice-expect_worse_little = Du hast { $expected } erwartet, am stärksten war es { $d } – ein Punkt mehr als gedacht.
advice-confidence = Deine Zuversicht lag vorher bei { $before } und danach bei { $after }.
advice-nonlinear = Erholung verläuft selten geradlinig. Ein schwererer Tag gehört zum Wiederaufbau dazu und ist kein Zeichen für einen Schaden: Wir gehen zurück auf die Stufe davor und bauen von dort wieder auf.
advice-not_a_substitute = Ich bin ein Coach und ersetze keine ärztliche oder physiotherapeutische Behandlung: Wenn der Schmerz sehr stark ist, weiter zunimmt oder neue Beschwerden dazukommen, lass es bitte untersuchen.

## reason.green

reason-green-steady = Der Schmerz ging von { $b } auf { $d } währenddessen und lag eine Stunde später bei { $a1 }: nicht schlechter als zu Beginn und innerhalb einer Stunde wieder beruhigt.
reason-green-mild = Der Schmerz ging von { $b } auf { $d } währenddessen und lag eine Stunde später bei { $a1 }: durchgehend leicht und innerhalb einer Stunde wieder beruhigt.

## reason.red

reason-red-rise = Der Schmerz stieg währenddessen von { $b } auf { $d } – ein Sprung um { $rise ->
        [one] 1 Punkt
       *[other] { $rise } Punkte
    }, zu viel für einen Schritt im Moment.
reason-red-severe = Der Schmerz stieg währenddessen von { $b } auf { $d } – bis in starke Schmerzen, mehr, als dieser Schritt dich im Moment kosten sollte.
reason-red-unsettled = Der Schmerz ging von { $b } auf { $d } und lag zwei Stunden später noch bei { $a2 }: Er hatte sich nicht wieder in die Nähe deines Ausgangswerts beruhigt.
reason-red-morning = Dein Schmerz am nächsten Morgen lag deutlich über deinem üblichen Wert.

## reason.amber

reason-amber-rise = Der Schmerz ging von { $b } auf { $d } währenddessen und lag eine Stunde später bei { $a1 }: Er hat sich innerhalb einer Stunde beruhigt, ist währenddessen aber etwas stärker gestiegen als ideal.
reason-amber-late = Der Schmerz ging von { $b } auf { $d } währenddessen, lag nach einer Stunde bei { $a1 } und nach zwei bei { $a2 }: Er hat sich beruhigt, aber es hat eine Weile gedauert.

## reason.unfinished

reason-unfinished-a1 = Der Schmerz ging von { $b } auf { $d } währenddessen; mehr weiß ich nach der Nachfrage in einer Stunde.
reason-unfinished-a2 = Der Schmerz ging von { $b } auf { $d } währenddessen und lag nach einer Stunde bei { $a1 }; mehr weiß ich nach zwei Stunden.

## next

next-up = Nächstes Mal: { $ladder }, Stufe { $level } von { $top } – { $step }.
next-top = Du bist auf der obersten Stufe von „{ $ladder }“ ({ $step }). Bau es als Alltagsbewegung in deine Woche ein.
next-repeat = Nächstes Mal: bleib bei { $ladder }, Stufe { $level } – { $step } –, bis es sich zweimal hintereinander angenehm anfühlt.
next-back = Nächstes Mal: { $ladder }, Stufe { $level } – { $step }. Wenn sich das angenehm anfühlt, gehen wir wieder eine Stufe höher.
next-return = Nächstes Mal: zurück zu { $ladder }, Stufe { $level } – { $step }.
next-hold_reds = Nächstes Mal: bleib bei { $ladder }, Stufe { $level } – { $step }. Die Steigerung ist vorerst pausiert.
next-hold_week = Nächstes Mal: bleib bei { $ladder }, Stufe { $level } – { $step }. Wir bleiben diese Woche auf dem Stand, weil deine Morgen schmerzhafter waren.
next-none = Dein Stufenplan „{ $ladder }“ bleibt auf Stufe { $level } ({ $step }); der leichtere Schritt heute ändert daran nichts.
next-hard_day = Nächstes Mal: bleib bei { $ladder }, Stufe { $level } – { $step }. Du bist heute mit { $b } gestartet, an einem sehr schmerzhaften Tag, deshalb bauen wir nicht darauf auf; trotzdem gut gemacht.
next-phase_top = Nächstes Mal: bleib bei { $ladder }, Stufe { $level } – { $step }. Weiter geht es in dieser Phase der Erholung nicht; die nächsten Stufen öffnen sich, wenn die nächste Phase beginnt.
next-gentle_green = Das tut deinem Rücken gut. Bleib dran – nächstes Mal kannst du etwas mehr Zeit oder Bewegungsumfang dazunehmen.
next-gentle_amber = Bleib vorerst bei etwa dieser Menge und schau, wie es sich nächstes Mal anfühlt.
next-gentle_red = Mach nächstes Mal etwas weniger – eine kürzere oder sanftere Version – und bau von dort wieder auf.

## morning

morning-waking = Guten Morgen. Wie stark waren deine Schmerzen heute beim Aufwachen?
morning-first = Danke – { $pain } beim Aufwachen. Nach ein paar Morgen weiß ich, was für dich üblich ist.
morning-usual = { $pain } beim Aufwachen – etwa wie üblich ({ $usual }).
morning-better = { $pain } beim Aufwachen – besser als üblich ({ $usual }). Schön.
morning-bad = { $pain } beim Aufwachen – ein schwererer Morgen als üblich ({ $usual }). Das kommt vor und ist kein Zeichen für einen Schaden. Lass es uns heute etwas leichter angehen.
morning-closed_red = Dein Check-in zu { $activity }: Ein Schmerz von { $pain } beim Aufwachen gegenüber deiner üblichen { $usual } deutet darauf hin, dass es etwas viel war, deshalb geht dieser Schritt vorerst eine Stufe zurück.
morning-closed_unfinished = Dein früherer Check-in zu { $activity } hat nie seine Nachfrage-Antwort bekommen, deshalb habe ich ihn ohne Ampelfarbe geschlossen – er zählt weder dafür noch dagegen.
morning-start_now = Möchtest du den heutigen Schritt jetzt machen?
morning-pain_none = kein Schmerz
morning-pain_worst = schlimmster vorstellbarer Schmerz

## safety

safety-heard = Was du mir geschrieben hast, kann ein Zeichen für etwas sein, das eine Ärztin oder ein Arzt anschauen sollte, nicht ein Coach.
safety-unsure = Du warst dir nicht sicher, deshalb werte ich das sicherheitshalber als Ja.
safety-emergency =
    Bitte hol dir jetzt sofort ärztliche Notfallhilfe: Ruf { $emergency } an oder geh in die nächste Notaufnahme. Sag dort, dass du Rückenschmerzen hast, und beschreib alle Veränderungen, die dir aufgefallen sind. Warte nicht ab, ob es von selbst vorbeigeht.

    Ich habe das Coaching pausiert: Das muss ärztlich angeschaut werden, und das kann ich nicht ersetzen.
safety-urgent =
    Bitte wende dich noch heute an eine Ärztin oder einen Arzt (deine Hausarztpraxis oder den ärztlichen Bereitschaftsdienst, in Deutschland 116 117, in Österreich 1450) und erzähl von deinen Rückenschmerzen und allen Veränderungen, die dir aufgefallen sind. Es kann gut sein, dass es nichts Ernstes ist, aber es muss abgeklärt werden, bevor wir weitermachen. Wenn du dich sehr krank fühlst oder es schnell schlimmer wird, ruf { $emergency } an.

    Bis dahin habe ich das Coaching pausiert: Ich bin ein Coach und ersetze keine ärztliche Untersuchung.
safety-emergency_before_consent =
    Bitte hol dir jetzt sofort ärztliche Notfallhilfe: Ruf { $emergency } an oder geh in die nächste Notaufnahme, sag dort, dass du Rückenschmerzen hast, und beschreib alle Veränderungen, die dir aufgefallen sind. Warte nicht ab, ob es von selbst vorbeigeht.
safety-urgent_before_consent =
    Bitte wende dich noch heute an eine Ärztin oder einen Arzt und erzähl von deinen Rückenschmerzen und allen Veränderungen, die dir aufgefallen sind: Das muss abgeklärt werden, bevor du mit einem Übungscoaching anfängst. Wenn du dich sehr krank fühlst oder es schnell schlimmer wird, ruf { $emergency } an.
safety-not_stored = Ich habe nichts von dem gespeichert, was du geschrieben hast.
safety-checked = Hat dich seit Beginn dieser Beschwerden eine Ärztin, ein Arzt oder eine Physiotherapeutin bzw. ein Physiotherapeut untersucht?
safety-cleared = Hat man dir dort gesagt, dass sanfte Bewegung für dich in Ordnung ist?
safety-not_yet = Okay. Das Coaching bleibt pausiert, bis du untersucht worden bist, also schieb es bitte nicht auf. Wenn es schlimmer wird, ruf { $emergency } an.
safety-keep_paused = Dann lassen wir das Coaching pausiert und du folgst dem, was man dir geraten hat. Sobald man dir ärztlich oder physiotherapeutisch gesagt hat, dass sanfte Bewegung in Ordnung ist, sag mir hier Bescheid.
safety-resumed = Danke, dass du dich hast untersuchen lassen; ich habe es notiert. Machen wir weiter, ganz sanft.
safety-local_emergency = die Notrufnummer vor Ort ({ $number } funktioniert von den meisten Handys aus)

## crisis

crisis-reply =
    Es tut mir wirklich leid, dass es dir so geht. Du musst das nicht allein tragen, und mit jemandem zu reden kann helfen, auch jetzt gleich.

    Wenn du befürchtest, dir etwas anzutun, oder du in Gefahr bist, ruf jetzt sofort { $emergency } an.

    Hier kannst du mit jemandem reden, kostenlos und vertraulich:
    { $helplines }

    Ich bin ein Coach für Rückenschmerzen und dafür nicht die richtige Unterstützung. Bitte wende dich an eine dieser Stellen oder an jemanden, dem du vertraust.
crisis-safe_now = Bist du gerade in Sicherheit?
crisis-unsafe =
    Bitte ruf jetzt { $emergency } an oder geh in die nächste Notaufnahme. Wenn du kannst, bleib bei jemandem oder sag jemandem in deiner Nähe, wie es dir geht.

    { $helplines }
crisis-glad = Danke, dass du es mir sagst. Ich bin froh, dass du gerade in Sicherheit bist.
crisis-carry_on_or_rest = Es eilt nicht. Wir können das Rücken-Coaching erst einmal ruhen lassen und weitermachen, wann immer du möchtest.
crisis-resting = Das ist in Ordnung. Ich frage nicht nach Übungen, bis du sagst, dass du weitermachen möchtest. Die Anlaufstellen oben sind jederzeit für dich da, Tag und Nacht.
crisis-whenever = Wann immer du mit dem Coaching weitermachen möchtest, sag einfach Bescheid.
crisis-listening = Ich bin da. Wann immer du so weit bist:
crisis-back = In Ordnung, machen wir weiter, ganz sanft. Falls diese Gefühle wiederkommen, sind die Anlaufstellen immer für dich da.
crisis-morning =
    Guten Morgen. Ich wollte nach gestern nachfragen: Wie geht es dir heute?

    Wenn dir alles zu viel wird, kannst du jetzt mit jemandem reden, kostenlos:
    { $helplines }
crisis-morning_ok = Das freut mich. Wann immer dir danach ist, macht /morning den heutigen Check, ganz ohne Druck.
crisis-ask = Ich möchte sichergehen, dass ich dich richtig verstanden habe. Hast du Gedanken, dir das Leben zu nehmen oder dir etwas anzutun?
crisis-ask_clear =
    Danke, dass du es mir sagst. Wenn dir einmal alles zu viel wird, kannst du jederzeit mit jemandem reden, kostenlos:
    { $helplines }
crisis-check_before_consent =
    Wenn du Gedanken hast, dir das Leben zu nehmen oder dir etwas anzutun, sprich bitte jetzt mit jemandem, kostenlos und vertraulich:
    { $helplines }

    Wenn du in Gefahr bist, ruf { $emergency } an.

## rescreen

rescreen-weekly = Vor der neuen Woche der wöchentliche Sicherheitscheck: dieselben kurzen Fragen wie am Anfang. Die meisten Menschen beantworten alle mit Nein.
rescreen-after_red = Weil das eben Rot war, eine kurze Sicherheitsfrage.
rescreen-quick =
    Ist dir seit dem letzten Check etwas davon aufgefallen?
    { $signs }
rescreen-question = Sicherheitscheck { $n } von { $total }: { $question }
rescreen-clear = Danke. Keines dieser Warnzeichen, also machen wir weiter.
rescreen-corrected = Danke für die Korrektur. Ich habe deine neue Antwort als Korrektur notiert, und das Coaching ist doch nicht pausiert.
rescreen-clarify = Du hast erwähnt, dass sich ein Bein schwach anfühlt. Betrifft die Schwäche beide Beine, oder wird sie von Tag zu Tag schlimmer?
rescreen-clarify_clear = Danke. Bei Rückenschmerzen kann sich ein Bein schwach oder schwer anfühlen, und für sich allein ist das kein Notfall. Wenn es auf beide Beine übergeht, immer schwächer wird oder du ein Taubheitsgefühl im Genital- oder Gesäßbereich oder Probleme beim Wasserlassen bemerkst, hol dir Notfallhilfe ({ $emergency }).
rescreen-check = Du hast etwas erwähnt, das ich sicherheitshalber nachfragen möchte. Hast du seit Beginn deiner Rückenschmerzen eine Veränderung bemerkt: bei der Kontrolle über Blase oder Darm, beim Gefühl am Po, an den Genitalien oder an den Innenseiten der Oberschenkel (Reithosenbereich), in deinem Sexualleben oder in beiden Beinen?
rescreen-check_short = Seit Beginn der Rückenschmerzen eine Veränderung bei der Kontrolle über Blase oder Darm, beim Gefühl im Intim- oder Gesäßbereich, im Sexualleben oder in beiden Beinen?
rescreen-check_clear = Danke. Falls sich davon etwas verändert, sag es mir sofort: Das muss schnell ärztlich angeschaut werden ({ $emergency }).
rescreen-check_before_consent =
    Wenn du eine neue Veränderung bei der Kontrolle über Blase oder Darm bemerkt hast, ein Taubheitsgefühl am Po, an den Genitalien oder an den Innenseiten der Oberschenkel, ein neues Problem beim Sex oder Beschwerden in beiden Beinen, hol dir bitte jetzt Notfallhilfe: Ruf { $emergency } an.
rescreen-clarify_before_consent =
    Du hast erwähnt, dass sich ein Bein schwach anfühlt. Wenn die Schwäche beide Beine betrifft, von Tag zu Tag schlimmer wird oder mit einem Taubheitsgefühl im Genital- oder Gesäßbereich oder Problemen beim Wasserlassen einhergeht, hol dir jetzt Notfallhilfe: Ruf { $emergency } an.

## privacy

privacy-notice =
    Was ich speichere und warum (Datenschutzhinweis Version { $version }):
    • deine Angaben zu Schmerz, Zuversicht und den Aktivitäten, die du einträgst – um dich zu beraten und deinen Fortschritt zu verfolgen;
    • deine Bewertungen der Bewegungen, deine Stufen und dein Portfolio – um deine nächsten Schritte auszuwählen;
    • deine Antworten auf die Sicherheitsfragen – damit das Coaching stoppt, wenn etwas ärztlich angeschaut werden muss;
    • deine Zeitzone, deine Morgenzeit und deine Erinnerungseinstellungen – um dich zu sinnvollen Zeiten zu erreichen;
    • eine numerische Chat-ID, um dir Nachrichten zu schicken. Keinen Namen, keinen Benutzernamen und keine Telefonnummer.

    Nichts wird weitergegeben oder verkauft. Wenn du den Coach 12 Monate lang nicht nutzt, wird automatisch alles gelöscht.
    /export schickt dir eine Kopie von allem, was ich gespeichert habe; /delete löscht alles, endgültig.
privacy-export = Hier ist alles, was ich über dich gespeichert habe: alles als JSON-Datei und deine Check-ins als CSV-Datei, die du in einer Tabellenkalkulation öffnen kannst.
privacy-confirm_delete = Damit löschst du endgültig alles, was ich über dich gespeichert habe – Check-ins, Stufen, Einstellungen, Antworten auf die Sicherheitsfragen –, und ich schreibe dir nicht mehr. Bist du sicher?
privacy-deleted = Erledigt. Alles über dich ist gelöscht, und ich schicke dir nichts mehr. Wenn du irgendwann neu anfangen möchtest, schick /start.
privacy-kept = Nichts gelöscht – deine Daten bleiben, wie sie waren.
privacy-new_version =
    Der Datenschutzhinweis hat sich geändert (jetzt Version { $version }). Kurz gesagt: Ich speichere deine Angaben zu Schmerz, Zuversicht und Aktivitäten, deine Stufen und Einstellungen und deine Antworten auf die Sicherheitsfragen – nur, um dich zu begleiten, ohne Weitergabe – und lösche alles nach 12 Monaten ohne Nutzung. Die Einzelheiten findest du unter /privacy.

    Bist du einverstanden, damit wir weitermachen können?
privacy-agreed = Danke. Machen wir weiter.
privacy-declined = Verstanden. Ich begleite dich nicht und schicke dir nichts, bis du zustimmst – schick irgendetwas, um den Hinweis noch einmal zu sehen. /delete löscht alles, was ich gespeichert habe.
privacy-begin_again = Schick /start, um neu anzufangen.

## redflag.q

redflag-q-bladder = Hast du neu Probleme beim Wasserlassen, oder kannst du den Urin nicht mehr richtig halten?
redflag-q-bowel = Kannst du den Stuhlgang nicht mehr richtig halten oder kontrollieren?
redflag-q-saddle = Hast du ein Taubheitsgefühl oder ein ungewohntes Gefühl im Genital- oder Analbereich oder an den Innenseiten der Oberschenkel (Reithosenbereich)?
redflag-q-sexual = Hast du seit Beginn der Rückenschmerzen neue Probleme mit deiner Sexualfunktion bemerkt?
redflag-q-both_legs = Hast du Schmerzen, Schwäche oder Taubheit in beiden Beinen?
redflag-q-weakness = Hast du in einem Bein eine Schwäche, die schlimmer wird?
redflag-q-fever = Hast du Fieber oder fühlst du dich allgemein krank?
redflag-q-cancer = Hattest du jemals Krebs?
redflag-q-trauma = Hat das nach einem schweren Sturz oder Unfall angefangen?
redflag-q-weight = Hast du in letzter Zeit abgenommen, ohne es zu wollen?
redflag-q-night = Hast du nachts starke Schmerzen, die nicht besser werden, wenn du die Position wechselst?
redflag-q-fracture = Hast du über lange Zeit Kortisontabletten genommen oder wurde bei dir Osteoporose (Knochenschwund) festgestellt – und kamen diese Schmerzen plötzlich?

## redflag.sign

redflag-sign-bladder = neue Probleme beim Wasserlassen, oder du verlierst ungewollt Urin oder kannst die Blase nicht mehr kontrollieren
redflag-sign-bowel = du kannst den Stuhlgang nicht mehr kontrollieren
redflag-sign-saddle = Taubheit oder ein ungewohntes Gefühl im Genital- oder Analbereich oder an den Innenseiten der Oberschenkel
redflag-sign-sexual = ein neues Problem mit der Sexualfunktion
redflag-sign-both_legs = Schmerzen, Schwäche oder Taubheit in beiden Beinen
redflag-sign-weakness = ein Bein, das immer schwächer wird

## synonym

synonym-yes = ja|j|y|jo|jaa|jap|japp|jep|jup|jupp|yes|jawohl|genau|stimmt|ja stimmt|ja, stimmt|ja bitte|ja, bitte|ja gerne|ja, gerne|ja gern|ja, gern|gerne|gern|einverstanden|ja klar|ja, klar|ja natürlich|ja, natürlich|ja naturlich|ja natuerlich|ja habe ich|ja, habe ich|ja hab ich|ja, hab ich|habe ich|hab ich|ja bin ich|ja, bin ich|bin ich
synonym-no = nein|n|nee|ne|nö|noe|no|nope|nein danke|nein, danke|nee danke|nö danke|nicht wirklich|keine|keins|nichts|nix|nein nichts|nein, nichts|gar nicht|garnicht|überhaupt nicht|uberhaupt nicht|ueberhaupt nicht|auf keinen fall|stimmt nicht|nein habe ich nicht|nein, habe ich nicht|nein hab ich nicht|nein, hab ich nicht|habe ich nicht|hab ich nicht|nein bin ich nicht|nein, bin ich nicht|bin ich nicht
synonym-unsure = nicht sicher|unsicher|bin unsicher|ich bin unsicher|nicht ganz sicher|bin nicht sicher|ich bin nicht sicher|bin mir nicht sicher|ich bin mir nicht sicher|weiß nicht|weiss nicht|weis nicht|weiß nich|weiss nich|ich weiß nicht|ich weiss nicht|ich weis nicht|ich weiß es nicht|ich weiss es nicht|weiß ich nicht|weiss ich nicht|weiß nicht genau|weiss nicht genau|keine ahnung|ka|k a|vielleicht|vllt|vlt|eventuell|evtl|möglicherweise|moglicherweise|moeglicherweise|kann sein|könnte sein|konnte sein|koennte sein|mag sein|jein|unklar|schwer zu sagen|kann ich nicht sagen|glaube schon|glaub schon|ich glaube schon|glaube nicht|glaub nicht|ich glaube nicht|eher ja|eher nicht|eigentlich nicht|ein bisschen|bisschen|ein wenig|etwas|manchmal|ab und zu|kaum
synonym-wrong = falsch|falsche|falsch gedrückt|falsch gedruckt|falsch gedrueckt|falsch getippt|falsch geklickt|falscher knopf|falsche taste|falscher button|falsche antwort|das falsche|ich habe das falsche gedrückt|ich habe das falsche gedruckt|ich habe das falsche gedrueckt|hab das falsche gedrückt|hab das falsche gedruckt|hab das falsche gedrueckt|ich habe mich vertippt|hab mich vertippt|vertippt|verdrückt|verdruckt|verdrueckt|verklickt|hoppla|ups|upps|oops|fehler|versehen|aus versehen|korrigieren|rückgängig|ruckgangig|rueckgaengig
synonym-ok = ok|okay|okey|oke|k|kk|passt|in ordnung|alles klar|klar|na klar|gut|sicher|geht klar|mach ich|machen wir
synonym-cancel = abbrechen|abbruch|stopp|stop|halt|beenden|aufhören|aufhoren|aufhoeren|lass es|lass mal|vergiss es|cancel

## goals

goals-ask_onboarding = Jetzt zu dir: Welche Alltagsdinge fallen dir wegen deines Rückens schwer, die du gern wieder können möchtest? Wähl eins aus oder schreib dein eigenes in ein paar Worten (bis zu { $chars ->
        [one] 1 Zeichen
       *[other] { $chars } Zeichen
    }). Höchstens { $max ->
        [one] ein Ziel
       *[other] { $max } Ziele
    }.
goals-ask = Zu welcher Alltagsaktivität möchtest du zurückfinden? Wähl unten eine aus oder schreib deine eigene in ein paar Worten (bis zu { $chars ->
        [one] 1 Zeichen
       *[other] { $chars } Zeichen
    }).
goals-ask_short = Wähl unten eine Aktivität aus oder schreib deine eigene in ein paar Worten (bis zu { $chars ->
        [one] 1 Zeichen
       *[other] { $chars } Zeichen
    }).
goals-movements = Welche Bewegungen braucht „{ $goal }“? Tippe alle an, die passen, dann „Fertig“.
goals-movements_more = Bisher: { $picked }. Tippe weitere an, die „{ $goal }“ braucht, oder „Fertig“.
goals-rate_new = Wie gut klappt „{ $goal }“ im Moment?
goals-rate_weekly = Zeit für die wöchentliche Bewertung deiner Ziele – kurz 0–10 für jedes. Wie gut klappt „{ $goal }“ im Moment?
goals-rate = Ziel { $n } von { $total }: Wie gut klappt „{ $goal }“ im Moment?
goals-rate_low = geht gar nicht
goals-rate_high = so gut wie vor meinen Rückenschmerzen
goals-added = Hinzugefügt: „{ $goal }“, vorerst bei { $now }/10.
goals-more = Möchtest du noch eins hinzufügen? Du kannst bis zu { $max ->
        [one] ein Ziel
       *[other] { $max } Ziele
    } haben.
goals-list =
    Deine Ziele:
    { $lines }
goals-list_onboarding =
    Deine Ziele:
    { $lines }
    Sie bestimmen, welche Bewegungen wir zuerst aufbauen, und einmal pro Woche frage ich dich mit dem Wochenrückblick, wie es bei jedem läuft.
goals-none_yet = Du hast noch keine Ziele genannt: Alltagsdinge, die dir wegen deines Rückens schwerfallen und die du gern wieder können möchtest (bis zu { $max ->
        [one] ein Ziel
       *[other] { $max } Ziele
    }).
goals-skipped = Kein Problem – du kannst jederzeit mit /goals Ziele hinzufügen.
goals-menu =
    Deine Ziele:
    { $lines }

    Was möchtest du tun?
goals-menu_line = • { $goal } – { $now }/10 ({ $on })
goals-menu_line_unrated = • { $goal } – noch nicht bewertet
goals-pick_rename = Welches Ziel möchtest du umbenennen?
goals-pick_retire = Welches Ziel möchtest du abschließen? Seine Bewertungen bleiben in deinem Verlauf.
goals-rename = Wie möchtest du „{ $goal }“ stattdessen nennen? Ein paar Worte reichen.
goals-renamed = Erledigt – aus „{ $old }“ wird „{ $new }“.
goals-retired = Erledigt – „{ $goal }“ ist abgeschlossen. Glückwunsch, falls es daran liegt, dass du es wieder kannst.
goals-unchanged = Deine Ziele bleiben, wie sie waren.
goals-rated =
    Danke. So stehen deine Ziele:
    { $lines }
goals-empty = Da habe ich keine Aktivität erkannt. Wähl unten eine aus oder schreib sie in ein paar Worten.
goals-too_long = { $length ->
        [one] Das ist 1 Zeichen
       *[other] Das sind { $length } Zeichen
    } – bitte höchstens { $chars ->
        [one] 1 Zeichen
       *[other] { $chars } Zeichen
    }, etwa „einen Film durchsitzen“.
goals-no_words = Bitte beschreib die Aktivität in Worten, etwa „Einkäufe tragen“.
goals-link = Bitte nur die Aktivität in ein paar Worten – keine Links.
goals-line_first = • { $goal }: { $now }/10
goals-line_same = • { $goal }: { $now }/10, genauso wie am { $since }
goals-line_real_up = • { $goal }: { $first } → { $now } seit { $since } ({ $diff }: eine echte Veränderung)
goals-line_real_down = • { $goal }: { $first } → { $now } seit { $since } ({ $diff }: ein echter Rückgang – wenn es so bleibt, sprich es in deiner Physiotherapie oder Arztpraxis an)
goals-line_small = • { $goal }: { $first } → { $now } seit { $since } ({ $diff }: im Rahmen der üblichen Schwankungen – erst eine Veränderung ab { $real ->
        [one] 1 Punkt
       *[other] { $real } Punkten
    } zählt)
goals-rate_note = Es ist auch wieder Zeit, deine Ziele zu bewerten – schick /goals, wenn du so weit bist.
goals-btn_skip = Jetzt nicht
goals-btn_add = Ziel hinzufügen
goals-btn_rate = Jetzt bewerten
goals-btn_rename = Eins umbenennen
goals-btn_retire = Eins abschließen
goals-btn_keep = So lassen
goals-btn_movement = { $name }
goals-btn_movement_on = ✓ { $name }
goals-btn_done = Fertig
goals-btn_none = Keine davon
goals-btn_yes_more = Noch eins hinzufügen
goals-btn_no_more = Das ist alles
goals-step_part = Dein Ziel, ein erster Versuch: { $goal }
goals-step_part_how = Probier einen kleinen, leichten Teil von „{ $goal }“ aus – ein paar Minuten oder die leichteste Variante davon – mit der Bewegung, die du geübt hast. Hör auf, solange es sich noch angenehm anfühlt.
goals-step_whole = Dein Ziel: { $goal }
goals-step_whole_how = Mach „{ $goal }“ so, wie du es normalerweise machen würdest, in ruhigem Tempo und mit Pausen, wann immer du möchtest.

## goals.suggestion

goals-suggestion-pick_up_child = Mein Kind hochheben
goals-suggestion-sit_film = Einen Film durchsitzen
goals-suggestion-garden = Eine Stunde Gartenarbeit
goals-suggestion-shopping = Die Einkäufe tragen
goals-suggestion-socks = Socken anziehen
goals-suggestion-drive = Eine Stunde Auto fahren
goals-suggestion-housework = Hausarbeit machen
goals-suggestion-play_floor = Mit den Kindern auf dem Boden spielen

## summary

summary-green = grün
summary-amber = gelb
summary-red = rot
summary-ready = Hier ist deine einseitige Zusammenfassung für deine Physiotherapie oder Arztpraxis: deine Schmerzen rund um Aktivitäten, deine Ampelfarben, deine Stufenpläne, deine Ziele und deine Sicherheitschecks. Dein Name steht nicht darauf.
summary-ready_empty = Hier ist deine einseitige Zusammenfassung. Es gibt noch keine Check-ins, das steht auch so darin – sie füllt sich, wenn du mit /checkin Aktivitäten einträgst.
summary-just_sent = Ich habe dir die Zusammenfassung gerade eben geschickt – sie steht direkt darüber.
summary-title = Erholung bei Rückenschmerzen – Zusammenfassung für Behandelnde
summary-subtitle = Von backcoach, einem Coach zum Selbstmanagement (keine Diagnose). Alle Werte sind eigene Angaben der Person auf einer Skala von 0–10.
summary-period = Zeitraum
summary-period_value = { $start } – { $end } ({ $weeks ->
        [one] 1 Woche
       *[other] { $weeks } Wochen
    } dargestellt)
summary-episode = Beginn der Episode
summary-episode_value = etwa { $date } (vor { $weeks ->
        [one] 1 Woche
       *[other] { $weeks } Wochen
    })
summary-episode_unknown = nicht angegeben
summary-phase = Aktuelle Phase
summary-phase_flare = { $phase } – Schub-Plan seit { $since }
summary-phase_paused = { $phase } – Steigerung pausiert seit { $since }
summary-checkins = Check-ins
summary-checkins_value = { $done } erledigt · { $skipped } verschoben („heute nicht“) · { $unfinished } nicht abgeschlossen
summary-made = Erstellt
summary-screens = Red-Flag-Screenings
summary-screen_clear = { $date } · { $context }: keine Red Flags
summary-screen_flags = { $date } · { $context }: { $flags }
summary-screen_none = In diesem Zeitraum keine Screenings erfasst.
summary-hold_now = Coaching derzeit angehalten ({ $kind }) seit { $date }, bis eine ärztliche Abklärung erfolgt ist.
summary-hold_assessed = Laut Angabe am { $date } ärztlich/physiotherapeutisch untersucht; Coaching fortgesetzt.
summary-hold_emergency = Notfallzeichen
summary-hold_urgent = dringliche Zeichen
summary-context_onboarding = Erst-Screening
summary-context_weekly = wöchentliches Screening
summary-context_after_red = nach roter Ampel
summary-context_free_text = in einer getippten Nachricht
summary-context_correction = Antwort korrigiert
summary-answer_yes = ja: { $flag }
summary-answer_unsure = unsicher: { $flag }
summary-flag_other = mögliche Red Flag
summary-pain_title = Schmerz rund um Aktivitäten (0–10, Tagesmittel)
summary-pain_before = vorher
summary-pain_during = am stärksten währenddessen
summary-pain_after = 1 Stunde danach
summary-lights_title = Ampelfarben pro Woche
summary-ladders_title = Stufen pro Woche
summary-ladder_line = { $ladder }: jetzt Stufe { $level } von { $top } ({ $step }); in diesem Zeitraum { $path }
summary-ladders_none = Keine Expositions-Stufenpläne.
summary-goals = Eigene Ziele (0 = geht nicht, 10 = wie früher; eine Veränderung ab 2 Punkten ist echt)
summary-goal_line = „{ $goal }“: { $ratings }
summary-goal_unrated = nicht bewertet
summary-goal_retired = (abgeschlossen)
summary-goal_real = – Veränderung { $diff }: echt
summary-goal_small = – Veränderung { $diff }: unter { $real }, im Rahmen der Schwankung
summary-goals_none = Keine Ziele genannt.
summary-goals_title = Zielbewertungen pro Woche
summary-evidence = Erwartung (vorhergesagter vs. tatsächlicher Spitzenschmerz bei Expositionsschritten)
summary-evidence_value = Bei { $better } von { $count ->
        [one] 1 Schritt
       *[other] { $count } Schritten
    } war der Schmerz geringer als vorhergesagt (Mittel vorhergesagt { $expected }, Mittel Spitze { $during }).
summary-evidence_none = In diesem Zeitraum keine Vorhersagen gemacht.
summary-empty = Noch keine Check-ins: Die Grafiken füllen sich, sobald Aktivitäten eingetragen werden.
summary-week = Woche ab
summary-level = Stufe
summary-rating = Bewertung

## summary.flag

summary-flag-bladder = Blase
summary-flag-bowel = Darm
summary-flag-saddle = Reithosenanästhesie
summary-flag-sexual = Sexualfunktion
summary-flag-both_legs = beide Beine
summary-flag-weakness = zunehmende Beinschwäche
summary-flag-fever = Fieber oder Krankheitsgefühl
summary-flag-cancer = Krebs in der Vorgeschichte
summary-flag-trauma = Sturz oder Unfall
summary-flag-weight = Gewichtsverlust
summary-flag-night = Nachtschmerz
summary-flag-fracture = Frakturrisiko
summary-flag-check_cauda = nahe an Notfallzeichen (nachgefragt)
summary-flag-one_leg_weak = Schwäche in einem Bein (nachgefragt)

helpline-line = • { $name }: { $ways } ({ $hours })
helpline-text = SMS an { $number }
helpline-always = rund um die Uhr
helpline-daily = täglich { $hours }
helpline-name-directory = Find A Helpline (kostenlose, vertrauliche Hilfetelefone in jedem Land)
helpline-name-emergency = Notruf, von den meisten Handys aus
terminal-banner = backcoach — Chat im Terminal. Mit /help siehst du alle Befehle; Strg-D beendet den Chat (dein Fortschritt bleibt gespeichert).
terminal-bye = Bis bald — alles, was du mir erzählt hast, ist gespeichert.
terminal-bye_erased = Bis bald.
terminal-type_number = ({ $hint } — tippe eine Zahl)
terminal-type_one = tippe eins davon: { $choices }
purpose_inline-decompression = Entlastung
purpose_inline-hip_mobility = Hüftbeweglichkeit
purpose_inline-thoracic_mobility = Beweglichkeit des oberen Rückens
purpose_inline-deep_stabilisation = tiefe Stabilisierung
purpose_inline-dynamic_control = Bewegungskontrolle
