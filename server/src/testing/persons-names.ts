/**
 * Names for synthetic populations: Catalan, Spanish, Italian and other origins common in
 * Catalan social services, each with a weight. Spanish surname weights follow the INE counts
 * (thousands of holders as first surname); the others decrease in a Zipf-like way from the
 * most common. Entries are "name:weight", separated by "|" or line breaks.
 */
export type Weighted = { name: string; weight: number }[];

function parse(text: string): Weighted {
  return text
    .split(/[|\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name, weight] = entry.split(':');
      return { name: name!.trim(), weight: Number(weight) };
    });
}

export const SPANISH_SURNAMES = parse(`
García:1378|Rodríguez:882|González:872|Fernández:854|López:840|Martínez:808|Sánchez:792
Pérez:750|Gómez:474|Martín:467|Jiménez:375|Ruiz:335|Hernández:334|Díaz:326|Moreno:298
Muñoz:276|Álvarez:271|Romero:219|Alonso:196|Gutiérrez:193|Navarro:185|Torres:179
Domínguez:173|Vázquez:163|Ramos:163|Gil:157|Ramírez:155|Serrano:151|Blanco:147|Molina:142
Morales:141|Suárez:139|Ortega:138|Delgado:134|Castro:133|Ortiz:132|Rubio:130|Marín:128
Sanz:126|Núñez:121|Iglesias:120|Medina:119|Garrido:117|Cortés:114|Castillo:113|Santos:112
Lozano:111|Guerrero:110|Cano:109|Prieto:107|Méndez:106|Cruz:104|Calvo:103|Gallego:103
Herrera:102|Márquez:101|León:100|Peña:98|Flores:97|Cabrera:96|Campos:95|Vega:94|Fuentes:93
Carrasco:92|Díez:91|Caballero:90|Reyes:89|Nieto:88|Aguilar:87|Pascual:86|Santana:85
Herrero:84|Lorenzo:83|Montero:82|Hidalgo:81|Giménez:80|Ibáñez:79|Durán:77|Santiago:76
Benítez:75|Mora:74|Vicente:73|Vargas:72|Arias:71|Carmona:70|Crespo:69|Román:68|Pastor:67
Soto:66|Sáez:65|Velasco:64|Moya:63|Parra:61|Esteban:60|Bravo:59|Gallardo:58|Rojas:57
Pardo:56|Merino:55|Franco:54|Espinosa:53|Izquierdo:52|Lara:51|Rivas:50|Silva:49|Rivera:48
Casado:47|Arroyo:46|Redondo:45|Camacho:44|Rey:43|Vera:42|Otero:41|Luque:40|Galán:40
Montes:39|Ríos:39|Sierra:38|Segura:38|Carrillo:37|Marcos:37|Mendoza:36|Collado:35
Bermúdez:34|Quintana:33|Aparicio:33|Palacios:32|Cuesta:32|Bautista:31|Villar:31|Toledo:30
Salazar:30|Salinas:29|Cobo:28|Escobar:28|Trujillo:27|Valero:27|Guzmán:26|Pacheco:26
Calderón:25|Rosales:25|Zamora:24|Beltrán:24|Mateo:24|Andrés:23|Ponce:23|Acosta:22
Miranda:22|Barrera:21|Bueno:21|Heredia:20|Rincón:20|Ávila:20|Aranda:19|Maldonado:19
Chacón:18|Solís:18|Becerra:17|Ojeda:17|Tapia:16|Vallejo:16|Valverde:15|Jurado:15
Alcaraz:14|Echevarría:14|Zapata:13|Olmedo:12|Aguirre:12|Urrutia:10|Goikoetxea:6
de la Fuente:30|del Río:28|de la Cruz:25|de la Torre:22|de los Santos:15|del Valle:15
de la Rosa:12|de Miguel:10|de Haro:8|de la Peña:8|del Pozo:7|de Dios:6
`);

export const CATALAN_SURNAMES = parse(`
Puig:60|Vila:55|Serra:55|Ferrer:78|Soler:62|Vidal:99|Font:50|Roca:50|Pujol:45|Casas:45
Mas:45|Sala:42|Prat:40|Bosch:40|Costa:40|Roig:38|Riera:38|Camps:35|Pons:35|Coll:35
Martí:35|Vives:33|Rovira:33|Sabaté:30|Rius:30|Bonet:30|Vallès:28|Miró:28|Castells:27
Rosell:27|Pla:27|Batlle:25|Badia:25|Fàbregas:25|Torra:24|Ribas:24|Carbonell:24|Planas:23
Solà:22|Solé:22|Grau:22|Canals:22|Comas:22|Oliver:22|Domènech:22|Marsal:20|Gual:20
Bertran:20|Boix:20|Casals:20|Esteve:20|Nadal:20|Pagès:20|Cardona:18|Colomer:18
Figueras:18|Llorens:18|Mateu:18|Matas:18|Mestre:18|Valls:18|Carreras:18|Massana:18
Dalmau:16|Llobet:16|Lluch:16|Oliveras:16|Palau:16|Ramon:16|Tomàs:16|Estany:15|Bruguera:15
Cabré:15|Giralt:14|Llop:14|Molins:14|Montserrat:14|Morera:14|Muntaner:14|Noguera:14
Olivé:14|Pallarès:14|Piqué:14|Pou:14|Pujadas:14|Ribera:14|Ripoll:14|Santamaria:14
Serrat:14|Simó:14|Torrent:14|Ventura:14|Vilà:14|Vilanova:14|Viñas:14|Ballester:14
Capdevila:14|Miralles:14|Sabater:14|Clos:14|Cortada:12|Creus:12|Galí:12|Gelabert:12
Guasch:12|Pellicer:12|Pi:12|Reig:12|Roger:12|Subirats:12|Trias:12|Vendrell:12|Vilalta:12
Vilaseca:12|Busquets:12|Jordà:12|Mir:12|Forner:12|Gasull:10|Marimon:10|Masó:10|Padrós:10
Peris:10|Ricart:10|Rubió:10|Sanmartí:10|Sardà:10|Tarrés:10|Tort:10|Camprubí:10|Folch:10
Llopis:10|Roure:10|Soldevila:10|Verdaguer:10|Maragall:8|Monràs:8|Obiols:8|Pijoan:8
Rocafort:8|Figuerola:8|Cirera:8|Bassols:8|Bofill:8|Castellví:8|Juncosa:8|Moragues:8
Pinyol:8|Vallverdú:8|Puigdemont:6|Sagarra:6|Surroca:6|Xirau:6|Fontanet:6|Gironès:6
Llach:6|Masdeu:6|Turró:6|Urgell:6|Guillamet:4|Puigcercós:4|Vilardell:5|Estapé:5
`);

export const ITALIAN_SURNAMES = parse(`
Rossi:100|Russo:80|Ferrari:70|Esposito:65|Bianchi:60|Romano:58|Colombo:55|Ricci:50
Marino:48|Greco:46|Bruno:45|Gallo:44|Conti:42|De Luca:40|Mancini:38|Giordano:36|Rizzo:35
Lombardi:34|Moretti:33|Barbieri:30|Fontana:30|Santoro:29|Mariani:28|Rinaldi:28|Caruso:27
Ferrara:27|Galli:26|Martini:26|Leone:25|Longo:25|Gentile:24|Martinelli:24|Vitale:23
Lombardo:23|Coppola:22|De Santis:21|D'Angelo:21|Marchetti:20|Parisi:20|Villa:20|Conte:19
Ferraro:19|Ferri:18|Fabbri:18|Bianco:18|Marini:18|Grasso:17|Valentini:17|Messina:17
De Angelis:16|Gatti:16|Pellegrini:16|Palumbo:15|Sanna:15|Farina:15|Rizzi:15|Monti:15
Cattaneo:14|Morelli:14|Amato:14|Silvestri:14|Mazza:13|Testa:13|Grassi:13|Pellegrino:13
Carbone:13|Giuliani:12|Benedetti:12|Barone:12|Rossetti:12|Caputo:12|Montanari:12
Guerra:11|Palmieri:11|Bernardi:11|Martino:11|Fiore:11|De Rosa:11|Ferretti:10|Bellini:10
Basile:10|Riva:10|Donati:10|Piras:10|Vitali:10|Battaglia:10|Sartori:9|Neri:9
Costantini:9|Milani:9|Pagano:9|Ruggiero:9|Sorrentino:9|D'Amico:9|Orlando:9|Negri:8
Di Stefano:8|Dalla Costa:6|La Rosa:6|De Simone:6|Lo Russo:5|Della Valle:5|Di Giacomo:5
Dal Santo:4|Lo Bianco:4|Dell'Acqua:4
`);

export const OTHER_SURNAMES = {
  maghreb: parse(`El Amrani:10|Benali:8|El Idrissi:8|Bouzid:6|Haddad:6|El Khattabi:5|Ouali:5
    Benhaddou:4|Zerouali:4|Chakir:5|El Fassi:4|Tahiri:5|Alaoui:6|Ziani:4|Aït Said:5|Bennani:6
    Cherkaoui:4|Lahlou:4|Mansouri:5|Moussaoui:4`),
  romanian: parse(`Popescu:10|Ionescu:8|Popa:8|Stan:6|Dumitru:7|Constantin:6|Munteanu:5|Radu:6
    Moldovan:5|Gheorghe:6|Rusu:5|Marin:4|Stoica:4|Tudor:4|Lungu:3`),
  latam: parse(`Quispe:5|Mamani:4|Huamán:3|Condori:3|Villca:2|Chávez:6|Ramos:4|Castillo:5
    Mendoza:5|Vargas:5|Rojas:5|Paredes:4|Cárdenas:3|Zambrano:3|Cedeño:3|Ortiz:4|Gómez:6
    Hernández:5|Rodríguez:6|Pérez:5|Da Silva:4|Dos Santos:3|Oliveira:3|Pereira:3`),
  subsaharan: parse(`Diallo:6|Ndiaye:6|Sow:4|Ba:4|Traoré:5|Camara:5|Diop:4|Fall:3|Sy:2|Touré:3
    Keita:3|Coulibaly:3|Mensah:2|Okafor:2`),
  asian: parse(`Khan:8|Ahmed:8|Ali:8|Hussain:6|Iqbal:4|Butt:3|Wang:6|Li:6|Zhang:6|Chen:5|Liu:5
    Wu:3|Yang:3|Huang:3|Singh:4|Kaur:3`),
};

export const GIVEN_NAMES = {
  catalan: {
    male: parse(`Josep:70|Joan:65|Jordi:60|Marc:50|Pau:35|Xavier:35|Pere:30|Albert:30|Antoni:30
      Arnau:30|Pol:30|Gerard:30|Oriol:25|Jaume:25|Sergi:25|Francesc:25|Josep Maria:25|Ramon:20
      Lluís:20|Martí:20|Nil:20|Miquel:20|Roger:20|Guillem:22|Ferran:18|Jan:18|Enric:15
      Joaquim:15|Aleix:15|Biel:12|Eduard:12|Bernat:10|Narcís:8|Joan Carles:8|Isaac:8|Quim:6`),
    female: parse(`Maria:60|Anna:50|Montserrat:45|Marta:45|Núria:40|Laia:35|Mireia:30|Carme:30
      Júlia:30|Meritxell:25|Gemma:25|Rosa:25|Clara:25|Mercè:20|Dolors:20|Aina:20|Sílvia:20
      Teresa:20|Martina:20|Alba:20|Roser:18|Judit:18|Neus:15|Berta:15|Elisabet:15|Montse:15
      Paula:15|Marina:15|Glòria:12|Maria Dolors:12|Jana:12|Queralt:10|Assumpta:10
      Maria del Carme:10|Maria Rosa:10|Joana:10|Ona:10|Èlia:8|Txell:3`),
  },
  spanish: {
    male: parse(`Antonio:80|José:75|Manuel:65|Francisco:55|Juan:55|David:45|Javier:40|Daniel:40
      Carlos:40|José Antonio:35|José Luis:35|Jesús:35|Alejandro:35|Miguel:30|José Manuel:28
      Rafael:28|Pedro:25|Pablo:25|Ángel:22|Sergio:22|Fernando:20|Jorge:20|Luis:20|Alberto:18
      Juan Carlos:16|Juan José:15|Álvaro:15|Diego:15|Adrián:15|Raúl:15|Enrique:14|Ramón:13
      Vicente:12|Iván:12|Rubén:12|Óscar:12|Andrés:11|Joaquín:10|Francisco Javier:10|Hugo:10
      Santiago:9|Eduardo:9|Víctor:9|Roberto:9|Mario:9|Jaime:8|Marcos:8|Ignacio:8|Lucas:8
      Martín:8|Alfonso:7|Salvador:7|Ricardo:7|Emilio:6|Guillermo:6|Gonzalo:6|Julián:5|Tomás:5
      Agustín:5|Nicolás:5`),
    female: parse(`María Carmen:60|María:55|Carmen:45|Josefa:30|Isabel:28|Laura:28|Ana:28
      Ana María:25|María Pilar:25|María Dolores:25|Cristina:22|María Teresa:20|Marta:20
      Francisca:20|María José:20|María Ángeles:18|Antonia:18|Lucía:18|María Isabel:17
      Dolores:16|Pilar:15|Elena:15|Sara:14|Paula:14|Concepción:13|Manuela:12|Raquel:12
      Rosa María:12|Mercedes:11|Rocío:11|Julia:10|Beatriz:10|Juana:10|Silvia:10|Teresa:10
      Encarnación:9|Nuria:9|Irene:9|Patricia:9|Alicia:8|Rosario:8|Montserrat:8|Andrea:8
      Rosa:8|Sofía:8|Inmaculada:7|Sonia:7|Mónica:7|Alba:7|Marina:7|Martina:7|Ángela:6
      Yolanda:6|Susana:6|Eva:6|Esther:6`),
  },
  italian: {
    male: parse(`Giuseppe:50|Giovanni:45|Antonio:40|Francesco:40|Mario:35|Luigi:30|Angelo:25
      Vincenzo:25|Alessandro:25|Andrea:25|Marco:25|Pietro:22|Salvatore:22|Luca:22|Carlo:20
      Matteo:20|Lorenzo:20|Franco:18|Domenico:18|Paolo:18|Bruno:16|Michele:15|Giorgio:15
      Davide:15|Simone:15|Stefano:15|Roberto:14|Sergio:12|Luciano:12|Federico:12|Fabio:12
      Aldo:10|Riccardo:10|Niccolò:8|Gianluca:8|Gian Luca:6`),
    female: parse(`Maria:40|Anna:30|Francesca:25|Giulia:25|Chiara:20|Giuseppina:18|Sofia:18
      Rosa:15|Angela:15|Giovanna:15|Valentina:15|Alessandra:14|Martina:14|Sara:14|Paola:14
      Laura:14|Teresa:12|Lucia:12|Federica:12|Silvia:12|Elena:12|Carmela:10|Caterina:10
      Elisa:10|Roberta:10|Antonella:10|Beatrice:8|Aurora:8|Ginevra:6`),
  },
  maghreb: {
    male: parse(`Mohamed:40|Ahmed:20|Youssef:18|Rachid:15|Said:14|Mustapha:12|Hassan:12
      Abdelkader:8|Karim:10|Omar:12|Hamza:8|Ayoub:8|Ilyas:6|Bilal:6`),
    female: parse(`Fatima:35|Khadija:18|Aicha:12|Nadia:12|Samira:10|Malika:8|Naima:8|Latifa:6
      Zineb:8|Salma:8|Hanane:6|Amina:10|Houda:5|Meryem:6`),
  },
  romanian: {
    male: parse(`Ion:15|Gheorghe:10|Constantin:10|Vasile:10|Mihai:12|Andrei:12|Alexandru:12
      Florin:8|Adrian:8|Marian:6|Cristian:8|Ionuț:5`),
    female: parse(`Elena:15|Maria:15|Ioana:12|Ana:10|Mihaela:10|Andreea:10|Gabriela:8
      Cristina:8|Daniela:8|Alina:6|Florentina:4`),
  },
  latam: {
    male: parse(`José Luis:10|Luis:12|Carlos:12|Jorge:10|Juan Pablo:6|Wilson:5|Edwin:5|Jhon:4
      Brayan:4|Kevin:5|Luis Fernando:4|Óscar:5|Héctor:4|Fredy:3`),
    female: parse(`Yolanda:6|Rosa María:6|Gladys:5|Maritza:4|Yessica:5|Daniela:8|Valentina:8
      Camila:7|Milagros:5|Luz Marina:4|Ruth:4|Jhoana:3|Lizeth:3|Nayeli:2`),
  },
  subsaharan: {
    male: parse(`Mamadou:10|Moussa:8|Ibrahima:8|Ousmane:6|Abdoulaye:6|Lamine:5|Cheikh:4|Babacar:3`),
    female: parse(`Aminata:8|Fatou:8|Mariama:6|Awa:5|Aissatou:5|Binta:4|Kadiatou:3`),
  },
  asian: {
    male: parse(`Muhammad:15|Imran:6|Bilal:5|Asif:5|Usman:4|Wei:6|Jun:4|Lei:4|Ming:4|Hao:3
      Gurpreet:3|Harpreet:2`),
    female: parse(`Ayesha:6|Sana:5|Fatima:6|Mehwish:3|Li Na:4|Mei:4|Hui:3|Xiaoyan:3|Yan:3
      Jaspreet:2`),
  },
};

/** Particles and joiners that a surname may carry. */
export const CATALAN_JOINER = 'i';
