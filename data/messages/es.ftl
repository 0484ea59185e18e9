# Catálogo de mensajes en español (sintaxis Project Fluent: https://projectfluent.org/fluent/guide/).
# Español neutro, tratando de "tú", para España y Latinoamérica. El coach orienta; nunca diagnostica
# ni promete curar. Mismos ids y variables que en.ftl.

# el nombre del idioma en el propio idioma, en el paso de idioma y en /settings
language-name = Español


## helpline
# un teléfono de ayuda en una respuesta de crisis; $ways: su teléfono, número para SMS y web, según tenga

helpline-line = • { $name }: { $ways } ({ $hours })
helpline-text = SMS al { $number }
helpline-always = 24 horas, todos los días
helpline-daily = todos los días, { $hours }
helpline-name-directory = Find A Helpline (líneas de ayuda gratuitas y confidenciales en todos los países)
helpline-name-emergency = Emergencias, desde la mayoría de los móviles


## terminal
# las líneas propias del chat en la terminal: antes del primer mensaje y al salir

terminal-banner = backcoach — chat en la terminal. Escribe /help para ver los comandos; Ctrl-D para salir (tu progreso se guarda).
terminal-bye = Hasta pronto: todo lo que me has contado está guardado.
terminal-bye_erased = Hasta pronto.
# debajo de una pregunta de 0 a 10: $hint es "0 = sin dolor … 10 = el peor dolor imaginable"
terminal-type_number = ({ $hint }; escribe un número)
# debajo de una pregunta que solo se responde con palabras (seguridad, consentimiento): $choices "Sí · No · No lo sé"
terminal-type_one = escribe una de estas: { $choices }


## common

common-not_a_choice = Perdona, no te he entendido. Elige una de las opciones de abajo (puedes escribir su número).
common-not_a_choice_words = Perdona, no te he entendido. Elige una de las opciones de abajo o escríbela con palabras (aquí no vale un número).
common-not_a_score = Aquí necesito un número entero del { $lo } al { $hi }: por ejemplo 4, o 4/10.
common-invalid_time = No he entendido esa hora. Prueba con algo como 07:30 o 7:00.
common-invalid_zone = No conozco esa zona horaria. Elige una de abajo, o escribe una ciudad como Madrid o Buenos Aires, un nombre IANA como Europe/Madrid o un desfase como UTC+2.
common-invalid_slot = No he entendido ese día y hora. Elige una opción de abajo, o escribe algo como "domingo 18:00".
common-invalid_days = No lo he entendido. Elige una opción, o escribe una fecha como 2026-11-01.
common-stale = Esa pregunta ya pasó; esto es lo que toca ahora.
common-idle = Ahora mismo no hay nada pendiente de respuesta. Envía /checkin para registrar una actividad, /plan para ver el paso de hoy o /help para todo lo demás.
common-carry_on = Sigamos con la configuración.
common-welcome_back = Hola de nuevo.
common-in_progress = Ya estás a mitad de esto; terminémoslo.
common-finish_first = Terminemos esto primero; luego hacemos lo otro.
common-setup_first = Terminemos primero la configuración; solo son unos minutos.
common-resume = Volvemos a donde lo dejamos:
common-resume_checkin = Volvemos a tu registro de { $activity } de las { $time }:
common-morning_ready = Tu control de la mañana está listo: envía /morning cuando termines con esto.
common-recap_ready = Tu resumen semanal está listo: envía /recap cuando termines con esto.
common-error = Perdona, algo ha fallado por mi parte y tu último mensaje no me ha llegado. Todo lo anterior está guardado; vuelve a enviarlo dentro de un momento.
common-send_failed = Perdona, he tenido un problema al enviarte mi respuesta. No se ha perdido nada de lo que me has contado; aquí es donde estamos:
common-later = De acuerdo. Envía /checkin cuando quieras, o /plan para volver a ver el paso de hoy.
common-unknown_command = No conozco el comando /{ $command }.
common-paused = En pausa: no te enviaré nada sin que me lo pidas hasta que envíes /resume. Tus registros y tu progreso se guardan, y puedes seguir usando todos los comandos.
common-already_paused = Ya estás en pausa. Envía /resume cuando quieras volver a recibir recordatorios y seguimientos.
common-resumed = Hola de nuevo: los recordatorios y seguimientos vuelven a estar activados.
common-not_paused = Ahora mismo no hay nada en pausa.
common-no_words = Aquí solo puedo leer palabras y números escritos, no stickers ni imágenes.
common-cancelled = Vale, lo dejamos: lo que ya me habías contado está guardado.
common-cancelled_setup = Vale, lo dejamos: lo que ya me habías contado está guardado. La configuración aún no está terminada: envía /start cuando quieras retomarla.
common-nothing_to_cancel = Ahora mismo no hay nada que parar.
common-not_cancelled = Esta pregunta no se puede dejar de lado; respóndela abajo, por favor.
common-undo = No pasa nada: repetimos esa pregunta.
common-on_hold = El acompañamiento está en pausa hasta que te vea un profesional de la salud.
common-on_hold_emergency = El acompañamiento está en pausa hasta que te vea un profesional de la salud. Si aún no te han visto, busca ayuda urgente ahora: llama al { $emergency }.
common-help =
    Esto es lo que puedo hacer:
    /checkin — registrar una actividad: el dolor antes, durante y después, y un consejo para el siguiente paso
    /plan — el paso que te propongo para hoy
    /progress — en qué punto estás con cada movimiento, con los últimos resultados
    /morning — el control de la mañana (dolor al despertar y paso de hoy)
    /recap — tu semana de un vistazo, con un gráfico
    /portfolio — tus cinco movimientos de cada día, para qué sirve cada uno y cómo cambiar uno
    /settings — tu zona horaria, la hora de la mañana, el día y la hora del resumen semanal, activar o desactivar las micropausas, y el idioma
    /flare — me ha dado una crisis de dolor de espalda: pasar unos días al plan de crisis
    /carry_on — un profesional de la salud me ha dicho que puedo seguir avanzando (quita la pausa)
    /pause — parar por ahora recordatorios y seguimientos; /resume — volver a activarlos
    /cancel — dejar lo que estamos haciendo (lo que me hayas contado se guarda); "me equivoqué" justo después de responder repite esa pregunta
    /goals — tus propios objetivos: añadir, puntuar, renombrar o retirar uno
    /summary — un PDF de una página con tu progreso para enseñárselo a tu fisioterapeuta o médico
    /privacy — qué guardo y por qué; /export — una copia de todo; /delete — borrarlo todo
    /start — configurar, o ver en qué punto estás
    /help — esta lista

    Soy un coach para volver a la normalidad después de un episodio de dolor lumbar. No hago diagnósticos y no soy un servicio de urgencias: si notas que algo va realmente mal, contacta con un médico o con emergencias.

## settings

settings-menu =
    Tus ajustes:
    Zona horaria: { $tz }
    Mensaje de la mañana: { $time }
    Resumen semanal: { $recap }
    Micropausas: { $breaks }
    Idioma: { $language }

    ¿Qué te gustaría cambiar?
settings-recap = ¿Cuándo quieres recibir tu resumen semanal? Elige una opción, o escribe un día y una hora como "domingo 18:00".
settings-saved_recap = Hecho: tu resumen semanal llegará el { $slot }.
settings-breaks_on = Las micropausas están activadas: los días laborables entre las { $start } y las { $end }, { $minutes ->
        [one] cada minuto más o menos
       *[other] cada { $minutes } minutos más o menos
    }, te propondré un minuto de movimiento que puedes hacer en tu mesa o de pie, o de respiración lenta. Si ignoras unas cuantas, te las propondré con menos frecuencia.
settings-breaks_off = Las micropausas están desactivadas. Puedes activarlas cuando quieras en /settings.
settings-breaks_state_on = activadas
settings-breaks_state_off = desactivadas
settings-tz = ¿En qué zona horaria estás? Elige una, o escribe tu ciudad (como Madrid) o un desfase (como UTC+2).
settings-nudge_time = ¿A qué hora quieres tu mensaje de la mañana? Elige una, o escribe una hora como 07:15.
settings-saved_tz = Hecho: tu zona horaria ahora es { $tz }.
settings-saved_time = Hecho: tu mensaje de la mañana llegará a las { $time }.
settings-unchanged = No ha cambiado nada.
settings-language = ¿En qué idioma quieres que te escriba?
settings-saved_language = Hecho: a partir de ahora te escribiré en español.
# el día y la hora del resumen semanal: $day es el nombre del día en este idioma, $time "18:00"
settings-slot = { $day } a las { $time }

## zone

zone-fixed = { $tz } es un desfase fijo: no sigue el cambio de horario de verano. Si en tu país se cambia la hora durante el año, escribe mejor tu ciudad (por ejemplo Madrid o Buenos Aires); puedes cambiarlo cuando quieras en /settings.
zone-not_whole_hour = Solo puedo usar desfases de horas enteras, como UTC+2. Para UTC+5:30, UTC+5:45 y similares, escribe mejor tu ciudad: por ejemplo Kolkata, Kathmandu, Tehran o Adelaide.

## command

command-start = Configurar, o ver en qué punto estás
command-checkin = Registrar una actividad y recibir consejo para el siguiente paso
command-plan = El paso que te propongo para hoy
command-progress = En qué punto estás con cada movimiento
command-recap = Tu semana de un vistazo, con un gráfico
command-privacy = Qué se guarda sobre ti y por qué
command-export = Recibir una copia de todo lo que se guarda sobre ti
command-delete = Borrar todo lo que se guarda sobre ti
command-morning = El control de la mañana: dolor al despertar y paso de hoy
command-settings = Zona horaria, hora de la mañana, resumen semanal, micropausas
command-portfolio = Tus cinco movimientos, y cómo cambiar uno
command-pause = Parar por ahora recordatorios y seguimientos
command-resume = Volver a activar recordatorios y seguimientos
command-help = Lo que puede hacer el coach
command-cancel = Dejar lo que estamos haciendo
command-flare = Tengo una crisis de dolor de espalda: pasar al plan de crisis
command-carry_on = Un profesional me ha dicho que siga: quitar la pausa
command-goals = Tus propios objetivos: añadir, puntuar, renombrar o retirar
command-summary = Un PDF de una página para tu fisioterapeuta o médico

## recap

recap-header = Tu semana, { $start } – { $end }: { $done ->
        [one] 1 registro hecho
       *[other] { $done } registros hechos
    }, { $skipped ->
        [one] 1 aplazado
       *[other] { $skipped } aplazados
    } para otro día.
recap-empty = Tu semana, { $start } – { $end }: esta semana no hay registros, y no pasa nada: hay semanas así. Cuando quieras, una actividad corta y suave es una buena forma de retomar: envía /checkin.
recap-empty_new = Tu semana, { $start } – { $end }: todavía no hay registros desde que empezaste. Cuando quieras, /checkin registra el paso de hoy, y el resumen de la semana que viene ya tendrá algo que mostrar.
recap-counts = Semáforos: 🟢 { $green } · 🟡 { $amber } · 🔴 { $red }
recap-trend = Dolor medio — antes: { $before } (semana pasada { $last_before }) · máximo durante: { $during } (semana pasada { $last_during }) · una hora después: { $after } (semana pasada { $last_after })
recap-trend_first = Dolor medio — antes: { $before } · máximo durante: { $during } · una hora después: { $after }. La semana que viene podré compararlo.
recap-moves =
    Cambios de nivel esta semana:
    { $lines }
recap-no_moves = Esta semana no ha habido cambios de nivel: mantenerse también está bien.
recap-evidence =
    Mejor de lo que esperabas:
    { $lines }
    Cada una de estas es tu sistema nervioso aprendiendo que ese movimiento es seguro.
recap-evidence_line = • { $movement }: esperabas { $expected } y el máximo fue { $during }
recap-no_evidence = Ninguno de los pasos de esta semana dolió menos de lo que esperabas, así que esta semana no hay pruebas nuevas para tu registro.
recap-as_predicted = Esta semana, en todos los pasos el dolor máximo fue exactamente el que esperabas.
recap-moves_line = { $ladder }: { $path }
recap-stayed_line = { $ladder }: se mantiene en el nivel { $level }
recap-phase = Fase en la que estás: { $phase }.
recap-chart_title = Dolor esta semana (0–10)
recap-before = antes
recap-during = máximo durante
recap-after = una hora después
recap-lights_title = Semáforos de cada día
recap-green = verde
recap-amber = amarillo
recap-red = rojo
recap-goals_title = Tus objetivos, por semana (0 = no puedo, 10 = como antes)
recap-goals =
    Tus objetivos:
    { $lines }

## focus

focus-settle = Para la semana que viene: movimiento suave casi todos los días. { $focus } es un buen punto de partida. La comodidad marca hasta dónde llegar.
focus-rebuild = Para la semana que viene: { $focus }, poco a poco, y tu repertorio casi todos los días.
focus-progress = Para la semana que viene: seguir avanzando con { $focus }, de nivel en nivel, y solo después de dos intentos cómodos.
focus-return = Para la semana que viene: recuperar las tareas del día a día que habías dejado, empezando por { $focus }.
focus-flare = Para la semana que viene: el plan de crisis, con movimiento suave ({ $focus }, por ejemplo), respiración relajada y posturas cómodas. Las escaleras esperan hasta que tus mañanas vuelvan a estar cerca de lo habitual.
focus-paused = Para la semana que viene: la progresión está en pausa ({ $why }), así que solo movimiento suave; { $focus } es una buena opción. Las escaleras esperan.

## day

day-mon = lun
day-tue = mar
day-wed = mié
day-thu = jue
day-fri = vie
day-sat = sáb
day-sun = dom

## outreach

outreach-break_offer =
    Un minuto para tu espalda: { $name }. { $how }
    { $feel }
    { $options }
    Con suavidad y dentro de lo cómodo; luego, de vuelta a lo tuyo.
outreach-break_done = ¡Bien! Dosis pequeñas y frecuentes como esta evitan que se acumule la rigidez.
outreach-break_skipped = No pasa nada. En otro momento.

## exercise

exercise-feel = Lo que deberías notar: { $feel }
exercise-options = Más fácil: { $easier } Más difícil: { $harder }

## light

light-green = 🟢 verde
light-amber = 🟡 amarillo
light-red = 🔴 rojo
light-unfinished = ⚪ sin terminar

## phase

phase-settle = calma (movimiento suave mientras todo se tranquiliza)
phase-rebuild = reconstrucción (despertar con suavidad los músculos que sostienen tu espalda)
phase-progress = progresión (un poco más de recorrido, de carga o de tiempo, paso a paso)
phase-return = vuelta a la actividad completa

## phase_moved

phase_moved-rebuild = Tus últimos registros han salido en verde, así que pasamos a la fase de reconstrucción: se suman las escaleras de movimiento y tu repertorio, siempre a un nivel cómodo.
phase_moved-progress = Vas subiendo tus escaleras a buen ritmo, así que ahora pasamos a la fase de progresión: añadir recorrido, carga o tiempo, de poco en poco.
phase_moved-return = Estás en la recta de vuelta a la actividad completa: recuperar poco a poco lo que habías dejado y dejar que tu espalda demuestre que puede con cada cosa.

## flare

flare-start =
    Pasemos por ahora al plan de crisis. Tus escaleras de movimiento quedan en pausa, y cada una se retomará un nivel por debajo de donde estaba. Cada día: un poco de movimiento suave (un paseo corto, balanceo de rodillas, gato-vaca o puente con apoyo), unos minutos de respiración lenta y relajada, y descanso en posturas cómodas: de lado con una almohada entre las rodillas, o boca arriba con las pantorrillas apoyadas en una silla. Reparte la actividad a lo largo del día en lugar de hacerla toda de golpe.

    Cada mañana te preguntaré cómo va. Con dos mañanas seguidas cerca de lo habitual, retomamos las escaleras.
flare-already = El plan de crisis ya está activado (día { $day }). Sigue con suavidad; cada mañana te preguntaré cómo va.
flare-plan =
    Plan de crisis, movimiento suave de hoy: { $name }. { $how }
    Añade unos minutos de respiración lenta y relajada, y descansa en la postura que te resulte cómoda.
flare-how = ¿Cómo va la crisis esta mañana?
flare-settled = Casi como antes de la crisis
flare-easing = Va mejorando
flare-same = Más o menos igual
flare-worse = Peor
flare-calm = Eso suena más tranquilo. Una mañana más así y retomamos las escaleras.
flare-not_calm = Gracias por contármelo. Hoy seguimos con el plan de crisis: movimiento suave, respiración relajada y posturas cómodas.
flare-ended = Dos mañanas seguidas más tranquilas: el plan de crisis ha terminado. Tus escaleras se retoman un nivel por debajo de donde estaban, y desde ahí volvemos a avanzar.
flare-still = Llevas una semana con el plan de crisis y tu espalda todavía no ha vuelto a lo habitual. Consúltalo con un fisioterapeuta o un médico. Hasta entonces seguiré solo con movimiento suave; cuando te digan que puedes seguir, envía /carry_on.
flare-progress = El plan de crisis está activado (día { $day }): las escaleras están en pausa, solo movimiento suave.

## pause

pause-start = Tu espalda ha reaccionado peor tres veces en una semana, así que pongo en pausa la progresión: por ahora solo te propondré movimiento suave, y tus escaleras se retomarán un nivel por debajo de donde estaban. Coméntalo con un fisioterapeuta o un médico. Si te dicen que puedes seguir, envía /carry_on; si no, la pausa se quita tras una semana sin ningún rojo.
pause-flare = La progresión sigue en pausa hasta que te vea un profesional de la salud o pase una semana sin ningún rojo.
pause-plan = La progresión está en pausa ({ $why }), así que hoy solo movimiento suave: { $name }. { $how }
pause-lifted = Ha pasado una semana sin ningún rojo, así que la pausa ha terminado. Tus escaleras se retoman un nivel por debajo de donde estaban.
pause-lifted_clinician = Gracias: he anotado que un profesional de la salud te ha dicho que puedes seguir. Quito la pausa; tus escaleras se retoman un nivel por debajo de donde estaban.
pause-none = La progresión no está en pausa, así que no hay nada que quitar.
pause-progress = La progresión está en pausa ({ $why }): por ahora, solo movimiento suave.

## pause_why

pause_why-reds = tres registros en rojo en una semana
pause_why-flare = el plan de crisis ha durado una semana sin que tu espalda se calmara

## purpose

purpose-decompression = descompresión (quitar carga a la columna)
purpose-hip_mobility = movilidad de cadera
purpose-thoracic_mobility = movilidad de la espalda alta (dorsal)
purpose-deep_stabilisation = estabilización profunda (los músculos pequeños que estabilizan la columna)
purpose-dynamic_control = control dinámico (moverte bien ante lo que pide el día a día)

## purpose_inline
# el nombre corto dentro de una frase ("como tu movimiento de …")

purpose_inline-decompression = descompresión
purpose_inline-hip_mobility = movilidad de cadera
purpose_inline-thoracic_mobility = movilidad de la espalda alta
purpose_inline-deep_stabilisation = estabilización profunda
purpose_inline-dynamic_control = control dinámico

## purpose_short

purpose_short-decompression = Descompresión
purpose_short-hip_mobility = Movilidad de cadera
purpose_short-thoracic_mobility = Movilidad de espalda alta
purpose_short-deep_stabilisation = Estabilización profunda
purpose_short-dynamic_control = Control dinámico

## purpose_why

purpose_why-decompression = quita carga a la columna durante un rato, para que tu espalda y los músculos de alrededor se calmen.
purpose_why-hip_mobility = mantiene las caderas moviéndose con libertad, para que la zona lumbar no tenga que doblarse y girar por ellas.
purpose_why-thoracic_mobility = mantiene la espalda alta girando y abriéndose, lo que ahorra trabajo a la zona lumbar cuando giras o estiras los brazos.
purpose_why-deep_stabilisation = despierta los músculos pequeños y profundos que estabilizan la columna desde dentro, con control más que con fuerza.
purpose_why-dynamic_control = practica movimientos del día a día como levantarse, subir un escalón o agacharse, para que tu espalda se sienta estable al hacerlos.

## portfolio

portfolio-menu =
    Tu repertorio de movimientos: cinco movimientos, cada uno con su función.

    { $lines }

    ¿Quieres cambiar alguno por otro movimiento con la misma función? Elige cuál.
portfolio-line = • { $purpose }: { $name } — { $why }
portfolio-missing = aún sin elegir
portfolio-pick = Para { $purpose } tienes { $current }. ¿Qué prefieres en su lugar?
portfolio-swapped = Hecho: { $new } sustituye a { $old } como tu movimiento de { $purpose }. { $how }
portfolio-unchanged = Tu repertorio se queda como está.

## choice

choice-go_on = Continuar
choice-agree = Estoy de acuerdo
choice-decline = No, gracias
choice-yes = Sí
choice-no = No
choice-unsure = No lo sé
choice-ep_week = En los últimos 7 días
choice-ep_2weeks = Hace 1–2 semanas
choice-ep_6weeks = Hace 2–6 semanas
choice-ep_12weeks = Hace 6–12 semanas
choice-ep_older = Hace más de 12 semanas
choice-suggested = Usar la selección propuesta
choice-choose = Prefiero elegir
choice-checkin_now = Empezar un registro ahora
choice-later = Más tarde
choice-breaks_yes = Sí, por favor
choice-breaks_no = No, gracias
choice-todays_step = Paso de hoy: { $name }
choice-ladder_step = { $name }, nivel { $level }
choice-a_portfolio = Uno de los movimientos de mi repertorio
choice-a_walk = Un paseo
choice-done = Hecho
choice-not_today = Hoy no
choice-answer_now = Responder ahora
choice-change_tz = Zona horaria
choice-change_time = Hora de la mañana
choice-change_recap = Resumen semanal
choice-toggle_breaks = Activar/desactivar micropausas
choice-break_done = Hecho
choice-break_skip = Ahora no
choice-keep = Nada, gracias
choice-change_language = Idioma
choice-keep_portfolio = Dejarlos todos
choice-keep_movement = Seguir con { $name }
choice-delete_all = Sí, borrarlo todo
choice-keep_all = No, conservarlo
choice-checked_yes = Sí, ya me han revisado
choice-not_yet = Todavía no
choice-wrong = Me he equivocado de respuesta
choice-safe = Ahora mismo estoy a salvo
choice-unsafe = No estoy a salvo
choice-carry_on = Seguir con el acompañamiento
choice-not_now = Ahora no
choice-doing_ok = Estoy bien
choice-not_ok = No muy bien
choice-new_checkin = Empezar otro registro igualmente
choice-flared = Tengo una crisis de dolor de espalda

## onboarding

onboarding-intro_languages =
    { onboarding-intro }

    { onboarding-language }
onboarding-language = Te escribiré en español. ¿Prefieres otro idioma? Elígelo abajo; también puedes cambiarlo más adelante en /settings.
onboarding-intro_short = Cuando quieras, pulsa Continuar y lo dejamos todo preparado.
onboarding-intro =
    Hola, soy backcoach. Ayudo a volver a la normalidad después de un episodio de dolor lumbar: registros cortos de cómo te ha ido una actividad, consejos claros con un semáforo (verde, amarillo, rojo) y un plan gradual para los movimientos que dan respeto, como agacharse, levantar peso o girar el tronco.

    Lo que no soy: no hago diagnósticos, no sustituyo a tu médico ni a tu fisioterapeuta, y no soy un servicio de urgencias. Si nadie te ha revisado la espalda y algo te preocupa, consulta con un profesional de la salud.
onboarding-consent =
    Antes de empezar, unas palabras sobre privacidad (versión { $version } de la política). Para acompañarte guardo tus respuestas sobre el dolor, la confianza y las actividades que registras, además de tu zona horaria y la hora de la mañana; ni nombre, ni usuario, ni número de teléfono. Solo se usa para darte consejos, puedes pedir una copia o que se borre todo en cualquier momento, y no se comparte con nadie.

    ¿Estás de acuerdo?
onboarding-consent_short = ¿Estás de acuerdo con el aviso de privacidad de arriba (versión { $version } de la política)?
onboarding-declined = No pasa nada: no he guardado nada sobre tu salud. Si cambias de opinión, envía /start.
onboarding-adult = ¿Tienes 18 años o más?
onboarding-under_18 = Gracias por tu sinceridad. Estoy hecho solo para personas adultas, así que no puedo acompañarte: habla de tu espalda con tu madre o tu padre, con tu médico de familia o con un fisioterapeuta. No se ha guardado nada sobre tu salud.
onboarding-redflag_intro = Primero, unas preguntas de seguridad. La mayoría de la gente responde que no a todas.
onboarding-redflag = Pregunta de seguridad { $n } de { $total }: { $question }
onboarding-episode = ¿Cuándo empezó este episodio de dolor de espalda? Aproximadamente está bien.
onboarding-episode_long = Un dolor que dura más de unos tres meses merece una revisión a fondo con un profesional de la salud, si aún no te la han hecho. Aun así, puedo ayudarte a recuperar el movimiento poco a poco al mismo tiempo.
onboarding-fear = ¿Cuánto miedo te da { $movement } ahora mismo?
onboarding-fear_low = nada
onboarding-fear_high = muchísimo miedo
onboarding-portfolio_mode = Vamos a preparar tu repertorio de movimientos: cinco movimientos cortos y sencillos, uno para cada función: descompresión, movilidad de cadera, movilidad de la espalda alta, estabilización profunda y control dinámico. ¿Te propongo una selección o prefieres elegir cada uno?
onboarding-portfolio_mode_short = Tus cinco movimientos del repertorio: ¿te propongo una selección o prefieres elegir cada uno?
onboarding-portfolio_pick = Elige un movimiento para { $purpose }:
onboarding-tz = ¿En qué zona horaria estás? Elige una, o escribe tu ciudad: así mi mensaje de la mañana te llegará por la mañana.
onboarding-tz_noted = { $tz }: anotado.
onboarding-nudge_time = ¿A qué hora quieres recibir el mensaje de la mañana?
onboarding-time_noted = { $tz }: cada mañana a las { $time }.
onboarding-breaks =
    Lo último: las micropausas. Pasar mucho rato sentado o de pie sin moverte hace que se acumule la rigidez; un minuto de movimiento fácil de vez en cuando lo evita. Los días laborables entre las { $start } y las { $end }, { $minutes ->
        [one] cada minuto más o menos
       *[other] cada { $minutes } minutos más o menos
    }, te enviaría una: un movimiento que puedes hacer en tu mesa o de pie, o un minuto de respiración lenta. Si dejas unas cuantas sin responder, te las enviaré con menos frecuencia; en /settings puedes desactivarlas.

    ¿Las quieres?
onboarding-breaks_short = Micropausas los días laborables entre las { $start } y las { $end }: ¿las quieres?
onboarding-done =
    Todo listo. Tus ajustes:
    Zona horaria: { $tz }
    Mensaje de la mañana: { $time }
    Resumen semanal: { $recap }
    Micropausas: { $breaks }
    Idioma: { $language }
    Movimientos que vamos a trabajar: { $ladders }

    Los trabajaremos poco a poco, con pasos pequeños, guiándonos por cómo responde tu espalda y no por el calendario. En /settings puedes cambiar cualquiera de estos ajustes.
onboarding-done_no_ladders =
    Todo listo. Tus ajustes:
    Zona horaria: { $tz }
    Mensaje de la mañana: { $time }
    Resumen semanal: { $recap }
    Micropausas: { $breaks }
    Idioma: { $language }

    Ninguno de los movimientos te da miedo, así que nos centraremos en el movimiento suave y en tu repertorio. En /settings puedes cambiar cualquiera de estos ajustes.
onboarding-start_now = ¿Quieres hacer ahora el paso de hoy y registrar cómo te va?

## plan

plan-exposure = Paso de hoy — { $ladder }, nivel { $level } de { $top }: { $step }. { $how }
plan-exposure_easier = Paso de hoy — { $ladder }, nivel { $level } de { $top } (un nivel más fácil de lo habitual, porque esta mañana ha sido peor): { $step }. { $how }
plan-gentle = Movimiento suave de hoy: { $name }. { $how }
plan-gentle_easier = Movimiento suave de hoy, más fácil todavía porque esta mañana ha sido peor: { $name }. { $how }
plan-held_week = Tus mañanas han sido algo más dolorosas esta semana que la anterior, así que esta semana nos mantenemos en lugar de subir de nivel.
plan-progress_header =
    Dónde estás — fase: { $phase }

    { $ladders }
plan-progress_ladder = { $ladder }: nivel { $level } de { $top } ({ $step }) — últimos: { $lights }
plan-progress_empty = Todavía no hay escaleras de movimiento. Por ahora nos centramos en el movimiento suave y en tu repertorio.
plan-no_lights = aún no hay registros
plan-portfolio_reminder = De tu repertorio, hoy: { $name }. { $how }

## checkin

checkin-pending = A tu registro de { $activity } todavía le falta una respuesta: cómo está el dolor ahora. ¿Respondes ahora o empiezas otro registro y vuelves a este después?
checkin-choose = ¿Qué quieres registrar?
checkin-portfolio = ¿Qué movimiento del repertorio?
checkin-baseline = { $activity }. Antes de empezar: ¿cuánto dolor tienes ahora mismo?
checkin-baseline_short = ¿Dolor ahora mismo, antes de empezar, de 0 a 10?
checkin-expected = ¿Cuánto dolor crees que tendrás en el peor momento mientras lo haces?
checkin-confidence = ¿Cuánta confianza tienes en poder hacerlo sin hacerte daño en la espalda?
checkin-go_exposure =
    Este es el paso: { $how }

    Hazlo con suavidad y con control. Para si el dolor se vuelve agudo, baja por una pierna o sube mucho más de lo que esperabas. Avísame cuando lo hayas hecho, o si hoy no es el día.
checkin-go_exercise =
    { $activity }: { $how }
    { $cues }
    { $feel }
    { $options }
    { $stop_if }

    Avísame cuando lo hayas hecho, o si hoy no es el día.
checkin-go_short = { $activity }: avísame cuando lo hayas hecho, o si hoy no es el día.
checkin-during = Bien hecho. ¿Cuál fue el dolor máximo mientras lo hacías?
checkin-a1 = ¿Cómo está el dolor ahora?
checkin-a2 = ¿Y ahora, unas dos horas después, cómo está el dolor?
checkin-confidence_after = Ahora que lo has hecho: ¿cuánta confianza tienes en que se puede hacer sin hacerte daño en la espalda?
checkin-skipped = Está bien: "hoy no" es una decisión, no un fracaso. Lo he anotado. Vuelve a intentarlo cuando te venga bien.
checkin-wait_a1 = Gracias. Te pregunto de nuevo dentro de una hora más o menos para ver cómo se ha calmado tu espalda.
checkin-wait_a2 = Te preguntaré una vez más cuando pasen dos horas.
checkin-hour1 = una hora después
checkin-hour2 = dos horas después
checkin-followup_intro = Seguimiento de { $activity }:
checkin-followup_later = Es el momento de contarme cómo está tu espalda después de { $activity }: cuando termines con esto, envía /checkin y te pregunto.
checkin-pain_none = sin dolor
checkin-pain_worst = el peor dolor imaginable
checkin-conf_none = ninguna confianza
checkin-conf_full = confianza total

## after

after-settled = { $pain } { $when }: a un punto o menos del { $b } con el que empezaste. Se ha calmado.
after-above = { $pain } { $when }: todavía { $diff ->
        [one] 1 punto
       *[other] { $diff } puntos
    } por encima del { $b } con el que empezaste. Aún no se ha calmado.
after-well_above = { $pain } { $when }: muy por encima del { $b } con el que empezaste.

## advice

advice-green = { $light }: sigue adelante; podemos construir a partir de aquí.
advice-amber = { $light }: sigue, pero con cuidado; fíjate en cómo lo notas.
advice-red = { $light }: vamos a bajar un poco antes de volver a intentarlo.
advice-unfinished = { $light }: no tengo las respuestas de seguimiento, así que este no cuenta para el progreso.
advice-expect_better = Esperabas { $expected } y el máximo fue { $d }. Tu espalda lo ha llevado mejor de lo que creías: justo el tipo de prueba que ayuda a que un movimiento vuelva a sentirse seguro.
advice-expect_same = Esperabas { $expected } y el máximo fue { $d }: justo lo que habías previsto.
advice-expect_worse = Esperabas { $expected } y el máximo fue { $d }: { $diff ->
        [one] 1 punto
       *[other] { $diff } puntos
    } más de lo que habías previsto. Es útil saberlo; mantendremos pequeños los próximos pasos.
advice-expect_worse_little = Esperabas { $expected } y el máximo fue { $d }, un punto más de lo que habías previsto.
advice-confidence = Tu confianza ha pasado de { $before } antes a { $after } después.
advice-nonlinear = La recuperación casi nunca va en línea recta. Un día peor es parte normal de la reconstrucción, no una señal de daño: volvemos al nivel anterior y desde ahí subimos otra vez.
advice-not_a_substitute = Soy un coach, no sustituyo a un profesional de la salud: si el dolor es muy fuerte, no para de subir o aparece con síntomas nuevos, que te lo revisen.

## reason.green

reason-green-steady = El dolor pasó de { $b } a { $d } durante la actividad y estaba en { $a1 } una hora después: no peor que al empezar, y se calmó en menos de una hora.
reason-green-mild = El dolor pasó de { $b } a { $d } durante la actividad y estaba en { $a1 } una hora después: leve todo el tiempo, y se calmó en menos de una hora.

## reason.red

reason-red-rise = El dolor subió de { $b } a { $d } durante la actividad: un salto de { $rise ->
        [one] 1 punto
       *[other] { $rise } puntos
    }, demasiado para un solo paso ahora mismo.
reason-red-severe = El dolor subió de { $b } a { $d } durante la actividad: hasta un dolor fuerte, más de lo que este paso debería costarte ahora mismo.
reason-red-unsettled = El dolor pasó de { $b } a { $d } y seguía en { $a2 } dos horas después: no había vuelto cerca de donde empezaste.
reason-red-morning = Tu dolor a la mañana siguiente estaba muy por encima de lo habitual.

## reason.amber

reason-amber-rise = El dolor pasó de { $b } a { $d } durante la actividad y estaba en { $a1 } una hora después: se calmó en menos de una hora, pero durante la actividad subió algo más de lo ideal.
reason-amber-late = El dolor pasó de { $b } a { $d } durante la actividad, estaba en { $a1 } a la hora y en { $a2 } a las dos horas: se calmó, pero le costó un rato.

## reason.unfinished

reason-unfinished-a1 = El dolor pasó de { $b } a { $d } durante la actividad; sabré más tras el seguimiento de la primera hora.
reason-unfinished-a2 = El dolor pasó de { $b } a { $d } durante la actividad y estaba en { $a1 } a la hora; sabré más cuando pasen dos horas.

## next

next-up = La próxima vez: { $ladder }, nivel { $level } de { $top } — { $step }.
next-top = Has llegado a lo más alto de la escalera de { $ladder } ({ $step }). Mantenlo en tu semana como un movimiento más del día a día.
next-repeat = La próxima vez: quédate en { $ladder }, nivel { $level } — { $step } — hasta que te resulte cómodo dos veces seguidas.
next-back = La próxima vez: { $ladder }, nivel { $level } — { $step }. Cuando te resulte cómodo, volveremos al nivel de arriba.
next-return = La próxima vez: vuelta a { $ladder }, nivel { $level } — { $step }.
next-hold_reds = La próxima vez: quédate en { $ladder }, nivel { $level } — { $step }. Por ahora la progresión está en pausa.
next-hold_week = La próxima vez: quédate en { $ladder }, nivel { $level } — { $step }. Esta semana nos mantenemos porque tus mañanas han sido más dolorosas.
next-none = Tu escalera de { $ladder } sigue en el nivel { $level } ({ $step }); el paso más fácil de hoy no la mueve.
next-hard_day = La próxima vez: quédate en { $ladder }, nivel { $level } — { $step }. Hoy empezaste en { $b }, un día con mucho dolor, así que no vamos a construir sobre este; bien hecho por haberlo hecho igualmente.
next-phase_top = La próxima vez: quédate en { $ladder }, nivel { $level } — { $step }. Hasta aquí llega esta etapa de la recuperación; los siguientes niveles se abrirán cuando avance la fase.
next-gentle_green = A tu espalda le sienta bien. Sigue así, y la próxima vez puedes añadir un poco de tiempo o de recorrido.
next-gentle_amber = Por ahora mantén más o menos esta cantidad, y mira cómo lo notas la próxima vez.
next-gentle_red = La próxima vez haz un poco menos (una versión más corta o más suave) y desde ahí vuelve a subir.

## morning

morning-waking = Buenos días. ¿Cuánto dolor tenías hoy al despertarte?
morning-first = Gracias: { $pain } al despertar. Dentro de unas cuantas mañanas sabré qué es lo habitual para ti.
morning-usual = { $pain } al despertar: más o menos lo habitual ({ $usual }).
morning-better = { $pain } al despertar: mejor que lo habitual ({ $usual }). ¡Bien!
morning-bad = { $pain } al despertar: una mañana peor de lo habitual ({ $usual }). Es algo que pasa y no es señal de daño. Hoy vamos a ir un poco más suave.
morning-closed_red = Tu registro de { $activity }: un dolor al despertar de { $pain }, frente a tu habitual { $usual }, indica que fue un poco demasiado, así que ese paso baja un nivel por ahora.
morning-closed_unfinished = Tu registro anterior de { $activity } no llegó a tener su respuesta de seguimiento, así que lo he cerrado sin semáforo: no contará ni a favor ni en contra.
morning-start_now = ¿Quieres hacer ahora el paso de hoy?
morning-pain_none = sin dolor
morning-pain_worst = el peor dolor imaginable

## safety

safety-heard = Lo que me cuentas puede ser señal de algo que necesita un médico, no un coach.
safety-unsure = No lo tenías claro, así que, por precaución, lo tomaré como un sí.
safety-emergency =
    Busca ayuda médica urgente ahora: llama al { $emergency } o ve al servicio de urgencias más cercano. Diles que tienes dolor de espalda y explícales los cambios que hayas notado. No esperes a ver si se pasa.

    He puesto en pausa el acompañamiento: esto necesita un profesional de la salud, y yo no lo sustituyo.
safety-urgent =
    Contacta hoy mismo con un médico (tu médico de familia o un servicio de atención urgente) y cuéntale tu dolor de espalda y los cambios que hayas notado. Puede que no sea nada grave, pero hay que revisarlo antes de seguir. Si te encuentras muy mal o empeora rápido, llama al { $emergency }.

    Hasta entonces he puesto en pausa el acompañamiento: soy un coach y no sustituyo a un profesional de la salud.
safety-emergency_before_consent =
    Busca ayuda médica urgente ahora: llama al { $emergency } o ve al servicio de urgencias más cercano, diles que tienes dolor de espalda y explícales los cambios que hayas notado. No esperes a ver si se pasa.
safety-urgent_before_consent =
    Contacta hoy mismo con un médico y cuéntale tu dolor de espalda y los cambios que hayas notado: hay que revisarlo antes de hacer ningún ejercicio con un coach. Si te encuentras muy mal o empeora rápido, llama al { $emergency }.
safety-not_stored = No he guardado nada de lo que has escrito.
safety-checked = ¿Te ha visto un médico o un fisioterapeuta desde que empezaron estos síntomas?
safety-cleared = ¿Te dijeron que puedes hacer actividad suave?
safety-not_yet = De acuerdo. El acompañamiento sigue en pausa hasta que te vean, así que no lo dejes para más adelante. Si empeoras, llama al { $emergency }.
safety-keep_paused = Entonces mantengamos en pausa el acompañamiento y sigue sus indicaciones. Cuando un profesional de la salud te diga que puedes hacer actividad suave, dímelo aquí.
safety-resumed = Gracias por hacerte revisar; lo he anotado. Sigamos, con suavidad.
safety-local_emergency = número de emergencias de tu zona (el { $number } funciona desde la mayoría de los móviles)

## crisis

crisis-reply =
    Siento mucho que te sientas así. No tienes por qué cargar con esto a solas, y hablar con alguien puede ayudar, ahora mismo.

    Si crees que podrías actuar según esos pensamientos, o estás en peligro, llama ahora al { $emergency }.

    Personas con las que puedes hablar, gratis y de forma confidencial:
    { $helplines }

    Soy un coach para el dolor de espalda, así que no soy la ayuda adecuada para esto. Por favor, contacta con alguno de estos servicios o con alguien de confianza.
crisis-safe_now = ¿Estás a salvo ahora mismo?
crisis-unsafe =
    Llama ahora al { $emergency }, o ve al servicio de urgencias más cercano. Si puedes, quédate con alguien, o cuéntale a alguien cercano cómo te sientes.

    { $helplines }
crisis-glad = Gracias por contármelo. Me alegra que ahora mismo estés a salvo.
crisis-carry_on_or_rest = No hay prisa. Podemos dejar por ahora el acompañamiento para la espalda y seguir cuando tú quieras.
crisis-resting = Está bien. No te preguntaré por ejercicios hasta que me digas que quieres seguir. Los teléfonos de ayuda de arriba están disponibles en cualquier momento, de día o de noche.
crisis-whenever = Cuando quieras seguir con el acompañamiento, solo tienes que decírmelo.
crisis-listening = Aquí estoy. Cuando quieras:
crisis-back = De acuerdo, sigamos, con calma. Si vuelves a sentirte así, los teléfonos de ayuda siempre están ahí.
crisis-morning =
    Buenos días. Quería saber de ti después de lo de ayer: ¿cómo estás hoy?

    Si todo se te hace demasiado, puedes hablar con alguien ahora, gratis:
    { $helplines }
crisis-morning_ok = Me alegro. Cuando te apetezca, /morning hace el control de hoy, sin ninguna presión.
crisis-ask = Quiero asegurarme de que te he entendido bien. ¿Estás teniendo pensamientos de quitarte la vida o de hacerte daño?
crisis-ask_clear =
    Gracias por decírmelo. Si en algún momento todo se te hace demasiado, puedes hablar con alguien cuando quieras, gratis:
    { $helplines }
crisis-check_before_consent =
    Si estás teniendo pensamientos de quitarte la vida o de hacerte daño, habla con alguien ahora, gratis y de forma confidencial:
    { $helplines }

    Si estás en peligro, llama al { $emergency }.

## rescreen

rescreen-weekly = Antes de empezar la semana, el control de seguridad semanal: las mismas preguntas cortas del principio. La mayoría de la gente responde que no a todas.
rescreen-after_red = Como ha salido en rojo, una pregunta rápida de seguridad.
rescreen-quick =
    Desde el último control, ¿has notado alguna de estas cosas?
    { $signs }
rescreen-question = Pregunta de seguridad { $n } de { $total }: { $question }
rescreen-clear = Gracias. Ninguna de esas señales de alarma, así que sigamos.
rescreen-corrected = Gracias por corregirlo. He anotado tu nueva respuesta como corrección, y al final el acompañamiento no queda en pausa.
rescreen-clarify = Has dicho que notas una pierna débil. ¿La debilidad está en las dos piernas, o va a más de un día para otro?
rescreen-clarify_clear = Gracias. Con el dolor de espalda una pierna puede notarse débil o pesada, y eso por sí solo no es una urgencia. Si pasa a las dos piernas, se debilita cada vez más, o notas adormecimiento en la zona genital, el ano o la parte interior de los muslos, o problemas para orinar, busca ayuda urgente (llama al { $emergency }).
rescreen-check = Has dicho algo que, por seguridad, me gustaría comprobar. Desde que empezó el dolor de espalda, ¿has notado algún cambio en el control de la orina o de las heces, en la sensibilidad de la zona genital, el ano o la parte interior de los muslos, en tu vida sexual o en las dos piernas?
rescreen-check_short = Desde que empezó el dolor de espalda, ¿algún cambio en el control de la orina o de las heces, en la sensibilidad de tus partes íntimas, en tu vida sexual o en las dos piernas?
rescreen-check_clear = Gracias. Si cualquiera de esas cosas cambia, dímelo enseguida: necesitan un médico cuanto antes (llama al { $emergency }).
rescreen-check_before_consent =
    Si has notado algún cambio nuevo en el control de la orina o de las heces, adormecimiento en la zona genital, el ano o la parte interior de los muslos, un problema nuevo en tu vida sexual, o síntomas en las dos piernas, busca ayuda urgente ahora: llama al { $emergency }.
rescreen-clarify_before_consent =
    Has dicho que notas una pierna débil. Si la debilidad está en las dos piernas, va a más de un día para otro, o viene con adormecimiento en la zona genital, el ano o la parte interior de los muslos, o con problemas para orinar, busca ayuda urgente ahora: llama al { $emergency }.

## privacy

privacy-notice =
    Qué guardo y por qué (versión { $version } del aviso de privacidad):
    • tus respuestas sobre el dolor, la confianza y las actividades que registras, para darte consejos y seguir tu progreso;
    • tus puntuaciones de los movimientos, tus niveles en las escaleras y tu repertorio, para elegir tus siguientes pasos;
    • tus respuestas a las preguntas de seguridad, para que el acompañamiento se detenga cuando algo necesite un médico;
    • tu zona horaria, la hora de la mañana y los ajustes de recordatorios, para escribirte a horas razonables;
    • un identificador numérico del chat para enviarte mensajes. Ni nombre, ni usuario, ni número de teléfono.

    No se comparte ni se vende nada. Si no usas el coach durante 12 meses, todo se borra automáticamente.
    /export te envía una copia de todo lo que tengo; /delete lo borra todo, para siempre.
privacy-export = Aquí tienes todo lo que tengo sobre ti: todo en un archivo JSON, y tus registros en un CSV que puedes abrir con una hoja de cálculo.
privacy-confirm_delete = Esto borra para siempre todo lo que tengo sobre ti (registros, niveles, ajustes, respuestas de seguridad) y no te volveré a escribir. ¿Lo borro?
privacy-deleted = Hecho. Todo lo tuyo se ha borrado y no te enviaré nada más. Si algún día quieres volver a empezar, envía /start.
privacy-kept = No se ha borrado nada: tus datos siguen como estaban.
privacy-new_version =
    El aviso de privacidad ha cambiado (ahora es la versión { $version }). En resumen: guardo tus respuestas sobre el dolor, la confianza y las actividades, tus niveles en las escaleras y tus ajustes, y tus respuestas de seguridad, solo para acompañarte y sin compartirlos nunca, y lo borro todo tras 12 meses sin uso. En /privacy tienes los detalles.

    ¿Estás de acuerdo, para que podamos seguir?
privacy-agreed = Gracias. Sigamos.
privacy-declined = Entendido. No te acompañaré ni te enviaré nada hasta que estés de acuerdo; envía cualquier cosa para volver a ver el aviso. /delete borra todo lo que tengo.
privacy-begin_again = Envía /start para empezar de nuevo.

## redflag.q

redflag-q-bladder = ¿Has tenido algún problema nuevo para orinar, o has perdido el control de la orina (se te escapa)?
redflag-q-bowel = ¿Has perdido el control de las heces (se te escapan sin poder evitarlo)?
redflag-q-saddle = ¿Notas adormecimiento (falta de sensibilidad) o una sensación extraña en la zona genital, el ano o la parte interior de los muslos?
redflag-q-sexual = ¿Has notado algún problema nuevo en tu función sexual desde que empezó el dolor de espalda?
redflag-q-both_legs = ¿Tienes dolor, debilidad o adormecimiento en las dos piernas?
redflag-q-weakness = ¿Tienes debilidad en una pierna que va a más?
redflag-q-fever = ¿Tienes fiebre o te encuentras mal en general?
redflag-q-cancer = ¿Has tenido cáncer alguna vez?
redflag-q-trauma = ¿Empezó esto después de una caída o un accidente importante?
redflag-q-weight = ¿Has perdido peso últimamente sin proponértelo?
redflag-q-night = ¿Tienes por la noche un dolor fuerte que no se alivia al cambiar de postura?
redflag-q-fracture = ¿Has tomado corticoides en pastillas durante mucho tiempo, o te han dicho que tienes osteoporosis (huesos frágiles), y este dolor empezó de repente?

## redflag.sign

redflag-sign-bladder = problemas nuevos para orinar, o escapes de orina o pérdida del control de la vejiga
redflag-sign-bowel = pérdida del control de las heces
redflag-sign-saddle = adormecimiento o una sensación extraña en la zona genital, el ano o la parte interior de los muslos
redflag-sign-sexual = un problema nuevo en tu función sexual
redflag-sign-both_legs = dolor, debilidad o adormecimiento en las dos piernas
redflag-sign-weakness = una pierna que está cada vez más débil

## synonym

synonym-yes = si|sí|s|sii|sip|sep|sí sí|si si|claro|claro que si|claro que sí|por supuesto|desde luego|afirmativo|exacto|asi es|así es|aja|ajá|si por favor|sí por favor|si gracias|sí gracias|yes
synonym-no = no|n|nop|nope|nel|no no|para nada|nada|en absoluto|de ninguna manera|negativo|no gracias|ninguno|ninguna|ninguna de estas|ninguna de ellas|que va|qué va|la verdad es que no|la verdad que no|no realmente|realmente no|no especialmente
synonym-unsure = no se|no sé|nose|ns|no lo se|no lo sé|no estoy seguro|no estoy segura|no estoy seguro/a|no sabria decir|no sabría decir|no sabria decirte|no sabría decirte|no lo tengo claro|no tengo claro|ni idea|quizas|quizás|quiza|quizá|tal vez|talvez|a lo mejor|puede|puede ser|puede que si|puede que sí|creo que si|creo que sí|creo que no|no del todo|mas o menos|más o menos|tengo dudas|no se seguro|no sé seguro
synonym-wrong = me equivoque|me equivoqué|me he equivocado|me he equivocado de respuesta|me equivoque de boton|me equivoqué de botón|me he equivocado de boton|me he equivocado de botón|me equivoque de respuesta|me equivoqué de respuesta|boton equivocado|botón equivocado|respuesta equivocada|pulse el que no era|pulsé el que no era|toque el que no era|toqué el que no era|me confundi|me confundí|me he confundido|no era ese|no era esa|ese no|esa no|error|equivocado|equivocada|ups|uups|perdon|perdón|deshacer|corregir
synonym-ok = ok|okey|okay|oki|vale|va|dale|bueno|bien|de acuerdo|deacuerdo|perfecto|genial|sale|ya|listo|esta bien|está bien|entendido|hecho|k
synonym-cancel = cancelar|cancela|cancelalo|cancélalo|cancelar esto|para|parar|para ya|detente|dejalo|déjalo|dejalo estar|déjalo estar|dejalo ya|déjalo ya|olvidalo|olvídalo|olvida|no importa|basta|stop

## goals

goals-ask_onboarding = Ahora, sobre ti: ¿qué cosas del día a día te cuesta hacer por la espalda y te gustaría recuperar? Elige una, o escribe la tuya en pocas palabras (hasta { $chars ->
        [one] 1 carácter
       *[other] { $chars } caracteres
    }). Hasta { $max }.
goals-ask = ¿Qué actividad del día a día te gustaría recuperar? Elige una de abajo, o escribe la tuya en pocas palabras (hasta { $chars ->
        [one] 1 carácter
       *[other] { $chars } caracteres
    }).
goals-ask_short = Elige una actividad de abajo, o escribe la tuya en pocas palabras (hasta { $chars ->
        [one] 1 carácter
       *[other] { $chars } caracteres
    }).
goals-movements = ¿Qué movimientos necesita “{ $goal }”? Toca todos los que correspondan y luego Listo.
goals-movements_more = Por ahora: { $picked }. Toca cualquier otro que necesite “{ $goal }”, o Listo.
goals-rate_new = ¿Qué tal puedes hacer ahora mismo “{ $goal }”?
goals-rate_weekly = Toca puntuar tus objetivos de esta semana: un 0–10 rápido para cada uno. ¿Qué tal puedes hacer ahora mismo “{ $goal }”?
goals-rate = Objetivo { $n } de { $total }: ¿qué tal puedes hacer ahora mismo “{ $goal }”?
goals-rate_low = no puedo hacerlo en absoluto
goals-rate_high = tan bien como antes del dolor de espalda
goals-added = Añadido: “{ $goal }”, con un { $now }/10 por ahora.
goals-more = ¿Quieres añadir otro? Puedes tener hasta { $max }.
goals-list =
    Tus objetivos:
    { $lines }
goals-list_onboarding =
    Tus objetivos:
    { $lines }
    Deciden qué movimientos trabajamos primero, y una vez por semana, con tu resumen, te preguntaré cómo va cada uno.
goals-none_yet = Aún no has puesto ningún objetivo: cosas del día a día que te cuesta hacer por la espalda y te gustaría recuperar (hasta { $max }).
goals-skipped = No pasa nada: puedes añadir objetivos cuando quieras con /goals.
goals-menu =
    Tus objetivos:
    { $lines }

    ¿Qué quieres hacer?
goals-menu_line = • { $goal } — { $now }/10 ({ $on })
goals-menu_line_unrated = • { $goal } — aún sin puntuar
goals-pick_rename = ¿Qué objetivo quieres renombrar?
goals-pick_retire = ¿Qué objetivo quieres retirar? Sus puntuaciones se quedan en tu historial.
goals-rename = ¿Cómo quieres llamar a “{ $goal }”? Con unas pocas palabras basta.
goals-renamed = Hecho: “{ $old }” ahora es “{ $new }”.
goals-retired = Hecho: he retirado “{ $goal }”. ¡Enhorabuena si es porque ya lo has recuperado!
goals-unchanged = Tus objetivos siguen como estaban.
goals-rated =
    Gracias. Así van tus objetivos:
    { $lines }
goals-empty = No he visto ninguna actividad ahí. Elige una de abajo, o escríbela en pocas palabras.
goals-too_long = Son { $length ->
        [one] 1 carácter
       *[other] { $length } caracteres
    }; que sean { $chars } o menos, como "ver una película entera".
goals-no_words = Escribe la actividad con palabras, como "llevar la compra".
goals-link = Solo la actividad en pocas palabras, por favor; sin enlaces.
goals-line_first = • { $goal }: { $now }/10
goals-line_same = • { $goal }: { $now }/10, igual que el { $since }
goals-line_real_up = • { $goal }: { $first } → { $now } desde el { $since } ({ $diff }: un cambio real)
goals-line_real_down = • { $goal }: { $first } → { $now } desde el { $since } ({ $diff }: una bajada real; si sigue así, coméntaselo a tu fisioterapeuta o médico)
goals-line_small = • { $goal }: { $first } → { $now } desde el { $since } ({ $diff }: dentro de los altibajos normales; un cambio de { $real } o más es el que cuenta)
goals-rate_note = También toca volver a puntuar tus objetivos: envía /goals cuando quieras.
goals-btn_skip = Ahora no
goals-btn_add = Añadir un objetivo
goals-btn_rate = Puntuarlos ahora
goals-btn_rename = Renombrar uno
goals-btn_retire = Retirar uno
goals-btn_keep = Dejarlos como están
goals-btn_movement = { $name }
goals-btn_movement_on = ✓ { $name }
goals-btn_done = Listo
goals-btn_none = Ninguno de estos
goals-btn_yes_more = Añadir otro
goals-btn_no_more = Eso es todo
goals-step_part = Tu objetivo, un primer intento: { $goal }
goals-step_part_how = Prueba una parte pequeña y fácil de “{ $goal }” (unos minutos, o la versión más ligera) usando el movimiento que has estado practicando. Detente mientras todavía te resulte cómodo.
goals-step_whole = Tu objetivo: { $goal }
goals-step_whole_how = Haz “{ $goal }” como lo harías normalmente, a un ritmo tranquilo y con descansos siempre que los quieras.

## goals.suggestion

goals-suggestion-pick_up_child = Levantar en brazos a mi hijo o hija
goals-suggestion-sit_film = Ver una película entera
goals-suggestion-garden = Una hora en el jardín o el huerto
goals-suggestion-shopping = Llevar la compra
goals-suggestion-socks = Ponerme los calcetines
goals-suggestion-drive = Conducir una hora
goals-suggestion-housework = Hacer las tareas de casa
goals-suggestion-play_floor = Jugar en el suelo con los niños

## summary

summary-green = verde
summary-amber = amarillo
summary-red = rojo
summary-ready = Aquí tienes tu resumen de una página para enseñárselo a tu fisioterapeuta o médico: tu dolor con las actividades, tus semáforos, tus escaleras, tus objetivos y tus controles de seguridad. No lleva tu nombre.
summary-ready_empty = Aquí tienes tu resumen de una página. Todavía no hay registros, y así lo indica; se irá llenando a medida que registres actividades con /checkin.
summary-just_sent = Te acabo de enviar tu resumen: está justo arriba.
summary-title = Recuperación del dolor de espalda — resumen para el profesional de la salud
summary-subtitle = Generado por backcoach, un coach de autocuidado (no es un diagnóstico). Las cifras son puntuaciones de 0 a 10 dadas por la propia persona.
summary-period = Periodo
summary-period_value = { $start } – { $end } ({ $weeks ->
        [one] se muestra 1 semana
       *[other] se muestran { $weeks } semanas
    })
summary-episode = Inicio del episodio
summary-episode_value = hacia el { $date } (hace { $weeks ->
        [one] 1 semana
       *[other] { $weeks } semanas
    })
summary-episode_unknown = no indicado
summary-phase = Fase actual
summary-phase_flare = { $phase } — plan de crisis desde el { $since }
summary-phase_paused = { $phase } — progresión en pausa desde el { $since }
summary-checkins = Registros
summary-checkins_value = { $done ->
        [one] 1 hecho
       *[other] { $done } hechos
    } · { $skipped ->
        [one] 1 aplazado
       *[other] { $skipped } aplazados
    } ("hoy no") · { $unfinished ->
        [one] 1 sin terminar
       *[other] { $unfinished } sin terminar
    }
summary-made = Generado
summary-screens = Cribados de señales de alarma
summary-screen_clear = { $date } · { $context }: sin señales de alarma
summary-screen_flags = { $date } · { $context }: { $flags }
summary-screen_none = No hay cribados registrados en este periodo.
summary-hold_now = Acompañamiento en pausa ahora ({ $kind }) desde el { $date }, hasta revisión por un profesional de la salud.
summary-hold_assessed = Refiere revisión por un profesional de la salud el { $date }; acompañamiento reanudado.
summary-hold_emergency = signos de urgencia vital
summary-hold_urgent = signos urgentes
summary-context_onboarding = primer cribado
summary-context_weekly = cribado semanal
summary-context_after_red = tras un semáforo rojo
summary-context_free_text = en un mensaje escrito
summary-context_correction = respuesta corregida
summary-answer_yes = sí: { $flag }
summary-answer_unsure = no está claro: { $flag }
summary-flag_other = una posible señal de alarma
summary-pain_title = Dolor con las actividades (0–10, media diaria)
summary-pain_before = antes
summary-pain_during = máximo durante
summary-pain_after = 1 hora después
summary-lights_title = Semáforos por semana
summary-ladders_title = Niveles de las escaleras por semana
summary-ladder_line = { $ladder }: nivel { $level } de { $top } ahora ({ $step }); en este periodo { $path }
summary-ladders_none = Sin escaleras de exposición.
summary-goals = Objetivos propios (0 = no puede, 10 = como antes; un cambio de 2 o más es real)
summary-goal_line = “{ $goal }”: { $ratings }
summary-goal_unrated = sin puntuar
summary-goal_retired = (retirado)
summary-goal_real = — cambio { $diff }: real
summary-goal_small = — cambio { $diff }: menor de { $real }, dentro del ruido
summary-goals_none = Sin objetivos indicados.
summary-goals_title = Puntuación de los objetivos por semana
summary-evidence = Expectativa (dolor máximo previsto frente al real en los pasos de exposición)
summary-evidence_value = { $better } de { $count ->
        [one] 1 paso
       *[other] { $count } pasos
    } dolieron menos de lo previsto (media prevista { $expected }, media del máximo { $during }).
summary-evidence_none = No hay previsiones en este periodo.
summary-empty = Todavía no hay registros: los gráficos se llenan a medida que se registran actividades.
summary-week = semana del
summary-level = nivel
summary-rating = puntuación

## summary.flag

summary-flag-bladder = vejiga
summary-flag-bowel = intestino
summary-flag-saddle = anestesia en silla de montar
summary-flag-sexual = función sexual
summary-flag-both_legs = ambas piernas
summary-flag-weakness = debilidad progresiva en una pierna
summary-flag-fever = fiebre o malestar general
summary-flag-cancer = antecedentes de cáncer
summary-flag-trauma = caída o accidente
summary-flag-weight = pérdida de peso
summary-flag-night = dolor nocturno
summary-flag-fracture = riesgo de fractura
summary-flag-check_cauda = cerca de los signos de urgencia (preguntado)
summary-flag-one_leg_weak = pierna débil (preguntado)

