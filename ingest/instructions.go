package ingest

import (
	"fmt"
	"strings"

	"raat/forecast"
	"raat/nl"
)

// instructionLines is the text of the Toelichting sheet, one line per
// row; lines starting with "## " are headings.
func instructionLines(opt TemplateOptions) []string {
	region := "uw RAAT-regio"
	if len(opt.Regions) == 1 {
		region = "RAAT " + opt.Regions[0]
	}
	hours := func(r forecast.Route) string { return nl.Int(opt.Training.PlaceHours[r]) }
	quote := "Eén opleidingsplaats telt als de uren die de student per jaar bij u is, gedeeld door een vast aantal uren per FTE."
	if opt.Training.PlaceHours[forecast.BBL] > 0 {
		quote = fmt.Sprintf("Eén opleidingsplaats telt als de uren die de student per jaar bij u is, gedeeld door %s uur (BBL en hbo-duaal) of %s uur (BOL en hbo-voltijd) per FTE.",
			hours(forecast.BBL), hours(forecast.BOL))
	}
	return []string{
		"Werkgeversuitvraag zorg en welzijn — " + region,
		"Met deze werkmap levert u één keer per jaar de cijfers van uw organisatie aan voor de regionale prognose van het personeelstekort in zorg en welzijn. De regio telt de cijfers van alle werkgevers op per branche, niveau en leeftijd, en berekent per werkgever de opleidingsquote.",
		"De werkmap vraagt alleen aantallen: geen namen of andere persoonsgegevens.",
		"",
		"## Zo vult u de werkmap in",
		"Vul alleen de gele cellen in. De grijze cellen (niveau, leeftijdsklasse, leerroute, reden, herkomst) zijn al ingevuld; u kunt ze met de keuzelijst wijzigen of onder de tabel regels toevoegen. De kopregels zijn beveiligd (zonder wachtwoord).",
		"Aantallen personen en plaatsen zijn hele getallen; FTE mag met decimalen (0,8 of 0.8). Is een aantal nul, vul dan 0 in of laat de cel leeg.",
		"Laat de namen van de bladen en de kolommen staan; de volgorde van bladen en regels maakt niet uit. Extra kolommen mogen, maar worden niet gelezen.",
		"",
		"## Organisatie",
		"Naam, KvK-nummer (8 cijfers), regio, branche en peildatum van de organisatie. Deze velden zijn verplicht.",
		"Is uw organisatie sinds de vorige peildatum gefuseerd, vul dan bij Fusie met KvK-nummers de KvK-nummers in van de organisaties die in de uwe zijn opgegaan, en tel hun personeel, in- en uitstroom in deze werkmap mee. Zo telt de regio niemand twee keer. Zonder fusie laat u het veld leeg.",
		"De peildatum is de datum waarop u het personeel en de vacatures telt (bijvoorbeeld 31-12-2025). In- en uitstroom gaan over de 12 maanden vóór de peildatum.",
		"",
		"## Personeel",
		"Per niveau en leeftijdsklasse: het aantal medewerkers in loondienst op de peildatum en hun FTE (contracturen gedeeld door 36, opgeteld). De FTE is hoogstens 1,2 keer het aantal medewerkers. Tel leerlingen (BBL, duaal) hier niet mee; die staan bij Stageplaatsen.",
		"Niveaus: mbo2 (helpende), mbo3 (VIG, MZ), mbo4 (verpleegkundige, agogisch), hbo (verpleegkunde, sociaal werk), wo/overig (artsen, psychologen en ondersteunend personeel).",
		"",
		"## Personeel naar geslacht (niet verplicht)",
		"Dit blad mag u leeg laten of verwijderen. Weet u het, vul dan per niveau en leeftijdsklasse het aantal mannen en vrouwen en hun FTE in. Samen zijn ze precies het aantal medewerkers en de FTE op het blad Personeel; een niveau en leeftijdsklasse met alleen nullen of lege cellen telt als niet verdeeld.",
		"Waarom: vrouwen en mannen werken gemiddeld niet even veel uren. Verandert de verhouding, dan verandert het aantal FTE dat het personeel levert, ook als het aantal medewerkers gelijk blijft.",
		"",
		"## Stageplaatsen",
		"Per niveau en leerroute: de opleidingsplaatsen die u dit jaar aanbiedt (stageplaatsen voor BOL en hbo-voltijd, leerwerkplekken voor BBL en hbo-duaal) en hoeveel daarvan bezet zijn. Bezette plaatsen zijn hoogstens de aangeboden plaatsen.",
		quote + " De opleidingsquote is het aantal FTE aan opleidingsplaatsen per 100 FTE zorgpersoneel; de regionale norm is 15.",
		"",
		"## Uitstroom",
		"Per niveau en reden: hoeveel medewerkers in de 12 maanden vóór de peildatum uit dienst gingen.",
		"Redenen: pensioen (ook vervroegd); andere sector (werk buiten zorg en welzijn); andere zorgwerkgever (werk bij een andere werkgever in zorg en welzijn: dit telt als verschuiving binnen de sector, niet als uitstroom); buiten arbeidsmarkt (geen werk, zorgtaken, studie, arbeidsongeschiktheid); onbekend.",
		"",
		"## Instroom",
		"Per niveau en herkomst: hoeveel medewerkers in dezelfde 12 maanden in dienst kwamen.",
		"Herkomst: schoolverlater (direct na een opleiding); zij-instromer (uit een andere sector, met omscholing); herintreder (na een periode zonder werk); andere zorgwerkgever; overig.",
		"",
		"## Vacatures",
		"Per niveau: de openstaande vacatures op de peildatum in FTE, en welk deel daarvan moeilijk vervulbaar is (langer dan 3 maanden open). Moeilijk vervulbaar is hoogstens het aantal openstaande vacatures.",
		"",
		"## Controle bij het inleveren",
		"Bij het inleveren wordt de werkmap gecontroleerd. U krijgt alle problemen tegelijk terug, elk met blad en cel (bijvoorbeeld Personeel!D7), de gevonden waarde en wat er verwacht wordt. Een werkmap met problemen wordt geweigerd en verandert niets aan eerder ingeleverde cijfers.",
		"Geweigerd worden ook: bestanden die geen .xlsx-werkmap zijn (.xls, .csv, .ods), werkmappen met een wachtwoord, en bestanden groter dan " + megabytes(DefaultMaxFileSize) + ".",
		"Levert u opnieuw in met hetzelfde KvK-nummer en dezelfde peildatum, dan vervangt de nieuwe werkmap de vorige.",
		"",
		"## Branches",
		strings.Join(branchLabels(), ", ") + ".",
	}
}
