/**
 * Data for the emergency screen: what counts as an emergency signal and which
 * routine phrases share its words. Patterns run on text normalised by
 * `normalizeForScreen` (lower case, no accents, no apostrophes, contractions and
 * text-speak expanded, punctuation turned into spaces, one space between words).
 *
 * To add a signal: give it a `reason` (it shows in logs and the staff console),
 * a `pattern`, and where the words alone are too broad a `requires` (another
 * pattern that must also match somewhere in the message) or an `unless`.
 * Every change needs a line in test/bot/emergency-screen.test.ts, both ways.
 */

export type EmergencyCategory =
  | 'fire'
  | 'gas'
  | 'medical'
  | 'violence'
  | 'weapon'
  | 'intruder'
  | 'child'
  | 'power-line'
  | 'self-harm'
  | 'hazard';

export interface EmergencySignal {
  /** Short name shown in logs, e.g. "not breathing". */
  readonly reason: string;
  readonly category: EmergencyCategory;
  readonly pattern: RegExp;
  /** A second pattern that must also occur somewhere in the message. */
  readonly requires?: RegExp;
  /** The signal does not count when this (or any of these) occurs in the message. */
  readonly unless?: RegExp | readonly RegExp[];
}

/** Alternation of words that name a person (English), for "<person> ... not moving". */
const PERSON =
  '(?:someone|somebody|some one|anyone|person|people|man|men|woman|women|lady|guy|dude|boy|girl|kid|kids|child|children|baby|toddler|infant|teen|teenager|he|she|they|him|her|them|neighbor|neighbors|neighbour|wife|husband|mom|mother|dad|father|son|daughter|grandma|grandmother|grandpa|grandfather|brother|sister|friend|girlfriend|boyfriend|roommate|driver|pedestrian|cyclist|biker|worker|workers|elderly|senior|family|student|victim|patient)';
/** People who can be the subject of "is not responding" (not "they": the city is not responding either). */
const PERSON_SUBJECT =
  '(?:someone|somebody|man|woman|lady|guy|boy|girl|kid|child|baby|toddler|he|she|neighbor|wife|husband|mom|mother|dad|father|son|daughter|grandma|grandmother|grandpa|grandfather|brother|sister|friend|patient|victim)';
/** The same in Spanish. */
const PERSONA =
  '(?:alguien|persona|personas|hombre|mujer|senor|senora|muchacho|muchacha|chico|chica|nino|nina|ninos|ninas|bebe|vecino|vecina|esposa|esposo|mama|madre|papa|padre|hijo|hija|abuela|abuelo|hermano|hermana|amigo|amiga|el|ella|ellos|conductor|chofer|senorita)';
/** Up to n words between two parts of a pattern. */
const gap = (n: number): string => `(?: \\w+){0,${n}}`;
const re = (source: string): RegExp => new RegExp(source);

/**
 * Routine phrases that share words with emergencies. Each match is blanked out
 * before signals are looked for, so "free smoke alarm" cannot read as "smoke",
 * while "the smoke alarm is going off and the kitchen is full of smoke" still
 * reads as smoke.
 */
export const ROUTINE_PHRASES: readonly RegExp[] = [
  /\b(?:smoke|fire|co) (?:alarm|alarms|detector|detectors)\b(?! (?:is |are |keeps |just |went |has been )?(?:going off|went off|sounding|beeping|alarming))/g,
  /\bfire ?(?:hydrant|hydrants|plug|plugs|department|dept|station|stations|escape|escapes|code|codes|marshal|marshall|inspection|inspector|extinguisher|extinguishers|drill|drills|truck|trucks|engine|engines|house|fighter|fighters|chief|company|pit|pits|place|places|lane|lanes|zone|hazard|hazards|safety|prevention|wood|works|work|cracker|crackers|proof|wall|door|doors|sale|insurance|damage|damaged)\b/g,
  /\b(?:gas|gasoline) (?:bill|bills|company|works|station|stations|price|prices|meter reading|can|cans|grill|mask|money|pedal|guzzler|account|payment|payments|assistance|service|shut ?off|card|mileage|tax|powered|leaf blower|leaf blowers|blower|blowers|mower|mowers)\b/g,
  /\b(?:out of gas|pgw|sewer gas|laughing gas|gas up|step on the gas)\b/g,
  /\b(?:alarma|alarmas|detector|detectores|hidrante|hidrantes|extintor|extintores|prevencion|departamento|estacion|boca|salida) (?:de|contra) (?:incendio|incendios|humo|fuego|bomberos)\b/g,
  /\b(?:factura|facturas|cuenta|cuentas|recibo|recibos|compania|pago|pagos) (?:de|del) gas\b|\bgasolinera\b|\bfuegos artificiales\b/g,
  /\bdumpster fire\b(?! (?:behind|in|at|on|next|near|across|by|outside|spreading|is spreading))/g,
  /\b(?:dying|die) (?:to|for)\b|\bto die for\b|\b(?:killing|kills) (?:me|my|us|our|it|the vibe|time)\b(?! (?:with|right now))/g,
  /\b(?:is|are|was) killing it\b|\bdead (?:end|battery|batteries|tired|serious|line|bolt|zone|leaves|branch|branches|tree|trees|grass|bulb|bulbs|light|lights|animal|animals|cat|cats|dog|dogs|rat|rats|mouse|mice|bird|birds|deer|raccoon|raccoons|possum|opossum|squirrel|squirrels|skunk|fox|pigeon|pigeons|groundhog|fish|body of a|of night)\b/g,
  /\b(?:flu|covid|booster|vaccine|vaccination|tetanus|jump|screen|mug|long|big|photo|trick|nice|good|hail mary) shots?\b|\bscreenshots?\b|\bphoto ?shoots?\b|\bshooting (?:a |the |some )?(?:video|videos|film|movie|photos|pictures|hoops|range|star|stars|guard|gallery|galleries)\b|\bshoot (?:me an email|me a text|an email|a video|hoops)\b/g,
  /\bgun (?:permit|permits|license|licenses|lock|locks|buyback|buybacks|violence|safety|shop|shops|store|range|show|owner|owners|laws|law|court|club)\b|\b(?:nail|glue|water|toy|heat|caulk|caulking|staple|paint|spray|squirt|nerf|radar|speed) guns?\b/g,
  /\b(?:armed forces|armed services)\b|\bknife sharpen\w*\b|\bbutter knife\b/g,
  /\b(?:bleed|bleeding|bled) (?:the |my |our )?(?:radiator|radiators|brakes|pipes|lines|valve|valves)\b|\bbleeding through\b|\bbleeding heart\b/g,
  // Hypotheticals and near misses ("before someone gets hurt", "almost got hit").
  /\b(?:going to|gonna|could|will|would|might|may|can|before|until|till|unless|if|when|or|want to|is about to|waiting for) (?:\w+ ){0,3}(?:gets?|be|is|are|getting) (?:seriously |badly |really )?(?:hurt|injured|killed|hit|run over|electrocuted|shot)\b/g,
  /\b(?:going to|gonna|could|will|might) (?:\w+ ){0,2}(?:die|kill (?:someone|somebody|a kid|a child|people|us all))\b|\b(?:almost|nearly) (?:got |get |was |been |getting )?(?:hit|run over|killed|hurt)\b/g,
  /\b(?:alguien|una persona|un nino|una nina|los ninos|la gente|alguno) (?:se )?(?:va|van|puede|pueden|podria|podrian) a (?:salir |resultar )?(?:herid\w*|lastimad\w*|lastimar\w*|matar\w*|atropellar\w*)\b|\b(?:va|van|puede|pueden|podria|podrian) a (?:salir|resultar) (?:herid\w*|lastimad\w*)\b|\bcasi (?:lo |la |me |nos )?atropell\w*\b/g,
  /\b(?:in case|if|when) (?:of )?(?:an? )?(?:someone |somebody |a person )?(?:overdoses?|ods?)\b/g,
  /\b(?:prevent|prevention|preventing|reverse|reversal|awareness|training|death|deaths|crisis|epidemic|rate|rates) (?:of )?overdoses?\b|\boverdoses? (?:prevention|training|awareness|death|deaths|crisis|epidemic|rate|rates|kit|kits|reversal)\b/g,
  /\b(?:fight|fighting|contest|contesting|dispute|disputing|appeal) (?:a |the |my |this )?(?:parking |traffic )?(?:ticket|tickets|citation|fine|violation|bill)\b/g,
  /\b(?:passed|pass|passing) out (?:flyers|fliers|papers|leaflets|candy|food|water|masks|information|info)\b/g,
  /\baccident waiting to happen\b|\b(?:a|another) stab at\b|\bshoot(?:ing)? up (?:drugs|heroin|dope|in (?:the|our|my)|on (?:the|our|my)|behind)\b|\bcortarme el (?:pelo|cabello)\b/g,
  /\bstuck (?:in|on) (?:traffic|the phone|hold|a loop|a rut)\b|\bon hold\b/g,
  /\b(?:pot ?hole|pothole|potholes|sidewalk|pavement|crack|cracks) (?:\w+ ){0,3}(?:swallow|swallowed|swallowing|ate|eat)\b/g,
];

/** Shared building blocks for the signal patterns. */
/** The message tells of something past and says nothing is happening now ("there was a shooting last week"). */
const PAST_NOT_NOW =
  /^(?!.*\b(?:right now|just now|as we speak|currently|just (?:happened|started|caught|burst|exploded|heard)|is on fire|are on fire|is burning|are burning|still (?:burning|on fire|leaking|smoking|smell)|is leaking|smells? (?:like gas|gas|it) (?:again|now|today)|smell (?:it|gas) (?:again|now|today))\b).*\b(?:last (?:night|week|month|year|summer|winter|fall|spring|weekend)|years? ago|months? ago|weeks? ago|days ago|yesterday|on the news)\b/;
/** A standing complaint that says nothing is happening now ("gunfire every night for years"). */
const CHRONIC_NOT_NOW =
  /^(?!.*\b(?:right now|just now|as we speak|currently|just (?:happened|started|caught|burst|exploded|heard)|is on fire|are on fire|is burning|are burning|still (?:burning|on fire|leaking|smoking|smell)|is leaking|smells? (?:like gas|gas|it) (?:again|now|today)|smell (?:it|gas) (?:again|now|today))\b).*\b(?:every (?:day|morning|evening|night|week|weekend)|all (?:night|the time)|for (?:days|weeks|months|years)|constantly|all summer)\b/;
/** A standing nuisance rather than an acute event ("the fumes have us coughing every day"). */
const CHRONIC =
  /\b(?:every (?:day|morning|evening|night|week|weekend)|all (?:morning|day|night|the time)|for (?:days|weeks|months|years)|always|constantly|for (?:a |the )?(?:past |last )?(?:few |couple (?:of )?)?(?:weeks|months|years))\b/;
const NOT_MOVING =
  '(?:not moving|unconscious|unconcious|unconsious|will not wake up|not waking up|will not respond|does not respond|can not wake (?:him|her|them)|can not move(?! (?:my|his|her|the|their|our|a|it|car|cars|anything)\\b)|turning (?:blue|purple|gray|grey)|foaming at the mouth)';
const HURT_CONTEXT =
  '(?:hurt|injured|bleeding|blood|unconscious|not moving|trapped|pinned|stuck|lying|on fire|ambulance|not breathing|dead|screaming|herid[oa]s?)\\b';
const SYMPTOMS =
  /\b(?:dizzy|dizziness|nausea|nauseous|throwing up|vomiting|puking|fainting|fainted|passing out|passed out|light headed|lightheaded|mareado\w*|vomitando|desmay\w*)\b/;
const FUMES_SOURCE =
  /\b(?:oven|stove|heater|heaters|generator|furnace|grill|boiler|fumes|exhaust|gas|space heater|charcoal|horno|estufa|calentador|generador)\b/;
const CHEMICAL =
  /\b(?:chemical|chemicals|fumes|substance|powder|liquid|spill|gas|smoke|barrel|drum|tank|spray|quimico|quimicos|sustancia|vapores)\b/;
const PEOPLE_SICK =
  /\b(?:coughing|can not breathe|hard to breathe|trouble breathing|eyes (?:are |were )?burning|burning eyes|eyes (?:are )?watering|throats? (?:are |is )?burning|vomiting|throwing up|passing out|passed out|fainting|fainted|tosiendo|ardor|arden los ojos|no pueden respirar)\b/;
const HAZARD_WITH_PERSON_INSIDE =
  /\b(?:sinkhole|sink hole|cave in|caved in|collapsed|collapsing|fire|flames|smoke|burning|flood|flooding|water rising|crash|crashed|wreck|hole|river|creek|fell on|landed on|crushed|rubble)\b/;

export const EMERGENCY_SIGNALS: readonly EmergencySignal[] = [
  // --- Medical ---------------------------------------------------------------
  {
    reason: 'not breathing',
    category: 'medical',
    pattern: re(
      `\\b(?:not|stopped|stop|quit) breat?h(?:ing|in|e)\\b|\\b${PERSON}(?: \\w+){0,3} (?:can not|could not|cannot|unable to) breathe?\\b`,
    ),
  },
  {
    reason: 'cannot breathe',
    category: 'medical',
    pattern: /\b(?:i|we) (?:can not|cannot|could not) breathe?\b/,
    unless: /\b(?:smell|smells|stink|stinks|stench|odor|odour|dust|fumes from the|trash|garbage)\b/,
  },
  {
    reason: 'no respira',
    category: 'medical',
    pattern: /\bno (?:esta )?respira\w*\b|\bdejo de respirar\b|\bno puede respirar\b|\bsin respirar\b/,
  },
  {
    reason: 'unconscious',
    category: 'medical',
    pattern: re(
      `\\b(?:unconscious|unconcious|unconsious|inconsciente|desmayad[oa]|se desmayo|passed out|blacked out|fainted|will not wake up|not waking up)\\b`,
    ),
  },
  {
    reason: 'person not moving',
    category: 'medical',
    pattern: re(
      `\\b${PERSON}${gap(8)} ${NOT_MOVING}\\b|\\b${PERSON_SUBJECT}${gap(6)} (?:not responding|unresponsive)\\b`,
    ),
  },
  {
    reason: 'person unresponsive',
    category: 'medical',
    pattern: re(
      `\\b${PERSON_SUBJECT} (?:is |s |was |still )*(?:not responding|unresponsive|not answering (?:me|us))\\b`,
    ),
  },
  {
    reason: 'persona no se mueve',
    category: 'medical',
    pattern: re(
      `\\b${PERSONA}${gap(6)} (?:no se mueve|no despierta|no responde|no reacciona|tirad[oa]s? en (?:el piso|el suelo|la calle|la banqueta|la acera))\\b`,
    ),
  },
  {
    reason: 'person collapsed',
    category: 'medical',
    pattern: re(
      `\\b${PERSON}${gap(2)} (?:collapsed(?! (?:her|his|their|the|my|a|an|our|it|them|its)\\b)|fell down and|fell and (?:can not|will not|is not))\\b`,
    ),
    unless: /\b(?:building|roof|wall|ceiling|porch|house)\b/,
  },
  {
    reason: 'overdose',
    category: 'medical',
    pattern: /\b(?:overdose|overdosed|overdosing|sobredosis|od ing|oding|ods|od)\b|\bodd (?:on|in|at)\b/,
  },
  {
    reason: 'choking',
    category: 'medical',
    pattern: re(
      `\\b(?:${PERSON}|i|i am|we)${gap(2)} (?:is |s |was |started |keeps |am )?(?:choking|choked)\\b(?! (?:my|the|our|his|her|their) (?:gutters?|drains?|pipes?|plants|garden|trees?|flowers|roots|sewer|yard))|\\bchoking on\\b|\\b(?:atragant\\w*|se esta ahogando|ahogandose)\\b`,
    ),
    unless: /\b(?:choking hazard|choking (?:on )?(?:the )?(?:smell|stench|fumes|dust|exhaust|smoke from))\b/,
  },
  {
    reason: 'drowning',
    category: 'medical',
    pattern: re(
      `\\b(?:${PERSON}|i am|we are)${gap(2)} (?:is |are |s |was |just )?(?:drowning|drowned)\\b|\\bdrowning (?:in|at) (?:the|a) (?:river|pool|lake|creek|water|ocean|canal|pond)\\b|\\bse (?:ahogo|esta ahogando)\\b`,
    ),
    // Figurative: "drowning in debt / bills / paperwork".
    unless:
      /\bdrown(?:ing|ed) in (?:\w+ ){0,2}(?:debt|debts|bills?|loans?|paperwork|forms|work|homework|emails?|fees|fines|taxes|mail|calls|tickets|rent|requests|trash|garbage|leaves)\b/,
  },
  {
    reason: 'heart attack or stroke',
    category: 'medical',
    pattern:
      /\b(?:heart attack|having a stroke|had a stroke|chest pains?|pain in (?:his|her|my) chest|cardiac arrest|ataque al corazon|ataque cardiaco|infarto|derrame cerebral|dolor (?:en el|de) pecho)\b/,
    unless:
      /\b(?:gave me a heart attack|give me a heart attack|almost had a heart attack|nearly had a heart attack|heart attack (?:of a|when i saw))\b/,
  },
  {
    reason: 'seizure',
    category: 'medical',
    pattern:
      /\b(?:(?:having|had|has|in) a seizure|seizing|convulsion|convulsiones|convulsionando|convulsing)\b|(?<!(?:property|tax|asset|vehicle|car|drug|sheriff|police) )\bseizures?\b/,
  },
  {
    reason: 'allergic reaction',
    category: 'medical',
    pattern:
      /\b(?:allergic reaction|anaphylactic|anaphylaxis|throat is (?:closing|swelling)|reaccion alergica)\b/,
  },
  {
    reason: 'bleeding',
    category: 'medical',
    pattern:
      /\b(?:bleeding|bleeds|bled out|blood everywhere|lot of blood|losing blood|sangrando|desangrando|mucha sangre)\b/,
  },
  {
    reason: 'poisoning',
    category: 'medical',
    pattern:
      /\b(?:swallowed|drank|se trago|trago|se tomo) (?:a |some |the |an |his |her |my |un |una |unas |unos )?(?:bleach|poison|rat poison|pills|chemicals?|battery|button battery|batteries|detergent|pods?|antifreeze|something|cloro|veneno|pastillas|algo)\b|\b(?:took|ate|tomo) (?:too many|a bottle of|a handful of|all (?:of )?(?:his|her|my|the)|un frasco de|muchas) (?:pills|medicine|medication|tablets|pastillas)\b|\bate (?:rat poison|poison|bleach|detergent|a detergent pod|laundry pods?)\b/,
  },
  {
    reason: 'person hurt',
    category: 'medical',
    pattern: re(
      `\\b(?:badly|seriously|severely|really bad|bad) (?:hurt|injured|burned|burnt)\\b|\\b${PERSON}${gap(3)} (?:is|are|s|just got|was just|were just) (?:badly |seriously |really )?(?:hurt|injured)\\b(?! (?:my|his|her|their) (?:feelings|pride|back|ankle|knee|foot|wrist))|\\b(?:herid[oa]s?|lastimad[oa]s?|lesionad[oa]s?)\\b`,
    ),
    unless:
      /\b(?:last (?:night|week|month|year|summer|winter|fall|spring|weekend|time)|years? ago|months? ago|weeks? ago|days ago|in the past|keeps happening|happened before|yesterday|speed bumps?|stop sign|crosswalk signal|traffic calming)\b/,
  },
  {
    reason: 'hit by a vehicle',
    category: 'medical',
    pattern: re(
      `\\b(?:${PERSON}|i|we|i am)${gap(3)} (?<!(?:was|were|been) )(?:hit|struck|run over|ran over|knocked down|mowed down) by (?:a|an|the|this|that) (?:\\w+ )?(?:car|truck|bus|van|vehicle|driver|motorcycle|train|suv|trolley)\\b|\\bran (?:him|her|them|someone|somebody|a \\w+) over\\b|\\batropell\\w*\\b`,
    ),
    unless:
      /\b(?:last (?:night|week|month|year|summer|winter|fall|spring|weekend|time)|years? ago|months? ago|weeks? ago|days ago|in the past|keeps happening|happened before|yesterday|speed bumps?|stop sign|crosswalk signal|traffic calming)\b/,
  },
  {
    reason: 'crash with injuries',
    category: 'medical',
    pattern: re(
      `\\b(?:hit and run|crash|crashed|accident|wreck|collision|choque|accidente)\\b${gap(10)} ${HURT_CONTEXT}|${HURT_CONTEXT}${gap(10)} (?:hit and run|crash|crashed|accident|wreck|collision|choque|accidente)\\b`,
    ),
    unless:
      /\b(?:last (?:night|week|month|year|summer|winter|fall|spring|weekend|time)|years? ago|months? ago|weeks? ago|days ago|in the past|keeps happening|happened before|yesterday|speed bumps?|stop sign|crosswalk signal|traffic calming)\b/,
  },
  {
    reason: 'dead person',
    category: 'medical',
    pattern: re(
      `\\bdead body\\b|\\b(?:a|there is a|found a) body (?:in|on|under|lying)\\b|\\b${PERSON}${gap(2)} (?:is|looks|might be|may be|s) dead\\b|\\bfound (?:a|him|her) dead\\b|\\b(?:cadaver|cuerpo sin vida)\\b|\\b${PERSONA} muert[oa]\\b|\\b(?:he|she|someone|somebody|${PERSON}) is dying\\b`,
    ),
  },
  {
    reason: 'ambulance needed',
    category: 'medical',
    pattern:
      /\b(?:need|needs|send|get|call) (?:an |a )?(?:ambulance|paramedics|medic)\b|\bnecesit\w* (?:una )?ambulancia\b|\bllam\w* (?:a )?(?:una )?ambulancia\b/,
  },
  {
    reason: 'labour',
    category: 'medical',
    pattern:
      /\b(?:in labor|going into labor|giving birth|(?:her|my) water (?:just )?broke(?! (?:her|his|my|the|a|through|in)\b)|dando a luz|esta de parto)\b(?! day)/,
  },

  // --- Fire and smoke ---------------------------------------------------------
  {
    reason: 'on fire',
    category: 'fire',
    pattern:
      /\b(?:(?:house|home|porch|building|car|roof|garage|kitchen|apartment|truck|store|tree|shed|basement|room|bedroom) (?:is |are )?(?:burning|burnin)|on fire|in flames|burst into flames|caught fire|catching fire|caught on fire|engulfed|is burning down|are burning|en llamas|se esta quemando|se quema|quemandose|se incendio|se incendia)\b/,
    unless: [
      CHRONIC_NOT_NOW,
      /\b(?:(?:was|were|been|had been) on fire\b(?!.*\b(?:is|are|now|still|spreading)\b)|(?:was|were|been) on fire\b.*\b(?:last (?:night|week|month|year)|ago|yesterday)\b|my (?:throat|eyes|skin|mouth|feet|legs) (?:is|are) on fire|the (?:eagles|sixers|phillies|flyers|team) (?:are|is) on fire)\b/,
      PAST_NOT_NOW,
    ],
  },
  {
    reason: 'fire',
    category: 'fire',
    pattern:
      /\b(?:there is a fire|(?:house|building|car|kitchen|apartment|garage|trash|dumpster|grease|electrical|brush|rowhouse|row house|home|basement|porch|roof|attic|truck|bus|vehicle|store|warehouse|factory|tire|mattress|couch|big|huge|massive|small) fire\b|\bfire (?:in|at|on|next door|across|behind|inside|outside|down the|up the|near|spreading|is spreading|is getting|everywhere)\b)/,
    unless:
      /\b(?:last (?:night|week|month|year)|ago|yesterday|was a fire|after the fire|since the fire|burned out|burnt out|fire damage|from the fire|previous fire|old fire|open fire (?:on|at))\b/,
  },
  {
    reason: 'fire',
    category: 'fire',
    pattern:
      /^ (?:help )?fire(?: fire)*(?: help| please| there| in| at| the| {2}$| $)|\bfire (?:help|please|hurry)\b|\bhelp fire\b|\bincendio\b|\bhay (?:un )?(?:fuego|fire)\b|\bfuego en\b/,
    unless:
      /\b(?:ayer|la semana pasada|el mes pasado|el ano pasado|hace (?:\w+ )?(?:dias|semanas|meses|anos)|prevencion|seguro|last (?:night|week|month|year)|ago|yesterday)\b/,
  },
  {
    reason: 'smoke',
    category: 'fire',
    pattern:
      /\b(?:smoke (?:is )?(?:coming|pouring|billowing|everywhere|filling|rising)|full of smoke|filled with smoke|filling with smoke|black smoke|thick smoke|lots of smoke|so much smoke|smell smoke|smell of smoke|smells like smoke|smelling smoke|smoke in (?:the|my|our) (?:house|apartment|hallway|building|basement|kitchen|room|stairwell|stairs)|sale humo|saliendo humo|mucho humo|lleno de humo|olor a humo|huele a humo|hay humo)\b/,
    unless:
      /\b(?:cigarette|cigarettes|weed|marijuana|cigar|cigars|vape|vaping|smoking|smokers|smokes|grill|grills|barbecue|bbq|chimney|fireplace|parrilla|asador|cigarro|cigarros|cigarrillo|cigarrillos|chimenea|wood stove|wood burning|pizza|restaurant|smoker|food truck|exhaust|tailpipe|muffler|dirt bikes?|atvs?|bus|buses)\b/,
  },
  {
    reason: 'explosion',
    category: 'fire',
    pattern:
      /\b(?:explosion|exploded|exploding|blew up(?! at)|blown up|exploto|estallo|bomb threat|a bomb|bomb scare|suspicious package)\b/,
    unless:
      /\b(?:fireworks|firework|m80|m 80|firecrackers|phone|inbox|twitter|notifications|my comments|rats?|mice|roaches|population|weeds|mosquitoes)\b/,
  },
  {
    reason: 'burning smell',
    category: 'fire',
    pattern:
      /\b(?:smell (?:something )?burning|burning smell|smells like (?:something )?burning|electrical smell|wires? (?:are |is )?burning|outlet (?:is )?(?:smoking|sparking|burning))\b/,
    unless: /\b(?:factory|plant|refinery|every (?:night|day|morning)|always|for (?:days|weeks|months))\b/,
  },

  // --- Gas and carbon monoxide ---------------------------------------------------
  {
    reason: 'gas smell',
    category: 'gas',
    pattern:
      /\b(?:smell (?:of )?(?:natural )?gas|smells (?:like|of) gas|smelling gas|gas smell|gas odor|gas odour|odor of gas|strong gas|gas leak|gas leaking|leaking gas|gas is leaking|gas escaping|escaping gas|hissing gas|gas line (?:broke|broken|hit|ruptured|leaking)|hit a gas line|olor a gas|olor de gas|huele a gas|fuga de gas|escape de gas|sale gas|se sale el gas|oler gas)\b/,
    unless: [/\b(?:gasoline from (?:the|a) car|smell like gas station)\b/, PAST_NOT_NOW],
  },
  {
    reason: 'carbon monoxide',
    category: 'gas',
    pattern:
      /\b(?:carbon monoxide|co|monoxido de carbono|monoxido) (?:alarm|alarms|detector|detectors|alarma|detector|alarmas)? ?(?:is |are |keeps |just |went |has been |esta )?(?:going off|went off|sounding|beeping|alarming|sonando|suena)\b|\bcarbon monoxide (?:poisoning|leak|is)\b|\b(?:envenenamiento|intoxicacion) (?:por|de) monoxido\b/,
  },
  {
    reason: 'carbon monoxide symptoms',
    category: 'gas',
    pattern: SYMPTOMS,
    requires: FUMES_SOURCE,
    unless: [/\b(?:smell from the (?:trash|garbage|dumpster)|rats?|roach|roaches)\b/, CHRONIC],
  },

  // --- Power lines -----------------------------------------------------------------
  {
    reason: 'live power line',
    category: 'power-line',
    unless:
      /\bnot\b(?: \w+){0,4} (?:electric|electrical|power)\b|\bfor (?:more than |over |about |almost )?(?:a|an|one|two|three|several|many|\d+) (?:years?|months?|weeks?)\b|\bfor (?:years|months|weeks)\b/,
    pattern:
      /\b(?:power|electric|electrical|live|high voltage|utility|peco) (?:line|lines|wire|wires|cable|cables) (?:is |are |just |came |fell )*(?:down|sparking|arcing|on fire|smoking|on the ground|in the street|hanging down|snapped|fell|burning|lying|laying|touching)\b|\b(?:downed|fallen|live|sparking|snapped) (?:power |electric |electrical )?(?:line|lines|wire|wires)\b|\b(?:wire|wires|line|lines|cable|cables|transformer|pole) (?:is |are |keeps |just )*(?:sparking|arcing|throwing sparks|shooting sparks|exploded|blew|on fire)\b|\bsparks (?:coming|flying|shooting) (?:from|out of|off)\b|\b(?:throwing|shooting|spitting|giving off) sparks\b|\bcables? (?:de luz |electricos? |de alta tension )?(?:caidos?|en el suelo|echando chispas|chispeando)\b|(?<!(?:phone|telephone|cable|comcast|verizon|internet|tv|fios|pull|pulls|pulling|bring|brings|bringing|take|takes|taking|knock|knocks) )\b(?:wire|wires) (?:are |is |just |came )?(?:down|on the ground|lying in the street|laying in the street)\b|\b(?:echando|saca|sacando) chispas\b|\btransformador (?:exploto|en llamas)\b/,
  },
  {
    reason: 'electrocution',
    category: 'power-line',
    pattern: /\b(?:electrocuted|electrocution|getting shocked|got shocked|electrocutado)\b/,
  },

  // --- Weapons and violence -------------------------------------------------------------
  {
    reason: 'gun',
    category: 'weapon',
    pattern:
      /\b(?:a|an|has|had|have|with|pulled|pulling|pointing|pointed|waving|holding|flashing|brandishing|showing|got|carrying|his|her|their) (?:a |an |his |her |their |the |big |loaded )?(?:gun|guns|pistol|pistols|rifle|rifles|shotgun|handgun|firearm|ak|ar 15|ar15|glock)\b|\b(?:gun|guns|pistol) (?:to|at) (?:my|his|her|their|someone|somebody|me|him|us|them)\b|\b(?:gun|guns) (?:out|drawn)\b|\b(?:gunman|gunmen)\b|\barmed (?:man|men|woman|person|people|guy|robbery|robber|robbers|suspect|intruder|and)\b|\b(?:con|tiene|saco|trae|lleva|sacaron|apuntando con|apunto con) (?:una |un |la |el |su )?(?:pistola|arma|armas|rifle|escopeta)\b|\barma de fuego\b/,
    unless:
      /\b(?:legal|illegal|laws?|permits?|hunt|hunting|hunters|range|licensed?|buyback|toy|bb|nerf|paintball|video game|paint|painted|painting|drawing|drawn|picture|graffiti|mural|tattoo|photo|image|replica|movie|film|tv|show)\b/,
  },
  {
    reason: 'shooting',
    category: 'weapon',
    pattern:
      /\b(?:shooting|shooter|shots fired|shots being fired|(?:heard|hear|hearing) (?:\w+ )?shots|gunshot|gunshots|gun shot|gun shots|gunfire|shot (?:at|him|her|them|someone|somebody|me|my|dead)|(?:got|been|was|were|is|being|getting) shot|just (?:got |been )shot|opened fire|open fire|firing (?:at|shots)|fired (?:at|shots)|shoot (?:at|him|her|me|them|someone|somebody|people|us|everyone|you)|disparo|disparos|dispararon|disparando|balazo|balazos|balacera|tiroteo|tiros|le dispararon)\b/,
    unless: [
      CHRONIC_NOT_NOW,
      /\b(?:fireworks?|firecrackers?|hunt|hunting|hunters|shooting range|bb|bbs|paintball|paint guns?|nerf|movie|film|tv|video game|sounds like|sounded like|sound like|backfir\w*|statistics|stats|rate|rates|data|prevention|program|programs|how many|number of|memorial|vigil|victims? fund|community meeting|town hall)\b/,
      PAST_NOT_NOW,
    ],
  },
  {
    reason: 'knife',
    category: 'weapon',
    pattern:
      /\b(?:with|has|had|have|pulled|pulling|pointing|pointed|waving|holding|brandishing|showing|got|carrying|swinging|flashing|wielding|took out|takes out) (?:a |an |his |her |their |the |big |huge |kitchen |butcher )?(?:knife|knives|machete|box cutter|blade|switchblade|razor|sword|axe|hatchet)\b|\b(?:knife|machete) (?:fight|attack|point)\b|\bknifepoint\b|\b(?:stabbed|stabbing|stab (?:him|her|me|them|someone|somebody|you|us|people)|stabbin)\b|\b(?:con|tiene|saco|trae|lleva) (?:un |una |el |la |su )?(?:cuchillo|navaja|machete)\b|\b(?:apunal\w*|acuchill\w*)\b/,
  },
  {
    reason: 'armed person',
    category: 'weapon',
    pattern: re(`\\b(?:${PERSONA}|tipo|sujeto|ladron\\w*) armad[oa]s?\\b|\\besta armad[oa]\\b`),
  },
  {
    reason: 'assault',
    category: 'violence',
    pattern: re(
      `\\b(?:beating|beat|hitting|punching|kicking|choking|strangling|attacking|assaulting|slapping|stomping|jumping|jumped|attacked|assaulted) (?:up )?(?:me|us|(?:his |her |their |my |a |an |the |this |that |some |our )?(?:old |young |little |elderly )?${PERSON})\\b|\\b(?:being|getting|just got) (?:beat|beaten|beat up|jumped|attacked|assaulted|mugged|robbed|carjacked)\\b|\\b(?:beating|beat|beats|beaten) (?:the )?(?:crap|hell|shit|life|daylights) out\\b|\\bdomestic (?:violence|dispute|fight)\\b(?= .*\\b(?:right now|screaming|hitting|beating|hurting)\\b)`,
    ),
    unless:
      /\b(?:game|video game|team|traffic|the heat|the rush|deadline|record|the odds|avoid|avoided|avoiding|swerve|swerved|swerving|almost|nearly|car|cars|truck|vehicle|bike|driver)\b(?! .*\b(?:screaming|bleeding|help)\b)/,
  },
  {
    reason: 'screaming for help',
    category: 'violence',
    pattern:
      /\b(?:screaming|yelling|crying|calling|shouting|begging) (?:for )?help\b|\bgritando (?:por )?(?:ayuda|auxilio)\b|\bpidiendo (?:ayuda|auxilio)\b|\bauxilio\b/,
  },
  {
    reason: 'threat to kill',
    category: 'violence',
    pattern: re(
      `\\b(?:threat|threats|threaten|threatening|threatened) (?:to )?(?:kill|shoot|stab|hurt|murder)\\b|\\b(?:trying|tried|try) to (?:kill|murder|strangle|choke|stab|shoot|hurt) (?:me|us|${PERSON}|my \\w+)\\b|\\b${PERSON} (?:is )?(?:says|said|saying|yelling|screaming)${gap(3)} (?:going to|gonna|will) (?:kill|shoot|stab|murder)\\b|\\b(?:killing|murdering) (?:her|him|them|someone|somebody|me)\\b(?! (?:with|on) (?:kindness|taxes|fees))|\\b(?:me|la|lo|nos|te) (?:va|quiere|esta) (?:a )?matar\\b|\\bamenaz\\w* (?:con|de) (?:matar\\w*|un arma|una pistola|un cuchillo)\\b|\\b(?:la|lo|los|las) esta matando\\b`,
    ),
  },
  {
    reason: 'rape',
    category: 'violence',
    pattern:
      /\b(?:rape|raped|raping|sexually assaulted|sexual assault|molesting|molested|violacion|violando|violaron|abuso sexual)\b/,
  },
  {
    reason: 'domestic violence',
    category: 'violence',
    pattern:
      /\b(?:le esta pegando|me esta pegando|nos esta pegando|la esta golpeando|lo esta golpeando|esta golpeando a|golpeando a su|pegandole a)\b/,
  },
  {
    reason: 'robbery in progress',
    category: 'violence',
    pattern:
      /\b(?:robbing|robbery in progress|being robbed|getting robbed|at gunpoint|at knifepoint|carjack\w*|mugging|being mugged|nos estan robando|me estan robando|estan robando|asalto|asaltando)\b|\b(?:breaking into|stealing|robbing|smashing|prying|steal|break into)\b(?: \w+){0,5} (?:right now|as we speak|ahora mismo)\b/,
    unless:
      /\b(?:keep|keeps|always|every (?:night|day|week)|constantly|lately|recently|presence|patrol|last (?:night|week|month)|unless (?:you|someone|somebody|i))\b(?! .*\b(?:right now|as we speak)\b)/,
  },

  // --- Intruders ----------------------------------------------------------------------
  {
    reason: 'intruder',
    category: 'intruder',
    pattern:
      /\b(?:intruder|intruders|prowler|burglar|burglars|break in progress|(?:breaking|broke|break|breaking in|broke in|trying to get|tried to get|trying to break|tried to break|forcing (?:their|his|her|the) way|forced (?:their|his|her|the) way) (?:in|into|in to) (?:my|our|the|her|his|their|a|this) (?:house|home|apartment|place|room|bedroom|back door|front door|door|window|basement)|trying to open (?:my|our|the) (?:door|window|windows)|(?:someone|somebody|a man|a stranger|strangers|a guy|people|some guy|a person) (?:is |are )?(?:in|inside) (?:my|our) (?:house|home|apartment|bedroom|basement|attic|place|room)|alguien (?:esta )?(?:en|dentro de) mi (?:casa|apartamento|cuarto)|se metio (?:alguien )?(?:a|en) mi casa|se metieron (?:a|en) mi casa|entraron a (?:mi|nuestra) casa|ladron\w* en (?:mi|la) casa)\b/,
    unless: /\b(?:my car|car was|car got|cars)\b(?! .*\b(?:house|home|apartment)\b)/,
  },
  {
    reason: 'intruder',
    category: 'intruder',
    pattern:
      /\b(?:hear|hearing|heard) (?:footsteps|someone|somebody|noises|voices|a man|a person|movement)(?: \w+){0,3} (?:upstairs|downstairs|inside|in (?:my|our|the) (?:house|apartment|basement|attic|kitchen|closet))\b/,
    requires:
      /\b(?:alone|nobody|no one|empty|should not be|not home|away|vacation|scared|afraid|hiding|locked myself)\b/,
  },

  // --- Children in danger -----------------------------------------------------------------
  {
    reason: 'kidnapping',
    category: 'child',
    pattern: re(
      `\\b(?:kidnap\\w*|abduct\\w*|secuestr\\w*)\\b|\\b(?:drag|dragging|dragged|pull|pulling|pulled|force|forcing|forced|shove|shoving|shoved|throw|throwing|threw|grab|grabbing|grabbed) (?:a |the |my |this |that |some |our )?(?:little |young |small )?${PERSON} into (?:a|the|his|her|their|an|some)? ?(?:\\w+ )?(?:van|car|truck|suv|vehicle)\\b|\\bse llevaron a (?:un|una|mi|mis) (?:nino|nina|hijo|hija|ninos|bebe)\\b`,
    ),
  },
  {
    reason: 'child in danger',
    category: 'child',
    pattern:
      /\b(?:kid|kids|child|children|baby|babies|toddler|infant|little boy|little girl) (?:is |are |was |been )?(?:left |locked |alone |stuck )+(?:alone )?(?:in|inside) (?:a|the|his|her|their|my|that|this)? ?(?:hot )?(?:car|vehicle|van|truck|suv)\b|\b(?:toddler|baby|infant|little (?:kid|boy|girl|one)|small child|young child)(?: \w+){0,3} (?:wandering|walking|running|crawling|playing|alone|by (?:himself|herself|itself))(?: \w+){0,3} (?:in|on|into|near) (?:the )?(?:middle of )?(?:the )?(?:street|road|highway|traffic|tracks|train tracks|roof|ledge|expressway)\b|\b(?:kid|child|baby|toddler|boy|girl|son|daughter)(?: \w+){0,2} (?:fell|falling|hanging|is hanging) (?:out of|from|off|in|into|through) (?:a |the |an )?(?:\w+ ){0,2}(?:window|balcony|roof|river|water|pool|creek|lake|well|hole|ice)\b|\b(?:missing child|lost child|child is missing|kid is missing|(?:son|daughter|kid|child|baby|toddler) (?:is |went |has gone )missing|can not find my (?:son|daughter|kid|child|baby|toddler|little)|nino perdido|nina perdida|no encuentro a mi (?:hijo|hija|nino|nina|bebe))\b|\b(?:being|is being|are being) (?:abused|molested|hurt)\b|\b(?:ninos?|ninas?|bebes?) (?:sol[oa]s?|encerrad[oa]s?) en (?:el|un) (?:carro|auto|coche)\b/,
  },

  // --- Suicide and self-harm -----------------------------------------------------------------
  {
    reason: 'suicide or self-harm',
    category: 'self-harm',
    pattern:
      /\b(?:suicide|suicidal|kill myself|killing myself|kill himself|kill herself|end my life|end it all|take my (?:own )?life|take his (?:own )?life|take her (?:own )?life|want to die|wish i (?:was|were) dead|do not want to (?:live|be alive)|no reason to live|better off dead|(?:want|going|try|trying|thinking about|think about|thought about|might|will|urge) (?:to )?(?:hurt|harm|cut) myself|hurting myself|harming myself|self harm|cutting myself|suicid\w*|quitarme la vida|quitarse la vida|me quiero matar|quiero matarme|me voy a matar|se quiere matar|se va a matar|quiero morir\w*|me quiero morir|no quiero vivir|hacerme dano|cortarme las venas|lastimarme|matarme)\b/,
    unless: /\b(?:suicide (?:squad|doors?|lane))\b/,
  },
  {
    reason: 'threat to jump',
    category: 'self-harm',
    pattern:
      /\b(?:going to|gonna|about to|threatening to|wants to|trying to|says he will|says she will|wants) jump\b(?! (?:rope|start|on (?:the|a) trampoline|the fence|the line|ship|the gun|for joy|through hoops|the queue|at the chance|(?:in|into) (?:the |a )?(?:pool|lake|water|leaves|puddles?)|off (?:the |a )?diving board))|\bjump (?:off|from) (?:the|a|that|this) (?:bridge|roof|building|ledge|overpass|window|balcony|parking garage)\b|\b(?:standing|sitting|climbing|climbed|hanging) (?:on|over|onto|off) (?:the )?(?:edge|ledge|railing|rail) of (?:the|a) (?:bridge|roof|building|overpass)\b|\b(?:on|over) the (?:edge|ledge|railing) of (?:the|a) (?:bridge|roof|building|overpass)\b|\b(?:tirarse|aventarse|lanzarse|saltar) (?:del|de la|de un|de una|desde) (?:puente|techo|edificio|azotea|ventana)\b|\bse va a (?:tirar|aventar|lanzar)\b/,
  },

  // --- Other hazards --------------------------------------------------------------------------
  {
    reason: 'chemical exposure',
    category: 'hazard',
    pattern: CHEMICAL,
    requires: PEOPLE_SICK,
    unless: [
      /\b(?:cigarette|cigarettes|weed|marijuana|smoking|smokers|vape|vaping|grill|bbq|barbecue|chimney|fireplace|mold|mould|dust|pollen|allergies)\b/,
      CHRONIC,
    ],
  },
  {
    reason: 'person trapped',
    category: 'hazard',
    pattern: re(
      `\\b(?:${PERSON}|i|we|i am|we are) (?:\\w+ ){0,2}(?:trapped|pinned|buried) (?:in|inside|under|beneath|between)\\b(?! (?:my lease|a lease|this lease|the lease|a contract))|\\b(?:${PERSON}|i|we|i am|we are) (?:\\w+ ){0,2}stuck (?:in|inside|under) (?:the |an |a |this )?(?:elevator|rubble|debris|wreck|wreckage|burning|fire|water|river|sinkhole|mud|flood)\\b|\\b(?:estoy|esta|estan|quedo|quedaron|${PERSONA}) (?:\\w+ ){0,2}atrapad[oa]s?\\b`,
    ),
    unless: /\b(?:feel|feels|felt|feeling) (?:trapped|stuck)\b/,
  },
  {
    reason: 'person inside a hazard',
    category: 'hazard',
    pattern: re(
      `\\b${PERSON}(?: \\w+){0,3} (?:still|stuck) (?:inside|in (?:it|there|the car|the building|the house|the water))\\b|\\b${PERSON}(?: \\w+){0,2} (?:is |are |s )?(?:still )?(?:under|underneath|beneath) (?:it|there|the (?:rubble|debris|roof|ceiling|wall|car|tree|truck))\\b`,
    ),
    requires: HAZARD_WITH_PERSON_INSIDE,
  },
  {
    reason: 'building collapsing',
    category: 'hazard',
    pattern:
      /\b(?:building|house|roof|wall|ceiling|porch|balcony|scaffold|scaffolding|crane|floor|stairs|stairway|deck|garage|structure|facade)(?: \w+){0,4} (?:is |are |just )?(?:collapsing|caving in|just collapsed|just caved in|just fell (?:down|in)|came crashing down|coming down right now|falling down right now)\b|\b(?:se esta cayendo|se derrumbo|se esta derrumbando|se cayo) (?:el|la) (?:edificio|casa|techo|pared|balcon)\b|\b(?:edificio|casa|techo|pared|balcon) se (?:derrumbo|esta derrumbando|esta cayendo ahora)\b/,
    unless: /\b(?:months|years|weeks|deteriorat\w*|slowly|over time|for a while|vacant|abandoned)\b/,
  },
  // --- More ways residents say it (kept apart so each can be tested and removed) ------------------------
  {
    reason: 'head injury',
    category: 'medical',
    pattern: re(
      `\\b(?:fell|fall|hit|banged|cracked) (?:and hit |on |down and hit )?(?:his|her|their|my) head\\b`,
    ),
    requires:
      /\b(?:bleeding|blood|unconscious|not moving|confused|will not wake|not waking|passed out|seizure|throwing up|vomiting|not responding|now|just)\b/,
  },
  {
    reason: 'fell onto tracks or through ice',
    category: 'medical',
    pattern:
      /\b(?:fell|jumped|lying|laying|is|are|someone) (?:on|onto|into) (?:the )?(?:subway |train |septa |el |trolley |rail )?tracks\b|\bfell through (?:the )?ice\b|\b(?:car|truck|van|vehicle|bus) (?:went|drove|crashed|rolled|plunged) into (?:the )?(?:river|water|creek|lake|canal)\b/,
  },
  {
    reason: 'elevator with someone inside',
    category: 'hazard',
    pattern:
      /\b(?:elevator|lift)(?: \w+){0,6} (?:stuck|stopped|broke down|dropped|fell)(?: \w+){0,6} (?:with (?:\w+ ){0,3}(?:inside|in it)|(?:people|someone|somebody|kids|my \w+) (?:is |are )?(?:inside|in it|trapped))\b/,
  },
  {
    reason: 'arson',
    category: 'fire',
    pattern:
      /\b(?:set (?:a |the )?fire|set fire to|setting (?:a )?fires? (?:to|in|on)|setting (?:\w+ ){1,3}on fire|se esta incendiando|incendiando)\b/,
    unless:
      /\b(?:last (?:night|week|month|year)|ago|yesterday|every (?:night|week)|keeps? happening|after|clean ?up|replacement|damaged|burned|burnt)\b/,
  },
  {
    reason: 'gas smell',
    category: 'gas',
    pattern:
      /\b(?:rotten eggs?|sulfur|sulphur) (?:smell|odor)\b|\bsmells? (?:like|of) (?:rotten eggs?|sulfur|sulphur)\b|\bolor a huevo podrido\b/,
    requires: /\b(?:house|home|kitchen|apartment|basement|stove|inside|building|hallway|room|casa|cocina)\b/,
    unless: /\b(?:sewer|sewage|drain|drains|water|toilet|trash|garbage|dumpster|creek|river)\b/,
  },
  {
    reason: 'being followed or chased',
    category: 'violence',
    pattern: re(
      `\\b(?:${PERSON}|car|van|truck|he|they) (?:is |are |keeps |s |re )?(?:following|chasing|stalking) (?:me|us|my (?:kid|kids|son|daughter|child|wife|husband|mom|girlfriend))\\b|\\b(?:me|nos) (?:esta|estan) (?:siguiendo|persiguiendo)\\b`,
    ),
    unless: /\b(?:dog|dogs|cat|bees?|on (?:twitter|instagram|social media))\b/,
  },
  {
    reason: 'weapon',
    category: 'weapon',
    pattern:
      /\b(?:swinging|waving|wielding|holding|brandishing|threatening (?:\w+ ){0,2}with) (?:a|an|the|his|her) (?:bat|baseball bat|crowbar|hammer|pipe|metal pipe|axe|ax|sword|brick|broken bottle)\b|\bhit (?:him|her|them|someone|somebody|me) with (?:a|an|the) \w+\b/,
  },
  {
    reason: 'fight in progress',
    category: 'violence',
    pattern:
      /\b(?:fight|fighting|brawl|brawling|pelea|peleando)\b(?: \w+){0,6} (?:right now|as we speak|ahora mismo)\b|\b(?:right now|ahora mismo)(?: \w+){0,4} (?:fight|fighting|brawl|pelea|peleando)\b/,
  },
  {
    reason: 'assault just happened',
    category: 'violence',
    pattern:
      /\b(?:was|were|been|got) just (?:mugged|robbed|attacked|assaulted|stabbed|shot|carjacked|jumped|beaten|beat up|raped)\b|\b(?:mauling|mauled)\b|\bexposing (?:himself|herself)\b/,
  },
  {
    reason: 'peeping or prowling',
    category: 'intruder',
    pattern:
      /\b(?:peeking|peeping|looking|staring) (?:in|into|through) (?:my|our) (?:window|windows|door)\b|\b(?:alguien|un hombre) (?:esta )?(?:entrando|metiendose|tratando de entrar) (?:a|en) (?:mi|la) casa\b|\bentrando a (?:mi|nuestra) casa\b/,
  },
  {
    reason: 'self-harm',
    category: 'self-harm',
    pattern:
      /\b(?:unalive|unaliving) (?:myself|me)\b|\b(?:end|ending) it (?:tonight|today|right now|now)\b|\bend my own life\b|\bnot (?:going to )?be (?:here|alive) tomorrow\b|\btook (?:a bunch of|a lot of|all (?:of )?my|the whole bottle of|a whole bottle of) (?:pills|meds|medication|medicine)\b/,
  },
  {
    reason: 'violencia',
    category: 'violence',
    pattern:
      /\b(?:me|nos) (?:golpea|pega|esta golpeando|estan golpeando)\b|\b(?:golpeandome|pegandome)\b|\b(?:me|nos|la|lo) (?:quieren|van a|vienen a) matar\b|\bnos (?:quieren|van a) disparar\b/,
  },
  {
    reason: 'emergencia medica',
    category: 'medical',
    pattern:
      /\b(?:se cayo y no se (?:puede )?levanta\w*|no se puede levantar|se cayo (?:de|por) (?:la ventana|el balcon|el techo))\b|\bhumo saliendo\b|\bcables? (?:electricos? |de luz )?(?:se )?cayo\b|\bse cayo (?:un|el) cable\b/,
  },
  {
    reason: 'collapse onto people',
    category: 'hazard',
    pattern:
      /\b(?:building|house|roof|wall|ceiling|porch|balcony|scaffold|scaffolding|crane|floor|stairs|deck|garage|structure|facade|tree|pole)(?: \w+){0,4} (?:collapsed|caved in|fell|came down|fell down|toppled)\b/,
    requires: re(
      `\\b(?:fell|came down|collapsed) (?:on|onto) (?:${PERSON}|people|workers|kids|a man|a woman)\\b|\\b(?:with )?(?:${PERSON}|people|workers)(?: \\w+){0,2} (?:inside|trapped|under|underneath|in it|in there|is inside|are inside)\\b`,
    ),
    unless: /\b(?:last (?:night|week|month|year)|ago|yesterday)\b/,
  },
  {
    reason: 'person inside a hazard',
    category: 'hazard',
    pattern: re(
      `\\b(?:someone|somebody|people|${PERSON}) (?:is|are|s) (?:still )?(?:inside|in it|in there|in the car)\\b`,
    ),
    requires:
      /\b(?:fell on|landed on|crushed|collapsed|caved in|on fire|in flames|sinkhole|flood|flooding|crash|crashed|river|smoke|burning)\b/,
    unless: /\b(?:last (?:night|week|month|year)|ago|yesterday|squatters?|vacant|abandoned)\b/,
  },
  {
    reason: 'self-harm',
    category: 'self-harm',
    pattern:
      /\b(?:cut|slit|slashed|cutting|slitting) (?:his|her|their|my) wrists?\b|\b(?:cortarse|corto|cortarme|se corto) las venas\b/,
  },
  {
    reason: 'gas smell',
    category: 'gas',
    pattern:
      /\bhuele (?:mucho |muy fuerte |fuerte |bien fuerte )?a gas\b|\bolor (?:fuerte |muy fuerte )?a gas\b/,
  },
  {
    reason: 'flames',
    category: 'fire',
    pattern:
      /\bflames?\b(?: \w+){0,3} (?:coming|shooting|pouring|everywhere|out of|from)\b|\b(?:see|saw|seeing) (?:\w+ )?flames\b/,
    unless: /\b(?:grill|grilled|flame retardant|old flame|flames game|candle)\b/,
  },
  {
    reason: 'child took medicine or poison',
    category: 'medical',
    pattern:
      /\b(?:son|daughter|kid|child|baby|toddler|boy|girl|grandson|granddaughter|he|she|\d+ ?yo|\d+ year old)(?: \w+){0,2} (?:ate|got into|swallowed|took|drank) (?:some of |a bunch of |a lot of |all of )?(?:my|his|her|the|our|grandmas|moms|dads|their)? ?(?:sleeping |pain |heart |blood pressure |adhd |anxiety )?(?:pills|medicine|meds|medication|vitamins|gummies|edibles|bleach|cleaner|detergent)\b|\b(?:tomo|bebio|se tomo|se bebio|trago|se trago) (?:cloro|veneno|detergente|anticongelante|quimicos|blanqueador|lejia)\b/,
  },
  {
    reason: 'stroke signs',
    category: 'medical',
    pattern:
      /\b(?:slurring (?:his|her|their|my) (?:words|speech)|face (?:is )?drooping|drooping face|one side of (?:his|her|my) (?:face|body) (?:is )?(?:numb|drooping|not moving))\b/,
  },
  {
    reason: 'assault',
    category: 'violence',
    pattern: re(
      `\\b(?:throwing|threw|slamming|slammed|dragging|shoving|pushing) (?:me|us|her|him|(?:a |the |his |her |my )?${PERSON_SUBJECT}) (?:against|into|down|on|to) (?:the )?(?:wall|floor|ground|car|stairs|door)\\b`,
    ),
  },
  {
    reason: 'intruder',
    category: 'intruder',
    pattern: re(
      `\\b(?:someone|somebody|a man|a guy|stranger|strangers|intruder|people|a person|they)${gap(8)} (?:is|are|s|re) (?:still )?(?:in|inside) (?:my|our) (?:house|home|apartment|bedroom|basement|place)\\b`,
    ),
  },
  {
    reason: 'intruder',
    category: 'intruder',
    pattern:
      /\b(?:hear|hearing|heard) (?:\w+ )?(?:glass breaking|breaking glass|someone breaking|the door being kicked|someone kicking (?:in )?(?:my|the) door)\b/,
  },
  {
    reason: 'kidnapping',
    category: 'child',
    pattern:
      /\b(?:snatched|grabbed|abducted|kidnapped|took off with) (?:a|the|my|that|this|some) (?:little )?(?:kid|child|baby|girl|boy|toddler)\b/,
  },
  {
    reason: 'threat to jump',
    category: 'self-harm',
    pattern:
      /\b(?:standing|sitting|climbing|climbed|hanging|is) (?:on|over|onto|off) (?:the )?(?:edge|ledge|railing|rail) of (?:the|a) (?:\w+ ){0,2}(?:bridge|roof|building|overpass|garage|tower)\b/,
  },
  {
    reason: 'live power line',
    category: 'power-line',
    pattern: /\b(?:sparking|sparks|arcing|chispas|chispeando)\b/,
    requires:
      /\b(?:power|electric|electrical|wire|wires|line|lines|cable|cables|transformer|pole|outlet|cables?)\b/,
    unless: /\b(?:spark plug|sparks joy|sparking (?:a |an )?(?:conversation|debate|interest))\b/,
  },
  {
    reason: 'person down',
    category: 'medical',
    pattern:
      /\b(?:man|woman|person|someone|somebody|guy|lady|kid|officer|child|people) (?:is )?down\b(?! (?:the|that|this|my|our|his|her|a|there|here|by|on|at|in|for|to|from|with|and|street|block|road)\b)|\b(?:man|woman|person|someone|somebody|guy|lady|kid) down in the (?:middle of the )?(?:street|road|crosswalk|intersection)\b/,
  },
  {
    reason: 'trouble breathing',
    category: 'medical',
    pattern:
      /\b(?:gasping for (?:air|breath)|struggling to breathe|can barely breathe|asthma attack|foaming at the mouth|le falta el aire|no puede respirar bien)\b/,
  },
  {
    reason: 'threatened at the door',
    category: 'violence',
    pattern: /\b(?:kicking|banging|pounding|beating) (?:on |in )?(?:my|our|the) (?:door|window|windows)\b/,
    requires:
      /\b(?:threat\w*|scared|afraid|terrified|trying to get in|break\w*|gun|knife|kill|hurt|yelling|screaming)\b/,
  },
  {
    reason: 'threatening with a weapon',
    category: 'violence',
    pattern: re(
      `\\b(?:threatening|threatened|threatens) (?:me|us|her|him|my \\w+|${PERSON_SUBJECT}) with (?:a |an |his |her |the |their )?(?:gun|knife|bat|weapon|machete|pipe|hammer|crowbar|bottle|brick|axe|sword|pistol|rifle)\\b|\\b(?:says|said|saying|yelling|screaming|threatening)(?: \\w+){0,3} (?:going to|gonna|will) (?:hurt|beat|kill|shoot|stab)\\b`,
    ),
    unless: /\b(?:rats?|mice|roaches|bugs|weeds|pests|mosquitoes|the grass|business)\b/,
  },
  {
    reason: 'held against their will',
    category: 'violence',
    pattern:
      /\b(?:against (?:her|his|their|my) will|(?:held|holding|being held|keeping) (?:a |some )?(?:woman|man|girl|boy|kid|child|people|someone|somebody|her|him|them|me|us) (?:captive|hostage)|(?:taken|took|taking) (?:\w+ )?hostage|hostage situation|human trafficking|being trafficked|la tienen encerrada|lo tienen encerrado|secuestrad[oa])\b/,
    unless: /\b(?:hostage to|held hostage by (?:the|this|our) (?:landlord|city|bill|parking))\b/,
  },
  {
    reason: 'suicide or self-harm',
    category: 'self-harm',
    pattern:
      /\b(?:shoot|hang|stab|drown|poison|overdose|shooting|hanging|stabbing) (?:myself|himself|herself|themselves)\b|\b(?:ahorcarse|ahorcarme|se quiere ahorcar|pegarse un tiro|pegarme un tiro)\b/,
  },
  {
    reason: 'child in danger',
    category: 'child',
    pattern:
      /\b(?:baby|toddler|kid|child|little (?:boy|girl|one)|infant)(?: \w+){0,2} (?:is )?(?:on|hanging out of|hanging from|climbing out of|climbing on|out on) (?:the|a) (?:window ledge|ledge|window sill|balcony railing|roof|railing)\b|\b(?:abandoned|left (?:a|the)) (?:baby|newborn|infant)\b|\b(?:nino|nina|bebe)s? sol[oa]s? en (?:la|el|medio de la) (?:calle|carretera|avenida)\b/,
  },
  {
    reason: 'vehicle into people',
    category: 'medical',
    pattern:
      /\b(?:hit|struck|ran over|run over|plowed into|drove into|mowed down|crashed into) (?:a group of |some )?(?:people|pedestrians|a crowd|kids|children|someone|somebody|a man|a woman|a child|a kid|a biker|a cyclist|a lady|an old (?:man|lady|woman))\b|\bshoot ?out\b|\bshootout\b/,
    unless:
      /\b(?:last (?:night|week|month|year)|ago|yesterday|almost|nearly|could|going to|will|before|branch|branches|limbs?|trees?|daily|often|keeps?|have struck|has struck)\b/,
  },
  {
    reason: 'gas smell',
    category: 'gas',
    pattern: /\b(?:saliendo|se esta saliendo|escapando|se escapa) (?:el )?gas\b/,
  },
  {
    reason: 'children left alone',
    category: 'child',
    pattern:
      /\b(?:kids|children|baby|toddler|infant|little ones|ninos|bebe)(?: \w+){0,2} (?:are|is|have been|has been|been|left|estan|esta) (?:home |en casa )?(?:alone|sol[oa]s?)\b/,
    requires:
      /\b(?:days|all night|overnight|since (?:yesterday|last night|friday|saturday|sunday)|crying|screaming|no food|hungry|no adult|nobody (?:is )?watching|dias|toda la noche|llorando)\b/,
  },
  {
    reason: 'kidnapping',
    category: 'child',
    pattern: re(
      `\\b${PERSON} (?:is |was |being |getting |got )*(?:dragged|pulled|forced|shoved|thrown|pushed|grabbed) into (?:a |the |his |her |their |an |some )?(?:\\w+ )?(?:van|car|truck|suv|vehicle)\\b`,
    ),
  },
  {
    reason: 'intruder',
    category: 'intruder',
    pattern:
      /\b(?:break|breaking|kick|kicking|bust|busting|knock|knocking|force|forcing) (?:down )?(?:my|our|the) (?:front |back |apartment |bedroom )?door (?:down|in|open)\b|\b(?:breaking|kicking|busting|knocking) down (?:my|our|the) (?:front |back )?door\b|\b(?:tumbando|rompiendo) (?:la|mi) puerta\b/,
  },
  {
    reason: 'emergencia',
    category: 'medical',
    pattern:
      /\bdolor (?:\w+ )?(?:en el|de|del) pecho\b|\b(?:se robaron|se llevaron|robaron|agarraron|secuestraron) a (?:un|una|mi|la|el|este|esta) (?:nino|nina|bebe|hijo|hija|muchacha|chica|chico|muchacho)\b/,
  },
  {
    reason: 'intruso',
    category: 'intruder',
    pattern:
      /\btratando de (?:entrar|meterse|abrir) (?:a |en |por )?(?:mi|la|nuestra) (?:casa|ventana|puerta|apartamento|cuarto)\b/,
  },
  {
    reason: 'amenaza de saltar',
    category: 'self-harm',
    pattern:
      /\b(?:quiere|va a|amenaza con|dice que va a|se quiere|se va a) (?:saltar|tirarse|aventarse|lanzarse)\b(?! (?:la cuerda|a la piscina|al agua|en la piscina))/,
  },
  {
    reason: 'gas hissing',
    category: 'gas',
    pattern: /\bhissing\b/,
    requires: /\b(?:gas|stove|meter|pipe|line|valve|tank|propane|estufa)\b/,
  },
  {
    reason: 'robbery just happened',
    category: 'violence',
    pattern:
      /\b(?:snatched|grabbed|stole|ripped|took) (?:my|her|his|a|an) (?:purse|bag|phone|wallet|handbag|backpack|chain)\b/,
    requires: /\b(?:just|right now|running|ran|chasing|is getting away|now)\b/,
    unless: /\b(?:last (?:night|week|month|year)|ago|yesterday|report)\b/,
  },
  {
    reason: 'being followed or chased',
    category: 'violence',
    pattern: /\b(?:being|getting|is being|was being) (?:followed|chased|stalked)\b/,
    unless: /\b(?:on (?:twitter|instagram|social media|tiktok)|dog|dogs|by (?:a|the) (?:dog|cat|bee|bees))\b/,
  },
  {
    reason: 'missing vulnerable person',
    category: 'child',
    pattern:
      /\b(?:wandered off|walked off|went missing|is missing|has gone missing|got lost|cannot be found|can not find (?:him|her|my \w+))\b/,
    requires:
      /\b(?:dementia|alzheimers?|autistic|autism|special needs|disabled|elderly|confused|nonverbal|non verbal)\b/,
  },
  {
    reason: 'suspicious package',
    category: 'fire',
    pattern: /\b(?:unattended|abandoned|suspicious) (?:bag|backpack|suitcase|package|box|device)\b/,
    requires:
      /\b(?:station|train|bus|subway|airport|school|stadium|store|building|platform|el|concourse|mall)\b/,
    unless: /\b(?:trash|garbage|dumped|dumping|furniture|mattress|lot)\b/,
  },
  {
    reason: 'asks for 911',
    category: 'medical',
    pattern:
      /^ (?:help |please |sos )*(?:911|emergency|emergencia|sos)(?: help| please| now| ayuda)* $|\b(?:someone|somebody|please|pls|plz) call 911\b|\bcall 911 (?:now|please|for me|asap)\b|\b(?:need|send) 911\b|\b(?:llamen|llamar|llame) al 911 (?:ya|ahora|por favor)\b|\bnecesito (?:al )?911\b/,
    unless: /\b(?:snow emergency|should i|do i|can i|when (?:do|should|to)|or 311|instead of)\b/,
  },
  {
    reason: 'live power line',
    category: 'power-line',
    pattern:
      /\b(?:line|lines|wire|wires) (?:are |is |now |still |just )*(?:down )?(?:on the ground|in the street|across the (?:road|street|sidewalk)|lying (?:in|on|across)|laying (?:in|on|across))\b/,
    requires: /\b(?:power|electric|electrical|pole|utility|tree|storm|peco|live|sparking|transformer)\b/,
    unless: [/\b(?:phone|telephone|cable tv|comcast|internet|verizon|fios|clothes ?line)\b/, CHRONIC],
  },
];
