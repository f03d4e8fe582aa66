import {
  WORDNET_ANIMAL,
  WORDNET_CHILD,
  WORDNET_DRUG,
  WORDNET_FIRE,
  WORDNET_HOT,
  WORDNET_MEDIA,
  WORDNET_RELATIVE,
  WORDNET_TAX,
  WORDNET_UNCONSCIOUS,
  WORDNET_WEAPON,
} from './emergency-wordnet.js';

/**
 * What the emergency screen knows, as data: word lists (English and Spanish,
 * without accents, as `simplifyForScreen` writes them) and the danger
 * concepts built from them. A concept is a hazard ("fire", "not breathing")
 * plus what makes it an emergency now (a person or place it affects, "right
 * now", a call for help), and it does not count when its clause cancels it
 * (negation, the past, a question about it, a hypothetical, the news, a
 * figure of speech). emergency-screen.ts applies them; the words need not be
 * spelled right, the fuzzy lexicon finds "fier", "bulding" and "dauter".
 *
 * Phrases are words separated by spaces; "..." lets up to four other words
 * in between ("took ... pills": "took a bunch of my pills").
 */

/** Every word written by hand below: the fuzzy lexicon corrects typos into these only. */
export const HAND_WORDS = new Set<string>();

/** A list of phrases read only as written: typos are never corrected into its words ("ther's" is not "thurs"). */
const exactList = (text: string): readonly string[] =>
  text
    .split('|')
    .map((phrase) => phrase.trim().replace(/\s+/g, ' '))
    .filter(Boolean);

/** A list of phrases, "|"-separated, as written below. */
const list = (text: string): readonly string[] => {
  const phrases = text
    .split('|')
    .map((phrase) => phrase.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
  for (const phrase of phrases) for (const word of phrase.split(' ')) HAND_WORDS.add(word);
  return phrases;
};

/**
 * WordNet's words (emergency-wordnet.ts) added to a hand-written list. They are read exactly,
 * never as a correction ("kayoed", "neonate"), and a word that names something ordinary in a
 * compound ("campfire", "bonfire") is left out of a hazard.
 */
const withWordNet = (hand: readonly string[], ...more: readonly (readonly string[])[]): readonly string[] => [
  ...new Set([...hand, ...more.flat()]),
];

/** Nouns and their plurals ("pistol", "pistols"). */
const plurals = (nouns: readonly string[]): readonly string[] =>
  nouns.flatMap((noun) => (noun.endsWith('s') ? [noun] : [noun, `${noun}s`]));

/** Words that name a person. */
const PERSON = withWordNet(
  list(`someone|somebody|anyone|person|people|man|men|woman|women|lady|guy|guys|dude|boy|girl|kid|kids|
  child|children|baby|babies|toddler|infant|teen|teenager|he|she|him|her|me|i|we|us|neighbor|neighbors|
  wife|husband|mom|mother|dad|father|son|daughter|grandma|grandmother|granny|grandpa|grandfather|brother|sister|
  cousin|friend|girlfriend|boyfriend|roommate|driver|pedestrian|cyclist|biker|worker|workers|elderly|senior|family|
  student|victim|patient|homie|his|nephew|niece|uncle|aunt|stepdad|stepmom|partner|lady|old man|year old|
  alguien|persona|personas|hombre|mujer|senor|senora|muchacho|muchacha|chico|chica|nino|nina|ninos|ninas|bebe|
  vecino|vecina|vecinos|esposa|esposo|mama|madre|papa|padre|hijo|hija|hijos|abuela|abuelo|hermano|hermana|amigo|
  amiga|ella|ellos|conductor|chofer|gente|familia|familias|trabajador|trabajadores|tio|tia|primo|prima|pareja|novio|novia|yo|
  female|male|adult|grandad|granddad|gramma|grammy|grampa|nana|grandson|granddaughter|coworker|
  sobrino|sobrina|nieto|nieta|suegro|suegra|cunado|cunada|albanil|albaniles|obrero|obreros|senor mayor`),
  plurals(WORDNET_CHILD),
  plurals(WORDNET_RELATIVE),
);

const CHILD = withWordNet(
  list(`kid|kids|child|children|baby|babies|toddler|infant|boy|girl|son|daughter|little boy|little girl|
  year old|years old|teen|teenager|newborn|nino|nina|ninos|ninas|bebe|hijo|hija|hijos|nene|nena|anos|
  twins|grandson|granddaughter|nieto|nieta|sobrino|sobrina`),
  plurals(WORDNET_CHILD),
);

/** Someone who may wander off: a child, or an adult with dementia. */
const WANDERER = withWordNet(
  CHILD,
  list(`dementia|alzheimers|alzheimer|elderly|grandma|grandpa|grandmother|
  grandfather|father|mother|dad|mom|abuela|abuelo|papa|mama|he|she|him|her`),
);

/** Places and things that burn, with people in or near them. */
const PLACE =
  list(`house|home|apartment|building|kitchen|basement|room|bedroom|bathroom|hallway|hall|stairwell|
  garage|attic|porch|rowhouse|rowhome|store|shop|school|church|stove|oven|pan|pot|outlet|wall|walls|window|windows|
  roof|floor|ceiling|closet|car|van|truck|bus|vehicle|dumpster|transformer|pole|meter|furnace|heater|dryer|
  curtains|couch|bed|mattress|unit|daycare|restaurant|bar|warehouse|factory|inside|upstairs|downstairs|
  casa|apartamento|edificio|cocina|cosina|sotano|cuarto|habitacion|bano|pasillo|garaje|techo|ventana|ventanas|
  estufa|horno|tienda|escuela|iglesia|carro|coche|auto|camion|piso|adentro|dentro`);

const VEHICLE = list(`car|cars|van|truck|suv|vehicle|bus|jeep|minivan|sedan|pickup|taxi|uber|carro|coche|auto|
  camioneta|camion|vehiculo`);

const WATER = list(`river|lake|creek|pond|pool|ocean|bay|canal|water|harbor|reservoir|stream|quarry|sea|beach|
  pier|dock|boat ramp|boat launch|marina|wharf|
  rio|lago|arroyo|estanque|piscina|alberca|agua|mar|bahia|playa`);

const STRUCTURE =
  list(`building|roof|ceiling|wall|walls|balcony|porch|deck|floor|trench|scaffolding|scaffold|house|
  stairs|staircase|garage|bridge|structure|rowhouse|parking garage|edificio|techo|pared|balcon|piso|zanja|andamio|
  casa|escalera|puente|terraza`);

/** People at risk under or in something that fell. */
const AT_RISK = withWordNet(
  PERSON,
  list(`trapped|inside|under|underneath|buried|on it|on them|atrapado|atrapada|
  atrapados|adentro|debajo|abajo|encima|sepultado|under it|under them`),
);

const WEAPON = withWordNet(
  list(`gun|guns|pistol|rifle|shotgun|knife|knives|knif|machete|sword|bat|weapon|weapons|firearm|blade|
  axe|hammer|pistola|arma|armas|cuchillo|navaja|bate|escopeta|box cutter|box cutters|razor|cuchillos`),
  plurals(WORDNET_WEAPON),
);

const ARMED =
  list(`with|con|waving|pointing|pulled|pulls|swinging|holding|has|armed|armado|threatening|threatens|
  amenaza|amenazando|chasing|brandishing|robbing|shooting|attacking|apuntando|persiguiendo|tiene|lleva|is in`);

const SMELL = list(`smell|smells|smelling|smelled|odor|odour|stench|stink|stinks|reek|reeks|huele|olor|oler|
  hiss|hissing|hisses|leak|leaking|leaks|leaked|fuga|escape|saliendo|sale|escapando`);

const ALARM_ON =
  list(`going off|went off|goes off|keeps going off|beeping|sounding|alarming|ringing|screaming|
  beep|beeps|sonando|suena|pitando`);

const SYMPTOM =
  list(`dizzy|nauseous|nausea|headache|headaches|head hurts|throwing up|threw up|throw up|vomiting|
  puking|sick|sleepy|confused|fainted|passed out|mareado|mareados|mareada|mareadas|vomitando|dolor de cabeza|
  enfermos|enfermo|desmayo|faint|drowsy|stay awake|head is pounding|pounding`);

const SICK_FROM_FUMES =
  list(`coughing|can not breathe|hard to breathe|trouble breathing|eyes burning|eyes are burning|
  burning eyes|eyes watering|throats burning|throat burning|vomiting|throwing up|passing out|passed out|fainting|
  fainted|tosiendo|arden los ojos|no pueden respirar|no puedo respirar`);

/** Heat, and a person showing it (red, sweaty); WordNet's words for hot ("sweltering", "scorching"). */
const HEAT = withWordNet(
  list(`hot|heat|sun|sunny|degrees|summer|windows up|windows closed|windows shut|windows rolled up|warm|
  sweltering|baking|boiling|roasting|sweaty|sweating|drenched in sweat|calor|sol|caliente|grados|al sol|
  rayo del sol|asando|sudando`),
  // Said of engines and tempers rather than of weather.
  WORDNET_HOT.filter((word) => !/heated|het|fervent|fervid/.test(word)),
);

/** Shut in: what keeps a person in a car. */
const CONFINED =
  list(`locked|left|stuck|trapped|alone|strapped|closed|crying|screaming|sleeping|asleep|napping|
  windows up|windows closed|windows shut|encerrado|encerrada|atrapado|atrapada|solo|sola|dormida|dormido|cerrado|
  cerrada|llorando`);

const IN_CAR = list(
  `car|vehicle|van|suv|truck|minivan|car seat|parked car|carro|coche|auto|camioneta|vehiculo|troca`,
);

const SMOKE_STATE =
  list(`pouring|coming out|coming from|coming up|coming through|filling|filled|full of|everywhere|
  billowing|black|thick|can not see|sale|saliendo|lleno|llena|negro|por todos lados|out the windows|spreading`);

const SPREAD = list(`spreading|everywhere|pouring|coming out|out the windows|all over|people|still inside|
  trapped|sale|saliendo`);

const WIRE =
  list(`wire|wires|power line|power lines|powerline|powerlines|line|lines|electric line|electric lines|
  electrical line|cable|cables|live wire|cable de luz|cables de luz|cable electrico|cables electricos|
  linea electrica|lineas electricas|alambre|alambres|alambre de luz|alambres de luz`);

/** Said after the wire: "wires down", "the line is down" (not "branches pushing down on the wires"). */
const DOWN_AFTER = list(`down|is down|are down|was down`);

const WIRE_DOWN =
  list(`downed|on the ground|fell|fallen|came down|come down|snapped|hanging down|lying|laying|
  on a car|in a puddle|caido|caidos|caida|caidas|se cayo|se cayeron|en el suelo|tirado|tirados|live|sparking|sparks|
  spark|arcing|buzzing|crackling|chispas|chispa|electrified|smoking|on fire|flashing|flashes|whipping|jumping|
  popping|humming|knocked down|knocked over|tumbo|tumbaron|tronando|zumbando`);

const SPARK = list(`sparking|sparks|spark|arcing|crackling|chispas|chispa|electrified|throwing sparks`);

const ELECTRIC = list(`${WIRE.join('|')}|pole|outlet|panel|electrical|transformer|breaker|poste|enchufe`);

const AMOUNT = list(`handful|bunch|all|whole|too many|too much|entire|bottle|bottles|a lot of|lots of|
  frasco|todas|todos|muchas|muchos|un monton|puñado|botella|#n|ten|twenty|dozen|pack|empty bottle|how many`);

const DRUG = withWordNet(
  list(`pills|pill|meds|medicine|medication|medications|adderall|xanax|oxy|oxycodone|fentanyl|heroin|
  percocet|tylenol|advil|aspirin|insulin|sleeping pills|painkillers|pain pills|vicodin|opioids|benadryl|
  antidepressants|pastillas|medicina|medicinas|medicamentos|pildoras|drogas|vodka|alcohol|liquor|bleach|cloro`),
  plurals(WORDNET_DRUG),
);

const ELEVATOR = list(`elevator|elevador|ascensor|lift`);

const HIGH_PLACE =
  list(`bridge|overpass|roof|ledge|building|window|balcony|railing|tower|garage roof|puente|techo|
  edificio|ventana|balcon`);

const BODY_PART =
  list(`head|leg|arm|face|neck|chest|stomach|wrist|wrists|hand|cabeza|pierna|brazo|cara|cuello|
  pecho|estomago|mano`);

const INTRUDER =
  list(`someone|somebody|stranger|strangers|intruder|intruders|burglar|burglars|man|men|guy|guys|dude|
  they|alguien|desconocido|hombre|tipo|ladron|ladrones`);

const HOME = list(`home|house|downstairs|upstairs|inside|apartment|door|window|casa|adentro|puerta|ventana`);

const HELP = list(`help|please help|send help|auxilio|socorro|ayuda|ayudenme|emergency|emergencia|hurry|911`);

const NOW =
  list(`now|right now|just|just now|currently|as we speak|at the moment|this minute|still|ahora|ahorita|
  ahora mismo|en este momento|ya`);

const OUTSIDE = list(`outside|street|block|corner|alley|park|store|school|bus|station|el|train|calle|esquina|
  afuera|parque|tienda|callejon|#th|avenue|ave|st`);

/** What a person may end their life with. */
const MEANS = list(`pills|pill|gun|rope|razor|blade|knife|bridge|noose|roof|ledge|pastillas|pistola|cuerda|
  navaja|puente`);

/** Soon: "tonight", "tomorrow", "anymore". */
const SOON = list(`tonight|tomorrow|anymore|no more|this time|esta noche|manana|ya no`);

/** A stranger's taking: the child is carried away ("drove off", "off the sidewalk", "out of the stroller"). */
const AWAY =
  list(`drove off|drove away|sped off|ran off|ran away|took off|out the stroller|out of the stroller|
  off the sidewalk|off the street|off the playground|white van|stranger|
  into his car|into her car|into a car|into the car|se fue|en su carro|en un carro|en una camioneta`);

const INTO_WATER =
  list(`into|in|went in|drove into|fell in|fell into|slid|sinking|sank|plunged|crashed into|off|
  cayo al|se cayo al|cayo en|hundio|se hundio|inside|trapped|can not get out|no sale|going under|adentro|atrapado`);

/** Word lists a concept may ask for as its context. */
/** How a person was come upon: found, lying, slumped. */
const FOUND = list(`found|finding|lying|laying|slumped|sprawled|encontre|encontramos|tirado|tirada`);

export const CONTEXTS = {
  FOUND,
  PERSON,
  CHILD,
  WANDERER,
  PLACE,
  VEHICLE,
  WATER,
  STRUCTURE,
  AT_RISK,
  WEAPON,
  ARMED,
  SMELL,
  ALARM_ON,
  SYMPTOM,
  SICK_FROM_FUMES,
  HEAT,
  IN_CAR,
  CONFINED,
  SMOKE_STATE,
  SPREAD,
  WIRE_DOWN,
  DOWN_AFTER,
  AMOUNT,
  DRUG,
  ELECTRIC,
  ELEVATOR,
  HIGH_PLACE,
  BODY_PART,
  INTRUDER,
  HOME,
  HELP,
  NOW,
  OUTSIDE,
  INTO_WATER,
  MEANS,
  SOON,
  AWAY,
  /** Whom a threat names, after its verb ("going to shoot my mom"; not "he will kill the rats"). */
  VICTIM_AFTER: PERSON,
} as const;

export type ContextName = keyof typeof CONTEXTS;

/** The concepts residents' danger falls into; the staff console and logs show them. */
export type EmergencyConcept =
  | 'fire'
  | 'gas'
  | 'not-breathing'
  | 'medical'
  | 'overdose'
  | 'self-harm'
  | 'vehicle-in-water'
  | 'missing-child'
  | 'hot-car'
  | 'violence'
  | 'live-wire'
  | 'collapse'
  | 'hazmat'
  | 'call-911';

export type Tier = 'clear' | 'possible' | 'none';

export interface ConceptRule {
  readonly concept: EmergencyConcept;
  /** Short name for logs and the staff console ("gas smell"). */
  readonly reason: string;
  readonly hazard: readonly string[];
  /** Each group needs one of its lists in the same sentence; no groups: the hazard alone is clear. */
  readonly context?: readonly (readonly ContextName[])[];
  /** Tier when only some context groups are there (all but the last) - default `alone`. */
  readonly partial?: Tier;
  /** Tier when the hazard is there without its context (default 'possible'). */
  readonly alone?: Tier;
  /** Phrases that, overlapping the hazard or anywhere in its clause (`notInClause`), make it something else. */
  readonly not?: readonly string[];
  readonly notInClause?: readonly string[];
  /** Intent is the danger ("I am going to kill myself"): "going to", "will" do not cancel it. */
  readonly intent?: boolean;
  /**
   * How many words from the hazard its context may stand (default 8). A context list whose name ends in
   * `_AFTER` counts only after the hazard.
   */
  readonly window?: number;
}

/**
 * Not wanting to live, however it is put: a negation, then wanting, then living ("I no longer wish to
 * continue living", "dont wanna be here no more"); each part may have up to four words between.
 */
const NOT_WANTING_TO_LIVE: readonly string[] = list(
  ['not', 'no longer', 'never']
    .flatMap((neg) =>
      ['want', 'wish', 'see a reason to'].flatMap((verb) =>
        ['live', 'living', 'alive', 'be here', 'be around', 'go on', 'continue', 'exist', 'wake up'].map(
          (life) => `${neg} ... ${verb} ... ${life}`,
        ),
      ),
    )
    .join('|'),
);

/** Not wanting to live somewhere or with someone: a housing complaint ("not want to live next to this dump"). */
const LIVING_SOMEWHERE = list(
  ['not want to live', 'not wish to live', 'not want to keep living']
    .flatMap((phrase) => ['in', 'here', 'next', 'with', 'on', 'near'].map((where) => `${phrase} ${where}`))
    .join('|'),
);

const FIGURATIVE_DROWNING = `paperwork|bills|bill|debt|debts|work|homework|emails|email|fees|fines|taxes|mail|calls|
  tickets|rent|requests|trash|garbage|leaves|forms|complaints|deudas|trabajo|papeles|cuentas`;

const drowningNot = (): readonly string[] =>
  list(FIGURATIVE_DROWNING).flatMap((thing) =>
    ['drowning', 'drowned', 'drowning in', 'ahogado', 'ahogada', 'ahogando'].map((word) =>
      word.endsWith(' in') ? `${word} ... ${thing}` : `${word} en ... ${thing}`,
    ),
  );

export const CONCEPT_RULES: readonly ConceptRule[] = [
  // Self-harm first: a crisis always gets the 988 line too.
  {
    concept: 'self-harm',
    reason: 'suicide or self-harm',
    intent: true,
    hazard:
      list(`kill myself|kill herself|kill himself|kill themselves|kill themself|killing myself|killing himself|
      killing herself|suicide|suicidal|end my life|end her life|end his life|end their life|end it all|end it|
      take my own life|take my life|take her life|take his life|want to die|wants to die|want to be dead|
      not want to be alive|not want to live|not want to be here|no point living|no point in living|
      no reason to live|better off dead|want to hurt myself|going to hurt myself|wants to hurt himself|
      wants to hurt herself|hurting myself|hurting himself|hurting herself|cutting myself|
      cutting himself|cutting herself|cut his wrists|cut her wrists|cut my wrists|shoot myself|shoot himself|
      shoot herself|said goodbye|texted me goodbye|goodbye letter|goodbye letters|goodbye note|suicide note|
      have a rope|noose|hang myself|hang himself|hang herself|ahorcarme|ahorcarse|carta de despedida|suicidar|suicidarse|suicidio|quiero morir|me quiero morir|
      quiere morir|quiero morirme|no quiero vivir|no quiero seguir viviendo|no quiere vivir|quitar la vida|
      quitarse la vida|quitarme la vida|me voy a matar|se va a matar|me quiero matar|se quiere matar|matarme yo|
      hacerme dano|cortarme|se corta|cortar las venas|end things|end everything|
      going to take ... pills|take all ... pills|going to swallow ... pills|going to overdose|
      nobody would miss|no one would miss|better off without me|wont be missed|no quiere seguir|no quiero seguir|
      ya no aguanto|no aguanto mas|ya no puedo mas|quiere morir|morirme`),
    not: list(`suicide hotline|suicide prevention|suicide lifeline|suicide awareness|suicide barrier|suicide rate|
      suicide rates|not be around for|not be here for|not be here to|not be around to|${LIVING_SOMEWHERE.join('|')}`),
    notInClause: list(`pothole|bache|intersection|crosswalk|esquina|cruce|corner|curve|highway|cars|traffic|
      trafico|carros|trip|trips|tripping|slip|slipping|sidewalk|ice|acera|banqueta`),
  },
  {
    concept: 'self-harm',
    reason: 'not wanting to live',
    intent: true,
    hazard: NOT_WANTING_TO_LIVE,
    not: LIVING_SOMEWHERE,
  },
  {
    concept: 'self-harm',
    reason: 'saying goodbye',
    intent: true,
    hazard: list(`wrote ... note|wrote ... letters|goodbye|gave away ... dog|gave away ... cat|
      gave ... cat to|gave ... dog to|sorry for everything|forgive me|perdoname|perdonenme|que lo perdone|
      que la perdone|despedida|se despidio`),
    context: [['MEANS', 'SOON']],
    alone: 'none',
    partial: 'possible',
  },
  {
    concept: 'self-harm',
    reason: 'threatening to jump',
    intent: true,
    hazard:
      list(`going to jump|wants to jump|want to jump|threatening to jump|about to jump|says he will jump|
      jump off|jump from|jumping off|jumping from|on the ledge|on the edge|quiere saltar|va a saltar|tirarse|aventarse|
      standing on the edge|on the edge of`),
    context: [['HIGH_PLACE', 'PERSON']],
    notInClause: list(`diving board|pool|trampoline|rope|puddle|line|queue|piscina`),
  },
  {
    // Climbing over or standing outside a railing: a danger where the railing holds people from a height.
    concept: 'self-harm',
    reason: 'threatening to jump',
    intent: true,
    hazard: list(
      `outside ... railing|over the railing|climbing over|climbed over|standing outside the railing`,
    ),
    context: [['HIGH_PLACE']],
    alone: 'none',
    notInClause: list(`diving board|pool|trampoline|rope|puddle|line|queue|piscina|fence|gate|slide|sign`),
  },
  {
    concept: 'gas',
    reason: 'gas smell',
    hazard:
      list(`gas|gases|gass|propane|natural gas|rotten eggs|rotten egg|huevo podrido|huevos podridos|sulfur|sulphur|
      azufre`),
    context: [['SMELL']],
    alone: 'none',
    notInClause: list(
      `sewer|drain|drains|dumpster|trash|garbage|cloaca|alcantarilla|basura|alcantarillas|toilet`,
    ),
  },
  {
    concept: 'gas',
    reason: 'carbon monoxide',
    hazard: list(`carbon monoxide|co|monoxide|monoxido|carbon monoxide alarm|co alarm|co detector`),
    context: [['ALARM_ON', 'SYMPTOM']],
    alone: 'none',
  },
  {
    concept: 'gas',
    reason: 'detector with symptoms',
    hazard: list(`detector|detectors|alarm|alarms|alarma|sensor`),
    context: [['ALARM_ON'], ['SYMPTOM']],
    window: 20,
    alone: 'none',
    partial: 'none',
  },
  {
    concept: 'gas',
    reason: 'fumes with symptoms',
    hazard: list(
      `generator|space heater|fumes|heater|oven|grill|exhaust|estufa|calentador|generador|charcoal`,
    ),
    context: [['SYMPTOM']],
    alone: 'none',
  },
  {
    concept: 'hazmat',
    reason: 'chemical with symptoms',
    hazard: list(`chemical|chemicals|spill|fumes|substance|powder|spray|sprayed|weird smell|quimico|quimicos|
      derrame|vapores|sustancia|barrel|drum`),
    context: [['SICK_FROM_FUMES']],
    window: 14,
    alone: 'none',
  },
  {
    concept: 'fire',
    reason: 'fire',
    hazard: [
      ...list(`fire|fires|flames|flame|flaming|blaze|ablaze|burning|on fire|caught fire|catch fire|
      catching fire|in flames|went up in flames|incendio|incendios|fuego|llamas|quemando|quemandose|se quema|
      incendiando|ardiendo|exploded|explosion|blew up|explotó|exploto`),
      ...WORDNET_FIRE,
    ],
    context: [['PLACE', 'PERSON', 'NOW', 'HELP', 'SPREAD', 'OUTSIDE']],
    not: list(`is fire|so fire|straight fire|fired up|dumpster fire|eyes are burning|eyes burning|burning eyes|
      throat is burning|throats are burning|throat burning|population exploded|prices exploded|
      phone blew up|phone exploded|fire emoji|burning question|burning desire|mixtape|on fire about|on fire over|
      smell of burning|smells of burning|smells like burning|smell burning|smelling burning|burning smell|
      odor of burning|fumes of burning|burning plastic|burning rubber|burning trash|burning leaves`),
    notInClause:
      list(`inbox|phone|twitter|mentions|notifications|team|streak|playing|player|song|album|outfit|
      mural|food|tacos|pizza|deal|deals|sale`),
  },
  {
    concept: 'fire',
    reason: 'smoke',
    hazard: list(
      `smoke|smoking|smoky|humo|humareda|smoldering|smouldering|smell something burning|huele a quemado|soot|hollin`,
    ),
    context: [['SMOKE_STATE', 'HELP']],
    alone: 'none',
    notInClause: list(`grill|bbq|barbecue|parrilla|cigarette|cigarettes|cigar|weed|vape|chimney|exhaust|buses|
      fireworks|incense|asador|cigarro|cigarros|smokers|smoke shop`),
  },
  {
    concept: 'not-breathing',
    reason: 'not breathing',
    hazard: [
      ...list(`not breathing|not ... breathing|not breathe|not ... breathe|stopped breathing|stop breathing|
      trouble breathing|hard to breathe|gasping|gasping for air|turning blue|lips are blue|lips blue|blue lips|
      no respira|no ... respira|no esta respirando|no puede respirar|dejo de respirar|sin respirar|no respiran|
      not breath|isnt breathing`),
      // A person's colour: "lips going purple", "she is blue", "se puso morado".
      ...list(
        ['blue', 'purple', 'gray', 'grey']
          .flatMap((colour) =>
            ['turning', 'turned', 'going', 'she is', 'he is', 'lips are', 'lips', 'face is', 'skin is'].map(
              (state) => `${state} ${colour}`,
            ),
          )
          .join('|'),
      ),
      ...list(`esta morado|esta morada|se puso morado|se puso morada|se puso azul|labios morados|esta azul`),
    ],
    context: [['PERSON']],
    notInClause: list(`smell|smells|stink|stench|odor|dust|trash|garbage|humidity|laughing|pollen|allergies`),
  },
  {
    // Not answering is unconsciousness only with a body or a place ("on the bathroom floor and he
    // will not answer"); alone ("the landlord, he don't answer") it gets the 911 line at most.
    concept: 'not-breathing',
    reason: 'unconscious',
    hazard: list(`not ... answering|no contesta`),
    context: [['PERSON'], ['PLACE', 'BODY_PART', 'FOUND']],
    window: 14,
    alone: 'none',
    partial: 'possible',
  },
  {
    concept: 'not-breathing',
    reason: 'unconscious',
    hazard: [
      ...list(`unconscious|unresponsive|passed out|blacked out|fainted|not moving|not ... moving|will not wake|
      not waking|not wake|not ... wake up|can not get up|not get up|can not move|not ... responding|not responsive|
      not respond|not ... moved|inconsciente|desmayo|desmayado|desmayada|se desmayo|no despierta|no se mueve|
      no responde|no reacciona|no se puede levantar|no puede levantarse|no puede moverse|no se puede mover|
      foaming|collapsed|collapsing|se desplomo|not open his eyes|not open her eyes|no abre los ojos`),
      ...WORDNET_UNCONSCIOUS,
    ],
    context: [['PERSON']],
    not: list(`move his|move my|move the|move their|move our|move a|move it|move car|move trash|move her car|
      collapsed her|collapsed his|collapsed the|collapsed their|collapsed my|on the floor plan|not responding to`),
    notInClause:
      list(`building|roof|ceiling|wall|walls|balcony|porch|trench|scaffolding|house|edificio|techo|pared|
      city|department|landlord|office|311|email|emails|complaint|complaints|patience|economy|market|system|deal|
      talks|negotiations|plan|plans|prices|business|phone|button|signal|signals|light|lights|website|app|line|
      crossing|they|them|staff|parking|calls|requests|sidewalk|road|pavement|asphalt|ground|hole|street`),
  },
  {
    concept: 'not-breathing',
    reason: 'lying down',
    hazard:
      list(`tirado en|tirada en|face down|slumped|lying in the road|lying in the street|lying on the ground|
      lying on the floor|is on the floor|is on the ground|was on the ground|on the floor not|on the ground not|
      on the ground and|on the floor and|esta en el suelo|esta en el piso`),
    context: [['PERSON']],
    alone: 'none',
    notInClause: list(
      `tree|branch|sign|pole|trash|mattress|couch|debris|colchon|basura|arbol|semaforo|poste`,
    ),
  },
  {
    concept: 'not-breathing',
    reason: 'person down',
    hazard: list(`man down|person down|woman down|someone down|guy down|hombre herido|persona herida`),
  },
  {
    concept: 'not-breathing',
    reason: 'bleeding',
    hazard: list(`bleeding|bleeds|bleed|bled|blood|bloody|sangrando|sangre|sangra|bleedin`),
    context: [['PERSON', 'BODY_PART']],
    not: list(`bleed the|bleeding the|bleeding me dry|bleed me|bleeding heart|bleeding through|blood drive|
      blood bank|blood pressure|blood test|donate blood|fake blood|blood sugar|bleeding us`),
  },
  {
    concept: 'not-breathing',
    reason: 'pinned or trapped',
    hazard: list(`is stuck|are stuck|stuck under|stuck inside|pinned|trapped|crushed|atrapado|atrapada|
      atrapados|aplastado|aplastada|fell on top of|fell on him|fell on her|fell on them|fell on someone|
      fell on people|fell on a worker|fell on workers|landed on him|landed on her|fell off the jack|buried alive|
      fell on a car|fell on the car|fell on my car|fell on his car|fell on her car|fell on top of a car|
      under it|under them|is under|are under|buried|enterrado|enterrada|pinned under|trapped under|tipped over on|
      dropped on|can not lift it|not lift it off`),
    context: [['PERSON']],
    alone: 'none',
    not: list(`stuck in traffic|stuck in the snow|stuck on hold|stuck on|
      fell on the power|fell on power|fell on the lines|fell on the wires|fell on my house`),
  },
  {
    concept: 'not-breathing',
    reason: 'injured',
    hazard: list(`hit by|run over|ran over|struck by|doored|atropello|atropellado|atropellada|atropellaron|
      atropellar|fell off|fell from|fell out|fell down the stairs|fell onto|on the tracks|fell through|
      through the ice|hit his head|hit her head|hit my head|se cayo del|se cayo por|se cayo de|se cayo y|
      dog bit|dog attacked|mauling|mauled|crashed|crash|wreck|accident|drove onto`),
    context: [['PERSON']],
    alone: 'none',
    not: list(`hit and run|car accident report|accident report|fell asleep|fell off the truck|fell out of the truck|
      fell off my|fell out of my`),
    notInClause:
      list(`pole|hydrant|sign|signs|stop sign|light pole|parked car|trash can|bin|mailbox|fence|cat|
      dog|deer|squirrel|raccoon|animal|bird|possum|groundhog|fox|hit and run|gato|perro`),
  },
  {
    concept: 'medical',
    reason: 'medical emergency',
    hazard:
      list(`heart attack|chest pain|chest pains|crushing chest|pain in ... chest|dolor ... pecho|infarto|
      ataque al corazon|cardiac arrest|stroke|drooping|slurring|seizure|seizing|convulsing|convulsion|
      convulsiones|convulsionando|choking|choked|chocking|atragantado|atragantando|allergic reaction|
      throat ... closing|asthma attack|anaphylactic|in labor|baby is coming|baby coming|her water broke|
      my water broke|water just broke|giving birth|
      dando a luz|foaming at the mouth|turning blue|dead|muerto|muerta|dead body|cadaver|a body in|body in the`),
    context: [['PERSON', 'BODY_PART']],
    not: [
      ...list(`gave me a heart attack|give me a heart attack|almost had a heart attack|heart attack of a|
      stroke of luck|choking hazard|choking on all|choking on these|choking my gutters|choking the gutters|
      choking my drain|choking the drain|choking my plants|choking the plants|choking my garden|choking the sewer|
      choking my pipes|choking the pipes|choking my tree|choking the tree|choking our|seizure of|property seizure|dead tired|dead serious|dead end|dead battery|
      dead set|dead at night|looks dead|look dead|looked dead|looking dead|dead animal|dead cat|dead dog|dead rat|dead rats|dead bird|dead birds|dead deer|
      dead raccoon|dead possum|dead squirrel|dead skunk|dead fox|dead pigeon|dead fish|dead tree|dead trees|
      dead grass|dead leaves|dead branch|dead branches|dead bulb|dead light|dead zone|animal muerto|gato muerto|
      perro muerto|rata muerta|pajaro muerto|muerto de|muerta de|dead ... bulb|dead ... battery`),
      // A dead animal (WordNet's mammals, birds, reptiles and fish) is a collection request.
      ...WORDNET_ANIMAL.filter((animal) => !animal.includes(' ')).flatMap((animal) => [
        `dead ${animal}`,
        `dead ${animal}s`,
      ]),
    ],
  },
  {
    concept: 'medical',
    reason: 'body found',
    hazard: list(
      `dead body|a body in|body in the|body floating|cadaver|hombre muerto|mujer muerta|un muerto`,
    ),
    not: list(`body shop|body of water|body cam`),
  },
  {
    concept: 'overdose',
    reason: 'overdose',
    hazard:
      list(`overdose|overdosed|overdosing|overdoses|od|oding|ods|sobredosis|too many pills|too much medicine|
      took ... pills|swallowed ... pills|ate ... pills|took all|took a bunch|took too many|shot up|
      swallowed ... battery|swallowed ... batteries|swallowed ... bleach|drank ... bleach|swallowed ... medicine|
      swallowed ... poison|drank ... poison|swallowed ... magnets|swallowed all|whole bottle of pills|
      whole bottle|bottle of pills|all ... medicine|all ... pills|tomo ... pastillas|trago ... pastillas|
      tomo cloro|tomo ... cloro|bebio ... cloro|trago ... pila|tomo todas|se tomo|se trago|se paso con|
      pastillas|envenenado|envenenada|poisoned|needle in his arm|needle in her arm|needle still in|got into ... pills|
      got into ... medicine|got into ... bottle|got into ... meds`),
    not: list(`overdose prevention|prevent overdose|overdose deaths|overdose training|overdose awareness|
      overdose crisis|overdose reversal|overdose kit|overdose kits|lead poisoning|food poisoning|
      old pills|dispose of`),
    notInClause: list(`narcan|naloxone|training|prevention|dispose|disposal|pharmacy|refill|prescription`),
  },
  {
    concept: 'overdose',
    reason: 'took too much',
    hazard: list(
      `took|swallowed|ate|drank|taken|injected|snorted|chewed|downed|gulped|got into|tomo|se tomo|trago|se trago|
      bebio|se metio`,
    ),
    context: [['AMOUNT'], ['DRUG']],
    window: 9,
    alone: 'none',
    partial: 'none',
  },
  {
    concept: 'vehicle-in-water',
    reason: 'drowning',
    hazard: list(`drowning|drowned|drowns|drownd|ahogando|ahogandose|se ahoga|se esta ahogando|se ahogo|
      going under|went under|underwater|fell through the ice|through the ice|not coming up|not ... come back up|
      not come up|filling up with water|filling with water|se llena de agua`),
    context: [['PERSON', 'WATER', 'VEHICLE']],
    notInClause:
      list(`asphalt|pavement|road|street|patch|sidewalk|cover|manhole|curb|ground|foundation|driveway|
      lot|porch|steps|stairs|house|building|floor|calle|acera|banqueta`),
    not: [...drowningNot(), ...list(`basement ... drowning|sotano ... ahogando|street ... drowning`)],
  },
  {
    concept: 'vehicle-in-water',
    reason: 'sinking',
    hazard: list(`sinking|sank|hundiendo|hundio|se hundio|se esta hundiendo`),
    context: [['PERSON', 'VEHICLE']],
    alone: 'none',
    notInClause:
      list(`asphalt|pavement|road|street|patch|sidewalk|cover|manhole|curb|ground|foundation|driveway|
      lot|porch|steps|stairs|house|building|floor|calle|acera|banqueta|hole|pothole|bache`),
  },
  {
    concept: 'vehicle-in-water',
    reason: 'vehicle in water',
    hazard: list(
      `river|lake|creek|pond|canal|bay|harbor|water|ocean|quarry|rio|lago|arroyo|agua|mar|estanque|pier|dock|
      boat ramp|boat launch|marina|wharf`,
    ),
    context: [['VEHICLE', 'PERSON'], ['INTO_WATER']],
    window: 14,
    alone: 'none',
    partial: 'none',
    notInClause: list(`parked|abandoned|bill|main|pressure|basement|sewer|hydrant|fountain|bottle|rain|puddle|
      bridge over|graffiti|trash|litter|factura|drinking|leak|leaking|flooding|flooded|floods|tow|towed|towing|
      lot|fishing|swim|swimming|park`),
  },
  {
    concept: 'missing-child',
    reason: 'missing child',
    hazard: list(`missing|is lost|got lost|are lost|lost at|lost in|gone|can not find|cannot find|nowhere|
      never came home|did not come home|not come home|never came back|never got home|never made it home|
      not get home|no llego a casa|can not see ... anywhere|not know where|no idea where|no se donde esta|no ha vuelto|wandered off|wandered away|ran away|
      disappeared|perdido|perdida|se perdio|se me perdio|no encuentro|no lo encuentro|no la encuentro|
      desaparecio|desaparecido|desaparecida|no aparece|no ha llegado|no regreso|no volvio|
      not in ... yard|not in ... room|not in ... bed|not in ... crib|not in ... backyard|not anywhere|
      gone from|slipped out|got out of the house|searched the whole|looked everywhere|
      no la encontramos|no lo encontramos|no los encontramos|no encontramos|por ningun lado|se salio`),
    context: [['WANDERER']],
    window: 6,
    alone: 'none',
    not: list(`missing cat|missing dog|missing pet|missing the point|missing trash|missing sign|missing cover|
      missing out|lost his|lost her|lost my|lost their|lost the|lost and found|missing his|missing her`),
    notInClause:
      list(`cat|dog|pet|puppy|kitten|perro|gato|card|tarjeta|bin|trash can|cover|sign|library|phone|wallet|
      keys|package|packages|mission|crossing guard|trash|recycling|pickup|reward|pit bull|pitbull|playground|swing|
      bar|sign|signs|piece|part|parts|section|slats|lid|ball`),
  },
  {
    concept: 'missing-child',
    reason: 'child taken',
    hazard:
      list(`grabbed|grab|grabbing|snatched|snatch|dragged|drag|dragging|pulled ... into|pulling ... into|
      took ... into|take ... into|taking ... into|kidnapped|kidnapping|kidnap|abducted|abducting|taken|
      secuestraron|secuestro|secuestrado|secuestrada|se llevaron|se robaron|se lo llevaron|se la llevaron|
      agarro|se la llevo|se lo llevo`),
    context: [['CHILD']],
    window: 6,
    alone: 'none',
    not: list(`snatched my purse|snatched my phone|grabbed my|took my|taken down|taken care|taken away by the city|
      taken prior|taken on|taken from|taken to`),
    notInClause: list(
      `sign|photo|picture|pictures|goods|trash|bin|bins|toter|can|cans|metal|debris|bike|lunch`,
    ),
  },
  {
    concept: 'missing-child',
    reason: 'child carried away',
    hazard: list(`took|put|carried|pulled|lifted|took ... out|took ... off`),
    context: [['CHILD'], ['AWAY']],
    window: 8,
    alone: 'none',
    partial: 'none',
    not: list(`i took|we took|i put|we put|i carried|we carried|i picked up|we picked up|i pulled|we pulled`),
    notInClause: list(
      `school|daycare|doctor|hospital|bus stop|practice|home|sign|photo|picture|trash|bin|bike`,
    ),
  },
  {
    concept: 'violence',
    reason: 'followed or held',
    hazard: list(`being followed|following me|following her|following a|held against|held hostage|being held|
      keeping her|keeping him|me esta siguiendo|me sigue|nos sigue`),
    context: [['PERSON']],
    alone: 'none',
  },
  {
    concept: 'missing-child',
    reason: 'child abandoned',
    hazard: list(`left a baby|left an infant|left a newborn|left a toddler|abandoned baby|abandoned child|
      baby abandoned|dejaron un bebe|bebe abandonado|abandonaron un bebe`),
  },
  {
    concept: 'missing-child',
    reason: 'child alone',
    hazard: list(`wandering|walking alone|alone in the street|alone on|alone in the middle|solo en la calle|
      sola en la calle|on the highway|in the middle of the street|in the middle of the road|on the window ledge|
      window ledge|home alone for|abandonado|abandonada`),
    context: [['CHILD']],
    alone: 'none',
    notInClause: list(`after school|program|until|car|carro|dog|cat|perro|gato`),
  },
  {
    concept: 'hot-car',
    reason: 'locked in a hot car',
    hazard:
      list(`locked|left|stuck|trapped|alone|strapped|closed|crying|inside|encerrado|encerrada|encerrados|
      atrapado|atrapada|dejaron|solo|sola|adentro`),
    context: [['IN_CAR'], ['CHILD', 'PERSON'], ['HEAT']],
    window: 16,
    alone: 'none',
    partial: 'possible',
    notInClause: list(`snow|towed|ticket|keys|alarm|parking ticket|broken into|window broken|stolen`),
  },
  {
    concept: 'hot-car',
    reason: 'person in a hot car',
    hazard:
      list(`in a car|in the car|in a ... car|in the ... car|in her car|in his car|in their car|in my car|in a van|in a ... van|in a ... suv|in the back seat|
      in the backseat|en un carro|en el carro|en un coche|en un ... coche|en la camioneta|en la troca`),
    context: [['CHILD', 'PERSON'], ['HEAT']],
    window: 16,
    alone: 'none',
    partial: 'none',
    notInClause: list(
      `snow|towed|ticket|keys|parking ticket|broken into|stolen|air conditioning|ac|a c|commute`,
    ),
  },
  {
    concept: 'violence',
    reason: 'threat to shoot or stab',
    intent: true,
    hazard: list(`going to shoot|going to stab|threatening to shoot|threatening to stab|will shoot|
      will stab|va a disparar|la va a matar|lo va a matar`),
    context: [['VICTIM_AFTER']],
    window: 3,
    alone: 'none',
    not: list(`kill me if|kill us if|kill me when|matar si|matarme si`),
    notInClause: list(`movie|film|scene|video|photo|photos|pictures|hoops|game|boss|lol|lmao|haha`),
  },
  {
    concept: 'violence',
    reason: 'shooting',
    hazard: list(`shooting|shootin|shot|shots|shots fired|gunshots|gunshot|gunfire|shootout|opened fire|
      open fire|active shooter|disparos|disparando|disparo|disparan|balacera|balazos|tiroteo|baleado|dispararon|
      disparo a|heard pops|heard popping`),
    context: [['PERSON', 'NOW', 'OUTSIDE', 'WEAPON', 'HELP', 'HOME']],
    not: list(`shot down|shot me a|shot an email|shot of|big shot|long shot|jump shot|flu shot|shots of`),
    notInClause:
      list(`vaccine|vaccines|booster|flu|covid|photo|photos|camera|basketball|hoops|pool table|fireworks|
      firework|corn|popcorn|balloons|ears|bb|paint|paintball|airsoft|pellet|nerf|water gun|glass|window`),
  },
  {
    concept: 'violence',
    reason: 'stabbing',
    hazard:
      list(`stab|stabbed|stabbing|stabbin|apunalaron|apunalado|apunalada|apunalar|acuchillado|acuchillaron|
      cut him|cut her|sliced|slashing|slashed|slash|slashin`),
    context: [['PERSON', 'NOW', 'OUTSIDE', 'HELP']],
    not: list(`a stab at|stab at`),
  },
  {
    concept: 'violence',
    reason: 'weapon',
    hazard: WEAPON,
    context: [['PERSON', 'INTRUDER'], ['ARMED']],
    alone: 'none',
    partial: 'possible',
    notInClause: list(`buy|buying|permit|license|carry|legal|own|sell|sells|selling|lock|locks|sale|comprar|
      permiso|painted|paint|graffiti|drawing|picture|toy|nerf|water gun|buyback|shop|store sells|sharpen|
      sharpening|baseball|softball|little league|league|flying|flew|cave|bats|needles|vacant lot|dumped|
      dumping|found a|laying in the|lying in the|bat in|bat flew|sculpture`),
  },
  {
    concept: 'violence',
    reason: 'armed person',
    hazard:
      list(`armado|armada|armados|armed man|armed men|armed guy|armed person|armed robbery|active shooter|
      shootout|shoot out|shots fired|gunfire|balacera|tiroteo|balazos`),
    not: list(`armed forces|armed services`),
  },
  {
    concept: 'violence',
    reason: 'assault',
    hazard: list(`beating|beat|beats|hitting|hittin|punching|punched|kicking|attacking|attacked|attack|
      assaulting|assaulted|choking her|choking him|strangling|raping|rape|raped|golpeando|golpea|
      golpeo|pegando|pega|atacando|ataco|violando|fight|fighting|fightin|brawl|pelea|peleando|stomping|jumped|
      throwing her|throwing him|beaten|mugged|mugging|robbing|robbed|robbery|carjacking|carjacked|holdup|hold up|
      held up|snatched|snatching|robando|asaltando|asaltaron|asalto|abusing|domestic violence|violence|violencia|screaming for help|
      screaming help|screaming ... help|yelling for help|gritando auxilio|gritando ayuda|pidiendo ayuda`),
    context: [['PERSON', 'NOW', 'HELP']],
    alone: 'none',
    not: list(`fighting over|fight over|fighting about|fight a|fight the|fight my|fight this|fight city|
      punching holes|beat the|beat traffic|beat the heat|jumped the|jumped a|jump shot|hit and run|
      violence shelter|violence hotline|violence victims|violence prevention|gun violence|violence program|
      attack of|heart attack|asthma attack|panic attack|beat up car|beat up truck|hitting the|hitting my car|
      robbed my car|fight back|pelean por`),
    notInClause:
      list(`every day|every night|every weekend|ticket|shelter|hotline|report|program|resources|support|
      awareness|parking|game|games|class|classes|team|boxing|dog|dogs|cats`),
  },
  {
    concept: 'violence',
    reason: 'threat to kill',
    intent: true,
    hazard: list(`threatening to kill|threatens to kill|threatened to kill|trying to kill|going to kill me|
      going to kill us|wants to kill me|want to kill me|kill me|kill us|threatening me|threatening us|
      threatening with|threatening her|threatening him|me quieren matar|me quiere matar|quieren matarme|
      me va a matar|nos va a matar|me amenaza|amenazando con matar|amenaza con matar|amenazando|
      hurt the family|hurt his family|hurt our family|hurt the kids|hurt us|kill the family|matarme|matarnos|
      not leave ... alive|not get out ... alive|has me cornered|cornered me|make me pay`),
    not: list(`threatening me with eviction|threatening to evict|threatening to sue|threatening to call|kill me if|
      kill me when|kill me lol`),
    notInClause:
      list(`eviction|evict|sue|lawsuit|rent|police on|call the police|raise|desalojo|heat|rats|bugs|
      ticket|fine|fines|lawyer|court|tow|boss|teacher|coach|late|lol|lmao|haha|detour|traffic|jefe|jefa|maestro|
      maestra|profesor|entrenador|tarde|desvio|factura|bill|bills`),
  },
  {
    concept: 'violence',
    reason: 'intruder',
    hazard: list(`breaking in|breaking into|break in|broke in|broke into|trying to get in|trying to get into|
      trying to open|kicking in|kicking down|break ... door|breaking ... door|in my house|inside my house|
      in the house|in my home|in my apartment|intruder|peeking in|peeping|looking in my window|entrando|se metio|
      metieron|dentro de mi casa|en mi casa|forcing ... door|glass breaking|breaking glass|broke my ... window|
      tratando de entrar|intentando entrar|quiere entrar|quieren entrar|entrar por|metiendo|forzando`),
    context: [['INTRUDER', 'HOME']],
    alone: 'none',
    not: list(`broke into my car|broken into|broke into cars last|leak in my house|mice in|rats in|mold in|
      roaches in|bugs in`),
    notInClause: list(`last night|ticket|report|landlord|visiting|guest|roommate|tenant|leak|mold|
      rats|mice|roaches|bugs|heat|needs|pest|trash|vacant`),
  },
  {
    concept: 'violence',
    reason: 'bomb threat',
    hazard:
      list(`bomb|bomb threat|explosive|explosives|suspicious package|unattended backpack|suspicious backpack|
      unattended bag|suspicious bag|paquete sospechoso|bomba`),
    not: list(`time bomb|bath bomb|photo bomb|bombed the test|da bomb|bomb pop`),
  },
  {
    concept: 'live-wire',
    reason: 'wire down',
    hazard: WIRE,
    context: [['WIRE_DOWN', 'DOWN_AFTER']],
    window: 3,
    alone: 'none',
    not: list(`cable line|cable tv|cable company|cable box|phone line|telephone line|internet line|fiber line|
      fell on ... lines|fell on ... wires|fell on ... line|fell on ... wire|resting on|cayo sobre ... cables|
      line at|line for|in line|online|on line|hot line|hotline|bus line|lines are faded|lines painted|
      painted lines|parking lines|line painting|fishing line|clothes line|clothesline|lines up|down the line|
      line of|water line|water lines|gas line|gas lines|sewer line|sewer lines|crossing line|property line|tree line|
      fence line|line of sight|finish line|front line|front lines|bring them down|bring it down`),
    notInClause: list(`comcast|verizon|xfinity|internet|hanging low|low hanging|sagging|for months|for weeks|
      tree branch|branch is|trim|trimming|tangled|parking|faded|paint|painted|queue|wait|waiting`),
  },
  {
    concept: 'live-wire',
    reason: 'sparks',
    hazard: SPARK,
    context: [['ELECTRIC', 'PLACE', 'NOW', 'HELP']],
    alone: 'possible',
    notInClause: list(`fireworks|sparklers|sparkler|spark plug|grinder|welding|welder|no hay|no sparks`),
  },
  {
    concept: 'collapse',
    reason: 'collapse',
    hazard: list(`collapsed|collapsing|collapse|caved in|cave in|caving in|cavd in|gave way|came down|fell in|
      fell on|came crashing down|crumbled|fell through|derrumbo|derrumbe|se derrumbo|derrumbando|se desplomo|
      desplomo|colapso|colapsado|se cayo|se cayeron|se vino abajo|cayo encima|se cayo encima|se hundio|
      fell down on|fell down|came down on|fell apart|sinkhole|sink hole|opened up under|swallowed a car|se abrio un hoyo`),
    context: [['STRUCTURE', 'ELEVATOR', 'VEHICLE'], ['AT_RISK']],
    alone: 'none',
    partial: 'possible',
    not: list(`collapsed her|collapsed his|collapsed their|collapsed my|collapsed the|fell in love|fell in the pothole|
      came down with a|came down with the flu|came down with covid`),
    notInClause:
      list(`patience|economy|market|prices|deal|negotiations|plan|plans|sidewalk|pothole|tree|branch|
      arbol|rama|bache|road|street|calle|snow|rain|trash|bins|cans`),
  },
  {
    // Everyday verbs of falling ("the balcony fell", "the porch roof dropped on him"): a collapse only
    // with both a structure and someone at risk; a structure alone is a routine report ("a gutter fell").
    concept: 'collapse',
    reason: 'collapse',
    hazard: list(`fell|dropped|dropped on|gave out|se vino abajo|vino abajo`),
    context: [['STRUCTURE', 'ELEVATOR'], ['AT_RISK']],
    alone: 'none',
    partial: 'none',
    // A person who fell ("i fell while crossing on the ice") is not a structure that fell.
    not: list(
      ['i', 'he', 'she', 'we', 'they', 'you', 'someone', 'somebody']
        .flatMap((who) => ['fell', 'dropped', 'gave out'].map((verb) => `${who} ${verb}`))
        .join('|'),
    ),
    notInClause: list(`tree|branch|branches|limb|arbol|rama|sign|gutter|gutters|siding|shingles|bricks|brick|
      trash|bins|cans|snow|ice|leaves|sidewalk|pothole|bache`),
  },
  {
    concept: 'collapse',
    reason: 'trapped',
    hazard: list(`stuck|trapped|atrapado|atrapada|atrapados|encerrado|encerrada`),
    context: [['ELEVATOR']],
    alone: 'none',
    notInClause: list(`broken again|broken for|out of service|repair`),
  },
  {
    concept: 'call-911',
    reason: 'asks for 911',
    hazard: list(`911|call 911|llamen al 911|need an ambulance|call an ambulance|send an ambulance|
      send help|necesito una ambulancia|llamen una ambulancia|manden ayuda`),
    not: list(`911 or 311|911 and 311|311 or 911|311 and 911|not 911|instead of 911`),
  },
];

/** Compounds in which a hazard word names something ordinary ("smoke alarm", "fire hydrant", "gas bill"). */
export const ORDINARY_COMPOUNDS = list(`smoke alarm|smoke alarms|smoke detector|smoke detectors|fire alarm|
  fire alarms|fire hydrant|fire hydrants|hydrant|hydrants|fire department|fire dept|fire station|fire escape|
  fire escapes|fire truck|fire trucks|fire engine|fire drill|fire drills|fire pit|fire pits|fire report|fire hazard|
  fire hazards|fire trap|fire code|fire marshal|fire inspector|fire inspection|fire extinguisher|
  fire extinguishers|fire safety|fire prevention|fire damage|fire insurance|fire chief|fire lane|fire company|
  firefighter|firefighters|fireworks|fire works|firework|fire place|fireplace|cease fire|camp fire|campfire|
  bonfire|gas station|gas stations|gas bill|gas bills|gas company|gas can|gas cans|gas meter reading|gas price|
  gas prices|gas grill|gas money|gas pedal|gas mask|gas line permit|out of gas|step on the gas|laughing gas|
  sewer gas|gas up|gas tank|gas account|gas payment|gas service|gas works|gas powered|gasolinera|gasolina|
  alarma de humo|alarmas de humo|detector de humo|detectores de humo|detector de monoxido|hidrante|hidrantes|
  bomberos|departamento de bomberos|fuegos artificiales|factura del gas|factura de gas|cuenta del gas|
  cuenta de gas|pago del gas|pago de gas|recibo del gas|recibo de gas|compania de gas|flu shot|flu shots|
  screenshot|screen shot|jump shot|mug shot|photo shoot|shooting range|shooting gallery|shooting hoops|
  shoot hoops|shooting a video|shooting the video|gun buyback|gun buybacks|gun locks|gun lock|gun permit|
  gun violence|gun shop|gun store|gun show|gun range|gun safety|water gun|nerf gun|toy gun|glue gun|nail gun|
  heat gun|staple gun|armed forces|time bomb|bath bomb|photo bomb|body shop|hit and run|suicide hotline|
  suicide prevention|suicide lifeline|crisis line|crisis lifeline|jump rope|jump start|diving board|
  lead poisoning|food poisoning|overdose prevention|overdose training|blood drive|blood pressure|blood test|
  fake blood|narcan|naloxone|cpr|first aid|death certificate|death trap|deathtrap|killer deals|dead end|
  dead battery|dead tired|dead serious|dumpster fire|smoke shop|cable tv|power outage|power is out|
  power went out|carbon monoxide detector program|alarma contra incendios|salida de incendios|
  extintor|extintores|boca de incendios|heat wave|heat advisory|cooling center|fire danger|fire risk|
  reverse 911|911 system|non emergency|nonemergency|911 dispatch|911 operator|911 center|shot out|shoot out the|
  paint gun|paint guns|bb gun|bb guns|pellet gun|airsoft|paintball|water pistol|water pistols|water fight|
  pillow fight|snowball fight|food fight|water balloon|water balloons|group chat|water pistol fight|water gun fight|nerf fight|nerf war`);

/** Nobody: a clause about nobody has no one in danger ("no one was in the car when it rolled into the pond"). */
export const NOBODY = list(`nobody|no one|no body|nadie|noone|nobody is|no people`);

/** No one at risk: said anywhere in a sentence, it governs all of it ("the wall fell but nobody was near it"). */
export const NOBODY_AT_RISK = list(
  [
    ...['nobody', 'no one', 'noone'].flatMap((who) =>
      ['was', 'is', 'were', 'got', ''].flatMap((verb) =>
        ['hurt', 'injured', 'near it', 'near', 'inside', 'in it', 'in the car', 'under it', 'home'].map(
          (what) => `${who} ${verb} ${what}`.replace('  ', ' '),
        ),
      ),
    ),
    'nadie salio herido|nadie esta herido|nadie resulto herido|nadie adentro|nadie estaba adentro|no hay heridos',
  ].join('|'),
);

/** Words that say the danger is not there: "no smoke", "nobody is hurt", "nadie esta herido". */
export const NEGATION = list(`no|not|never|nobody|no one|nothing|without|none|nadie|sin|ni|nunca|nada|ningun|
  ninguna|nobody is|isnt|wasnt`);

/** The clause tells of the past, or of something resolved. */
export const PAST =
  list(`last night|last week|last month|last year|last summer|last winter|last spring|last fall|
  last weekend|last time|yesterday|set fire to|days ago|weeks ago|months ago|years ago|day ago|week ago|month ago|year ago|
  years back|back in|used to|there was|there were|was fixed|were fixed|
  fixed it|already fixed|repaired|already|hace un ano|hace anos|hace meses|hace dias|hace una semana|anoche|ayer|
  el ano pasado|la semana pasada|el mes pasado|el verano pasado|hubo|habia|arreglaron|this year|earlier this year|
  in january|in february|in march|in april|in june|in july|in august|in september|in october|in november|
  in december|taken to the hospital|taken to hospital|went to the hospital|after arson|arson|after the fire|
  after a fire|en enero|en febrero|en marzo|en abril|en mayo|en junio|en julio|en agosto|en septiembre|
  en octubre|en noviembre|en diciembre|apagaron|put it out|put out|was put out|a while back|while back|
  over the weekend|this past|pasado|pasada|pasados|pasadas|summers ago|winters ago|decades ago|a while ago|
  long ago|in #year|since #year|back in #year|of #year|
  from #year|over the holidays|over the summer|over the winter|replaced|removed|restored|cleaned up|
  ${['un', 'una', 'dos', 'tres', 'unos', 'unas', 'varios', 'varias', 'muchos', 'muchas']
    .flatMap((n) =>
      ['dia', 'dias', 'semana', 'semanas', 'mes', 'meses', 'ano', 'anos'].map((unit) => `hace ${n} ${unit}`),
    )
    .join('|')}`);

/** Just before a hazard, these make it an event referred to ("after the kitchen fire", "desde el incendio"). */
export const EVENT_REFERENCE = list(`after|since|during|following|despues|desde|durante|tras`);

/**
 * Burdens that residents say are killing, drowning or choking them ("choking me with rent increases",
 * "drowning in paperwork"): a hazard in the same clause as one is a figure of speech. WordNet's taxes,
 * fees, loans and debts, and the city's usual burdens.
 */
export const BURDENS = withWordNet(
  list(`paperwork|bills|bill|debt|debts|homework|emails|fees|fines|taxes|rent|rents|tickets|traffic|commute|
  budget|prices|increases|deadlines|bureaucracy|red tape|forms|deudas|cuentas|impuestos|multas|renta|trafico`),
  plurals(WORDNET_TAX),
);

/** A message that says it is not an emergency. */
export const NOT_EMERGENCY = list(`not an emergency|not a emergency|no emergency|non emergency|nonemergency|
  not urgent|no es una emergencia|no es emergencia|no es urgente`);

/**
 * The message asks the city to do something ("can the city please make the slide a priority",
 * "police presence needed", "the owner needs to be notified"): a complaint about a standing
 * problem. A clear emergency in it is said to be happening now or asks for help; otherwise it gets
 * the 911 line, not the 911 reply alone.
 */
export const ASKS_THE_CITY = list(`can the city|could the city|will the city|would the city|the city should|
  the city needs|city needs to|city must|ask the city|asking the city|request the city|can you please|
  could you please|please fix|please repair|please remove|please make|please address|please look into|
  please have|please send someone to|look into this|looked into|needs to be|need to be|needs to get|
  should be|must be|needed|is needed|are needed|be notified|be fixed|be repaired|be removed|be addressed|
  be cleared|be cleaned|be replaced|a priority|priority|requesting|request that|would like|would appreciate|
  fix this|fix it|take care of this|thank you|thanks|la ciudad debe|la ciudad deberia|pueden arreglar|
  puede arreglar|favor de arreglar|necesita arreglo|deberian arreglar|gracias`);

/** Directly before a hazard, the past tense of its telling ("my son was hit by a car", "shots were heard"). */
export const PAST_AUXILIARY = list(`was|were|had|had been|habia sido|habian sido`);

/** The clause tells of something that keeps happening, not of an emergency now. */
export const CHRONIC = list(`every day|every night|every morning|every evening|every week|every weekend|
  every time|everyday|all night|all the time|all day|all morning|all summer|always|constantly|for weeks|
  for months|for years|for days|for a week|for a month|for a year|todas las noches|todos los dias|siempre|
  desde hace meses|desde hace anos|desde hace semanas|cada semana|cada noche|cada dia|cada rato|a cada rato|
  every few|every so often|every couple|keeps getting|constantemente|every single|each time|whenever|
  nights ago|nites ago|cada vez`);

/**
 * Nouns a hazard word can stand before as a modifier ("an active shooter drill", "a 911 dispatcher",
 * "fire safety class"): right after the hazard, they make it something else than the event.
 */
export const MODIFIED_NOUNS =
  exactList(`drill|drills|training|trainings|class|classes|course|courses|exercise|
  exercises|simulation|dispatcher|dispatchers|operator|operators|call center|awareness|prevention|
  safety|insurance|statistics|stats|museum|tour|tours|survivor|survivors|kit|kits|simulacro|simulacros|
  entrenamiento|clase|clases|curso|cursos|operadora|operador`);

/** A day of the week in the telling ("my moms house got broke into tues", "in Saturday's storm"). */
export const WEEKDAYS = exactList(`monday|tuesday|wednesday|thursday|friday|saturday|sunday|mondays|tuesdays|
  wednesdays|thursdays|fridays|saturdays|sundays|tues|weds|thurs|lunes|martes|miercoles|jueves|viernes|
  sabado|domingo`);

/** Opening a sentence, these make all of it a condition ("if a wire falls on my car, do I stay inside?"). */
export const CONDITIONAL = list(`if|what if|in case|in case of|suppose|supposing|si|en caso de|en caso|por si|
  planning|plan|making a plan|making an emergency plan`);

/** Words that, before the hazard, make it a hypothetical or a plan. */
export const HYPOTHETICAL =
  list(`if|what if|in case|in case of|incase|someday|some day|one day|could|might|would|suppose|supposing|
  may|almost|nearly|before|worried|worry|worries|plan|planning|prepare|preparing|drill|practice|class|classes|
  training|course|teach|learn|should|si|en caso|algun dia|por si|podria|podrian|puede que|casi|antes de que|
  worst case|tips|rules|law|laws|sign about|in an emergency|in emergencies|in case of emergency|such as|
  for example|en una emergencia|por ejemplo`);

/** The future: cancels a hazard, except where intent is the danger. */
export const FUTURE = list(`going to|will|gonna|va a|van a|vamos a|is about to|about to|eventually|soon|
  waiting to happen|could be|could get|can get`);

/** Questions about a hazard, before it in the clause ("how do i get a smoke alarm"). */
export const QUESTION = list(`how do|how can|how to|how much|how many|how would|how does|how often|where do|
  where can|where is|where are|where to|who do|who handles|who fixes|who is|who regulates|who to|who pays|
  what is the|what are the|what happens|what would|what to do|is there|are there|does the|
  does philly|does the city|do you|can i|can you|could you|should i|when is|when will|when do|when does|why is|
  why does|why do|will there be|is it legal|is it safe|is that|is this|como consigo|como puedo|como hago|
  como se|donde|cuando|quien|cual|hay algun|que pasa si|que hago si|que debo|asking about|question about|
  pregunta sobre|info on|information about|information on|report a|reporting a|difference between|
  who do i call|number for|hotline for|program for|program to`);

/** Telling of what the news, a show, a game or a post showed. */
export const MEDIA = withWordNet(
  list(`news|tv|television|movie|movies|film|filming|filmed|documentary|podcast|article|
  video game|videogame|game|youtube|instagram|facebook|twitter|tiktok|radio|book|novel|theater|theatre|
  play about|scene|episode|noticias|tele|television|pelicula|series|posted|meeting|vigil|
  statistics|stats|tv show|netflix|book report|show about|a show|the show|story about|read about|heard about|
  learned about|video|videos|un video|foto|fotos|photo|photos|graffiti|mural|poster|posters|flyer|flyers|
  nextdoor|reddit|snapchat|whatsapp|group chat|citizen app|gta|fortnite|call of duty|xbox|playstation|
  gaming|video games|redes sociales|el face|telenovela`),
  plurals(WORDNET_MEDIA),
);

/** "Now": overrides the past ("the fire last week ... and now it is burning again"). */
export const NOW_OVERRIDE =
  list(`right now|just now|now|just|currently|as we speak|at the moment|ahora|ahorita|
  ahora mismo|en este momento|again now|still burning|still on fire|still leaking|still smoking|still inside|
  ahorita mismo`);
