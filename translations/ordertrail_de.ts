<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AddressFields</name>
    <message>
        <source>DE</source>
        <translation>DE</translation>
    </message>
    <message>
        <source>The country&apos;s two-letter ISO 3166 code</source>
        <translation>Der zweibuchstabige ISO-3166-Code des Landes</translation>
    </message>
    <message>
        <source>Street:</source>
        <translation>Straße:</translation>
    </message>
    <message>
        <source>Line 2:</source>
        <translation>Zusatz:</translation>
    </message>
    <message>
        <source>Postal code, city:</source>
        <translation>PLZ, Ort:</translation>
    </message>
    <message>
        <source>Country:</source>
        <translation>Land:</translation>
    </message>
</context>
<context>
    <name>EventText</name>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Versandt</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>%1 created the order for %2</source>
        <translation>%1 hat den Auftrag für %2 angelegt</translation>
    </message>
    <message>
        <source>%1 added %2 × %3 (%4) at %5</source>
        <translation>%1 hat %2 × %3 (%4) zu %5 hinzugefügt</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 hat %2 entfernt</translation>
    </message>
    <message>
        <source>%1 confirmed the order</source>
        <translation>%1 hat den Auftrag bestätigt</translation>
    </message>
    <message>
        <source>%1 shipped the order</source>
        <translation>%1 hat den Auftrag versandt</translation>
    </message>
    <message>
        <source>%1 shipped the order (%2)</source>
        <translation>%1 hat den Auftrag versandt (%2)</translation>
    </message>
    <message>
        <source>%1 marked the order delivered</source>
        <translation>%1 hat den Auftrag als zugestellt markiert</translation>
    </message>
    <message>
        <source>%1 cancelled the order: %2</source>
        <translation>%1 hat den Auftrag storniert: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Added %1 × %2 (%3) at %4</source>
        <translation>%1 × %2 (%3) zu %4 hinzugefügt</translation>
    </message>
    <message>
        <source>Removed %1</source>
        <translation>%1 entfernt</translation>
    </message>
    <message>
        <source>Shipped: %1</source>
        <translation>Versandt: %1</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Storniert: %1</translation>
    </message>
    <message>
        <source>Order created</source>
        <translation>Auftrag angelegt</translation>
    </message>
    <message>
        <source>Item added</source>
        <translation>Position hinzugefügt</translation>
    </message>
    <message>
        <source>Item removed</source>
        <translation>Position entfernt</translation>
    </message>
    <message>
        <source>Created for %1</source>
        <translation>Angelegt für %1</translation>
    </message>
    <message>
        <source>Customer registered</source>
        <translation>Kunde angelegt</translation>
    </message>
    <message>
        <source>Customer details changed</source>
        <translation>Kundendaten geändert</translation>
    </message>
    <message>
        <source>Customer forgotten</source>
        <translation>Kunde vergessen</translation>
    </message>
    <message>
        <source>Product added</source>
        <translation>Artikel angelegt</translation>
    </message>
    <message>
        <source>Price changed</source>
        <translation>Preis geändert</translation>
    </message>
    <message>
        <source>Product discontinued</source>
        <translation>Artikel ausgelistet</translation>
    </message>
    <message>
        <source>Registered customer %1</source>
        <translation>Kunde %1 angelegt</translation>
    </message>
    <message>
        <source>Changed the customer&apos;s %1</source>
        <translation>Kundendaten geändert: %1</translation>
    </message>
    <message>
        <source>Forgot the customer&apos;s personal data: %1</source>
        <translation>Personenbezogene Daten des Kunden gelöscht: %1</translation>
    </message>
    <message>
        <source>Added %1 at %2, tax %3 %</source>
        <translation>%1 zu %2 angelegt, Steuer %3 %</translation>
    </message>
    <message>
        <source>Price set to %1</source>
        <translation>Preis auf %1 gesetzt</translation>
    </message>
    <message>
        <source>Price set to %1: %2</source>
        <translation>Preis auf %1 gesetzt: %2</translation>
    </message>
    <message>
        <source>Discontinued</source>
        <translation>Ausgelistet</translation>
    </message>
    <message>
        <source>Discontinued: %1</source>
        <translation>Ausgelistet: %1</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>billing address</source>
        <translation>Rechnungsadresse</translation>
    </message>
    <message>
        <source>shipping address</source>
        <translation>Lieferadresse</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>(gelöscht)</translation>
    </message>
    <message>
        <source>%1 (name erased)</source>
        <translation>%1 (Name gelöscht)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Totals beyond what can be computed</source>
        <translation>Summen jenseits des Berechenbaren</translation>
    </message>
    <message>
        <source>%1 %: %2</source>
        <translation>%1 %: %2</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 (amendment: %2)</source>
        <translation>%1 (Nachtrag: %2)</translation>
    </message>
    <message>
        <source>note by %1: %2</source>
        <translation>Notiz von %1: %2</translation>
    </message>
    <message>
        <source>Quantity of %1 %2 → %3</source>
        <translation>Menge von %1 %2 → %3</translation>
    </message>
    <message>
        <source>Removed the discount of %1</source>
        <translation>Rabatt auf %1 entfernt</translation>
    </message>
    <message>
        <source>%1 off %2</source>
        <translation>%1 Rabatt auf %2</translation>
    </message>
    <message>
        <source>Removed the order&apos;s discount</source>
        <translation>Auftragsrabatt entfernt</translation>
    </message>
    <message>
        <source>%1 off the order</source>
        <translation>%1 Rabatt auf den Auftrag</translation>
    </message>
    <message>
        <source>Quantity changed</source>
        <translation>Menge geändert</translation>
    </message>
    <message>
        <source>Line discount set</source>
        <translation>Positionsrabatt gesetzt</translation>
    </message>
    <message>
        <source>Order discount set</source>
        <translation>Auftragsrabatt gesetzt</translation>
    </message>
    <message>
        <source>Note added</source>
        <translation>Notiz hinzugefügt</translation>
    </message>
    <message>
        <source> · discounts %1</source>
        <translation> · Rabatte %1</translation>
    </message>
    <message>
        <source>%1%2 · net %3 · tax %4 · gross %5</source>
        <translation>%1%2 · netto %3 · Steuer %4 · brutto %5</translation>
    </message>
    <message>
        <source>%1%2 · net %3 · tax %4 (%5) · gross %6</source>
        <translation>%1%2 · netto %3 · Steuer %4 (%5) · brutto %6</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>create an order</source>
        <translation>einen Auftrag anlegen</translation>
    </message>
    <message>
        <source>add %1 × %2</source>
        <translation>%1 × %2 hinzufügen</translation>
    </message>
    <message>
        <source>add %1 × %2 (%3) at %4</source>
        <translation>%1 × %2 (%3) zu %4 hinzufügen</translation>
    </message>
    <message>
        <source>remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>set the quantity of %1 to %2</source>
        <translation>die Menge von %1 auf %2 setzen</translation>
    </message>
    <message>
        <source>remove the order&apos;s discount</source>
        <translation>den Auftragsrabatt entfernen</translation>
    </message>
    <message>
        <source>remove the discount of %1</source>
        <translation>den Rabatt auf %1 entfernen</translation>
    </message>
    <message>
        <source>take %1 off the order</source>
        <translation>%1 Rabatt auf den Auftrag geben</translation>
    </message>
    <message>
        <source>take %1 off %2</source>
        <translation>%1 Rabatt auf %2 geben</translation>
    </message>
    <message>
        <source>add the note &quot;%1&quot;</source>
        <translation>die Notiz „%1“ hinzufügen</translation>
    </message>
    <message>
        <source>confirm the order</source>
        <translation>den Auftrag bestätigen</translation>
    </message>
    <message>
        <source>ship the order</source>
        <translation>den Auftrag versenden</translation>
    </message>
    <message>
        <source>mark the order delivered</source>
        <translation>den Auftrag als zugestellt markieren</translation>
    </message>
    <message>
        <source>cancel the order: %1</source>
        <translation>den Auftrag stornieren: %1</translation>
    </message>
    <message>
        <source>Customer %1 · items: %2</source>
        <translation>Kunde %1 · Positionen: %2</translation>
    </message>
    <message>
        <source>No shipping address</source>
        <translation>Keine Lieferadresse</translation>
    </message>
    <message>
        <source>Ship to %1</source>
        <translation>Lieferung an %1</translation>
    </message>
    <message>
        <source>Shipped with %1, tracking number %2</source>
        <translation>Versandt mit %1, Sendungsnummer %2</translation>
    </message>
    <message>
        <source>(no carrier)</source>
        <translation>(kein Versanddienst)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Discount on the whole order: %1</source>
        <translation>Rabatt auf den ganzen Auftrag: %1</translation>
    </message>
    <message>
        <source>ship to %1</source>
        <translation>Lieferung an %1</translation>
    </message>
    <message>
        <source>Shipping address set</source>
        <translation>Lieferadresse gesetzt</translation>
    </message>
    <message>
        <source>Checkpoint recorded</source>
        <translation>Prüfpunkt erfasst</translation>
    </message>
    <message>
        <source>Checkpoint of %1 events in %2 streams, signed by %3</source>
        <translation>Prüfpunkt über %1 Ereignisse in %2 Strömen, signiert von %3</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>Note by %1: %2</source>
        <translation>Notiz von %1: %2</translation>
    </message>
    <message>
        <source>Event %1 · position %2 · hash %3</source>
        <translation>Ereignis %1 · Position %2 · Hash %3</translation>
    </message>
    <message>
        <source>%1 %2, version %3: </source>
        <translation>%1 %2, Version %3: </translation>
    </message>
    <message>
        <source>Version %1 · %2 · %3</source>
        <translation>Version %1 · %2 · %3</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>(no order yet)</source>
        <translation>(noch keine Bestellung)</translation>
    </message>
    <message>
        <source>No event matches.</source>
        <translation>Kein Ereignis passt.</translation>
    </message>
    <message>
        <source>#%1 · %2 · %3 %4 version %5</source>
        <translation>#%1 · %2 · %3 %4 Version %5</translation>
    </message>
    <message>
        <source>hash %1</source>
        <translation>Hash %1</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Bestellung %1</translation>
    </message>
    <message>
        <source>Version %1 · %2 (UTC) · %3</source>
        <translation>Version %1 · %2 (UTC) · %3</translation>
    </message>
    <message>
        <source>Customer: %1</source>
        <translation>Kunde: %1</translation>
    </message>
    <message>
        <source>Ship to: %1</source>
        <translation>Lieferung an: %1</translation>
    </message>
    <message>
        <source>Currency: %1</source>
        <translation>Währung: %1</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Einzelpreis</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <source>Tax rate</source>
        <translation>Steuersatz</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Steuer</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>Brutto</translation>
    </message>
    <message>
        <source>No lines.</source>
        <translation>Keine Positionen.</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Rabatte</translation>
    </message>
    <message>
        <source>Tax %1 %</source>
        <translation>Steuer %1 %</translation>
    </message>
    <message>
        <source>Gross (%1)</source>
        <translation>Brutto (%1)</translation>
    </message>
    <message>
        <source>Order %1 · version %2 · event hash %3</source>
        <translation>Bestellung %1 · Version %2 · Ereignis-Hash %3</translation>
    </message>
    <message>
        <source>the history of order %1</source>
        <translation>den Verlauf von Auftrag %1</translation>
    </message>
    <message>
        <source>Evidence report</source>
        <translation>Prüfbericht</translation>
    </message>
    <message>
        <source>Asked for: %1</source>
        <translation>Angefordert: %1</translation>
    </message>
    <message>
        <source>Asked by %1 at %2 (UTC), from %3</source>
        <translation>Angefordert von %1 am %2 (UTC), aus %3</translation>
    </message>
    <message>
        <source>Made by OrderTrail %1</source>
        <translation>Erstellt mit OrderTrail %1</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Integrity</source>
        <translation>Integrität</translation>
    </message>
    <message>
        <source>Intact. A deep verify checked %1 events in %2 streams: every hash chain, and every stream replayed through the rules.</source>
        <translation>Unverändert. Eine gründliche Prüfung hat %1 Ereignisse in %2 Strömen geprüft: jede Hash-Kette, und jeder Strom wurde mit den Regeln nachgespielt.</translation>
    </message>
    <message>
        <source>NOT INTACT. A deep verify checked %1 events in %2 streams and found %3 problems:</source>
        <translation>NICHT UNVERÄNDERT. Eine gründliche Prüfung hat %1 Ereignisse in %2 Strömen geprüft und %3 Probleme gefunden:</translation>
    </message>
    <message>
        <source>No checkpoint: the ledger holds none and none was given, so events cut off the end of a stream could go unnoticed.</source>
        <translation>Kein Prüfpunkt: das Verzeichnis enthält keinen und keiner wurde angegeben, daher könnten am Ende eines Stroms abgeschnittene Ereignisse unbemerkt bleiben.</translation>
    </message>
    <message>
        <source>Checked against the signed checkpoint below, its signature by key %1 and the ledger before it:</source>
        <translation>Geprüft gegen den signierten Prüfpunkt unten, seine Signatur mit Schlüssel %1 und das Verzeichnis davor:</translation>
    </message>
    <message>
        <source>Checked against the checkpoint below:</source>
        <translation>Geprüft gegen den Prüfpunkt unten:</translation>
    </message>
    <message>
        <source>Checked against the newest checkpoint of the ledger (its signature not checked: no public key was given):</source>
        <translation>Geprüft gegen den neuesten Prüfpunkt des Verzeichnisses (Signatur nicht geprüft: kein öffentlicher Schlüssel angegeben):</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>Prüfsumme</translation>
    </message>
    <message>
        <source>SHA-256 of the evidence (what was asked, by whom and when, the position and hash of each event shown, the verify result and the checkpoint):</source>
        <translation>SHA-256 des Nachweises (was von wem und wann angefordert wurde, Position und Hash jedes gezeigten Ereignisses, das Prüfergebnis und der Prüfpunkt):</translation>
    </message>
    <message>
        <source>OrderTrail evidence report: %1</source>
        <translation>OrderTrail-Prüfbericht: %1</translation>
    </message>
    <message>
        <source>%1 × %2 (%3) at %4, tax %5 %</source>
        <translation>%1 × %2 (%3) zu %4, Steuer %5 %</translation>
    </message>
    <message>
        <source>%1, %2 off</source>
        <translation>%1, %2 Rabatt</translation>
    </message>
    <message>
        <source>of %1 %2</source>
        <translation>von %1 %2</translation>
    </message>
    <message>
        <source>of %1 %2 and everything linked to it</source>
        <translation>von %1 %2 und allem, was damit verknüpft ist</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>of type %1</source>
        <translation>vom Typ %1</translation>
    </message>
    <message>
        <source>with correlation %1</source>
        <translation>mit Korrelation %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>ab %1</translation>
    </message>
    <message>
        <source>before %1</source>
        <translation>vor %1</translation>
    </message>
    <message>
        <source>whose data holds “%1”</source>
        <translation>deren Daten „%1“ enthalten</translation>
    </message>
    <message>
        <source>every event</source>
        <translation>alle Ereignisse</translation>
    </message>
    <message>
        <source>the events %1</source>
        <translation>die Ereignisse %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Altered</source>
        <translation>Verändert</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Fehlt</translation>
    </message>
    <message>
        <source>Reordered</source>
        <translation>Umgeordnet</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Prüfpunkt</translation>
    </message>
    <message>
        <source>Breaks the rules</source>
        <translation>Verstößt gegen die Regeln</translation>
    </message>
    <message>
        <source>Wrong state</source>
        <translation>Falscher Zustand</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Schnappschuss</translation>
    </message>
    <message>
        <source>Order summary</source>
        <translation>Auftragsübersicht</translation>
    </message>
    <message>
        <source>Access recorded</source>
        <translation>Zugriff protokolliert</translation>
    </message>
    <message>
        <source>CSV export</source>
        <translation>CSV-Export</translation>
    </message>
    <message>
        <source>Order print</source>
        <translation>Auftragsdruck</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n event(s), %2</source>
        <translation>
            <numerusform>%1 über %n Ereignis, %2</numerusform>
            <numerusform>%1 über %n Ereignisse, %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>ordertrail</name>
    <message>
        <source>OrderTrail: event-sourced order management.</source>
        <translation>OrderTrail: ereignisbasierte Auftragsverwaltung.</translation>
    </message>
    <message>
        <source>Database URL: sqlite:PATH or postgresql://user@host[:port]/database. Default: $ORDERTRAIL_DB, else the file in your data folder.</source>
        <translation>Datenbank-URL: sqlite:PFAD oder postgresql://benutzer@host[:port]/datenbank. Vorgabe: $ORDERTRAIL_DB, sonst die Datei in Ihrem Datenordner.</translation>
    </message>
    <message>
        <source>OrderTrail</source>
        <translation>OrderTrail</translation>
    </message>
</context>
<context>
    <name>ot::ActivityChart</name>
    <message>
        <source>Activity over time</source>
        <translation>Aktivität im Zeitverlauf</translation>
    </message>
    <message>
        <source>No event matches.</source>
        <translation>Kein Ereignis passt.</translation>
    </message>
    <message>
        <source>Events per hour</source>
        <translation>Ereignisse pro Stunde</translation>
    </message>
    <message>
        <source>Events per day</source>
        <translation>Ereignisse pro Tag</translation>
    </message>
    <message>
        <source>Events per month</source>
        <translation>Ereignisse pro Monat</translation>
    </message>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>%n weiterer</numerusform>
            <numerusform>%n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bars; the arrow keys choose one, Return shows its events</source>
        <translation>
            <numerusform>%n Balken; die Pfeiltasten wählen einen, die Eingabetaste zeigt seine Ereignisse</numerusform>
            <numerusform>%n Balken; die Pfeiltasten wählen einen, die Eingabetaste zeigt seine Ereignisse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n events</source>
        <translation>
            <numerusform>%1: %n Ereignis</numerusform>
            <numerusform>%1: %n Ereignisse</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>ot::AddItemForm</name>
    <message>
        <source>%1 — %2 · %3 · tax %4 %</source>
        <translation>%1 — %2 · %3 · Steuer %4 %</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>Position hinzufügen</translation>
    </message>
    <message>
        <source>Type a SKU or a name, pick from the list</source>
        <translation>Artikelnummer oder Namen eingeben, aus der Liste wählen</translation>
    </message>
    <message>
        <source>Pick a catalogue product to copy its name, price and tax rate, or type a product id of your own for a line typed by hand.</source>
        <translation>Einen Katalogartikel wählen, um Name, Preis und Steuersatz zu übernehmen, oder eine eigene Artikelnummer für eine von Hand erfasste Position eingeben.</translation>
    </message>
    <message>
        <source>&amp;Product:</source>
        <translation>&amp;Artikel:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Quantity:</source>
        <translation>Menge:</translation>
    </message>
    <message>
        <source>Unit price:</source>
        <translation>Einzelpreis:</translation>
    </message>
    <message>
        <source>Tax %:</source>
        <translation>Steuer %:</translation>
    </message>
</context>
<context>
    <name>ot::AmendmentBox</name>
    <message>
        <source>Amendment</source>
        <translation>Nachtrag</translation>
    </message>
    <message>
        <source>Apply Amendment</source>
        <translation>Nachtrag anwenden</translation>
    </message>
    <message>
        <source>Discard Amendment</source>
        <translation>Nachtrag verwerfen</translation>
    </message>
    <message>
        <source>Take Out of the Amendment</source>
        <translation>Aus dem Nachtrag nehmen</translation>
    </message>
    <message>
        <source>The order is confirmed: its changes are collected here, checked as you make them, and applied together with one reason.</source>
        <translation>Der Auftrag ist bestätigt: Änderungen werden hier gesammelt, sofort geprüft und gemeinsam mit einem Grund angewendet.</translation>
    </message>
    <message>
        <source>Changes in the amendment</source>
        <translation>Änderungen im Nachtrag</translation>
    </message>
    <message>
        <source>Reason (required; the history shows it)</source>
        <translation>Grund (erforderlich; der Verlauf zeigt ihn)</translation>
    </message>
    <message>
        <source>Changes:</source>
        <translation>Änderungen:</translation>
    </message>
    <message>
        <source>Totals:</source>
        <translation>Summen:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>The amendment of %1 was discarded when another order was shown; nothing of it was applied.</source>
        <translation>Der Nachtrag zu %1 wurde verworfen, als ein anderer Auftrag angezeigt wurde; nichts davon wurde angewendet.</translation>
    </message>
    <message>
        <source>Cannot check the amendment: %1</source>
        <translation>Der Nachtrag kann nicht geprüft werden: %1</translation>
    </message>
    <message>
        <source>Cannot %1: %2</source>
        <translation>Nicht möglich (%1): %2</translation>
    </message>
    <message>
        <source>The order changed meanwhile, and &quot;%1&quot; no longer applies to it (%2): it was taken out of the amendment.</source>
        <translation>Der Auftrag wurde inzwischen geändert, und „%1“ passt nicht mehr dazu (%2): es wurde aus dem Nachtrag genommen.</translation>
    </message>
    <message>
        <source>Give the reason for this amendment: the order&apos;s history shows it.</source>
        <translation>Geben Sie den Grund für diesen Nachtrag an: der Verlauf des Auftrags zeigt ihn.</translation>
    </message>
    <message>
        <source>%1 amended: %2.</source>
        <translation>%1 nachgetragen: %2.</translation>
    </message>
    <message>
        <source>The amendment may not have been stored: %1. Apply it again: it is applied once, whatever happened.</source>
        <translation>Der Nachtrag wurde möglicherweise nicht gespeichert: %1. Wenden Sie ihn erneut an: er wird in jedem Fall nur einmal angewendet.</translation>
    </message>
    <message>
        <source>Someone else changed order %1 meanwhile, so nothing of the amendment was applied. It is shown again on the order as it is now: check it, then apply it again.</source>
        <translation>Jemand anderes hat Auftrag %1 inzwischen geändert, daher wurde nichts vom Nachtrag angewendet. Er wird auf dem aktuellen Auftrag erneut gezeigt: prüfen Sie ihn und wenden Sie ihn erneut an.</translation>
    </message>
    <message>
        <source>The amendment was refused, and nothing of it applied: %1</source>
        <translation>Der Nachtrag wurde abgelehnt, nichts davon wurde angewendet: %1</translation>
    </message>
    <message>
        <source>The amendment was refused at &quot;%1&quot;, and nothing of it applied: %2</source>
        <translation>Der Nachtrag wurde bei „%1“ abgelehnt, nichts davon wurde angewendet: %2</translation>
    </message>
    <message>
        <source>Now: %1</source>
        <translation>Jetzt: %1</translation>
    </message>
    <message>
        <source>Now: %1
After: %2</source>
        <translation>Jetzt: %1
Danach: %2</translation>
    </message>
    <message>
        <source>(being checked)</source>
        <translation>(wird geprüft)</translation>
    </message>
</context>
<context>
    <name>ot::AuditModel</name>
    <message>
        <source>UTC %1</source>
        <translation>UTC %1</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Erfasst</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
    <message>
        <source>Correlation</source>
        <translation>Korrelation</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Datensatz</translation>
    </message>
</context>
<context>
    <name>ot::AuditView</name>
    <message>
        <source>F&amp;rom</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>&amp;Before</source>
        <translation>&amp;Bis vor</translation>
    </message>
    <message>
        <source>Verify History…</source>
        <translation>Verlauf prüfen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+V</translation>
    </message>
    <message>
        <source>Take Checkpoint…</source>
        <translation>Prüfpunkt erstellen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Open in Timeline</source>
        <translation>In der Zeitleiste öffnen</translation>
    </message>
    <message>
        <source>Events, newest first</source>
        <translation>Ereignisse, neueste zuerst</translation>
    </message>
    <message>
        <source>Cannot read the events: %1</source>
        <translation>Die Ereignisse können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>From (local time)</source>
        <translation>Von (Ortszeit)</translation>
    </message>
    <message>
        <source>Before (local time)</source>
        <translation>Bis vor (Ortszeit)</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Ereignistyp</translation>
    </message>
    <message>
        <source>Any event</source>
        <translation>Jedes Ereignis</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>e.g. alice</source>
        <translation>z. B. alice</translation>
    </message>
    <message>
        <source>Order id</source>
        <translation>Auftragsnummer</translation>
    </message>
    <message>
        <source>e.g. ORD-000012</source>
        <translation>z. B. ORD-000012</translation>
    </message>
    <message>
        <source>Correlation id</source>
        <translation>Korrelations-ID</translation>
    </message>
    <message>
        <source>correlation id</source>
        <translation>Korrelations-ID</translation>
    </message>
    <message>
        <source>Text in the data</source>
        <translation>Text in den Daten</translation>
    </message>
    <message>
        <source>text anywhere in the event&apos;s data</source>
        <translation>Text irgendwo in den Daten des Ereignisses</translation>
    </message>
    <message>
        <source>C&amp;lear Filters</source>
        <translation>Filter &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>Be&amp;nutzer:</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Ereignis:</translation>
    </message>
    <message>
        <source>O&amp;rder:</source>
        <translation>&amp;Auftrag:</translation>
    </message>
    <message>
        <source>Co&amp;rrelation:</source>
        <translation>&amp;Korrelation:</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Text:</translation>
    </message>
    <message>
        <source>Counting matches…</source>
        <translation>Treffer werden gezählt…</translation>
    </message>
    <message>
        <source>Cannot count the matches: %1</source>
        <translation>Die Treffer können nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>Events: %1 in all, newest first</source>
        <translation>Ereignisse: %1 insgesamt, neueste zuerst</translation>
    </message>
    <message>
        <source>Matching events: %1, newest first</source>
        <translation>Passende Ereignisse: %1, neueste zuerst</translation>
    </message>
    <message>
        <source>every event</source>
        <translation>alle Ereignisse</translation>
    </message>
    <message>
        <source>the %1 events the filters select</source>
        <translation>die %1 von den Filtern gewählten Ereignisse</translation>
    </message>
    <message>
        <source>the events the filters select</source>
        <translation>die von den Filtern gewählten Ereignisse</translation>
    </message>
    <message>
        <source>Customer id</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <source>a customer&apos;s number: its own events and its orders&apos;</source>
        <translation>Kundennummer: die Ereignisse des Kunden und seiner Aufträge</translation>
    </message>
    <message>
        <source>Cu&amp;stomer:</source>
        <translation>K&amp;unde:</translation>
    </message>
    <message>
        <source>Saved views</source>
        <translation>Gespeicherte Ansichten</translation>
    </message>
    <message>
        <source>Save View…</source>
        <translation>Ansicht speichern…</translation>
    </message>
    <message>
        <source>Keep these filters under a name, to open them again</source>
        <translation>Diese Filter unter einem Namen aufbewahren, um sie wieder zu öffnen</translation>
    </message>
    <message>
        <source>Delete View</source>
        <translation>Ansicht löschen</translation>
    </message>
    <message>
        <source>&amp;Views:</source>
        <translation>Ansi&amp;chten:</translation>
    </message>
    <message>
        <source>(saved views)</source>
        <translation>(gespeicherte Ansichten)</translation>
    </message>
    <message>
        <source>Save View</source>
        <translation>Ansicht speichern</translation>
    </message>
    <message>
        <source>Name of the view (a name already saved is replaced):</source>
        <translation>Name der Ansicht (eine schon gespeicherte gleichen Namens wird ersetzt):</translation>
    </message>
    <message>
        <source>Saved the view &quot;%1&quot;.</source>
        <translation>Ansicht „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Deleted the view &quot;%1&quot;.</source>
        <translation>Ansicht „%1“ gelöscht.</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Stack the chart&apos;s bars by</source>
        <translation>Balken des Diagramms stapeln nach</translation>
    </message>
    <message>
        <source>By event type</source>
        <translation>Nach Ereignistyp</translation>
    </message>
    <message>
        <source>By user</source>
        <translation>Nach Benutzer</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Zähle…</translation>
    </message>
    <message>
        <source>Sho&amp;w chart</source>
        <translation>Dia&amp;gramm anzeigen</translation>
    </message>
</context>
<context>
    <name>ot::CheckpointDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Take Checkpoint</source>
        <translation>Prüfpunkt erstellen</translation>
    </message>
    <message>
        <source>Keep this checkpoint somewhere the database cannot reach (on paper, in another system). Verifying against it later proves that nothing committed up to now was changed, removed or cut off.</source>
        <translation>Bewahren Sie diesen Prüfpunkt dort auf, wo die Datenbank nicht hinkommt (auf Papier, in einem anderen System). Eine spätere Prüfung dagegen weist nach, dass nichts, was bis jetzt gespeichert wurde, geändert, entfernt oder abgeschnitten wurde.</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Prüfpunkt</translation>
    </message>
    <message>
        <source>Taking a checkpoint…</source>
        <translation>Prüfpunkt wird erstellt…</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>Cannot take a checkpoint: %1</source>
        <translation>Prüfpunkt kann nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>%1 events in %2 orders.</source>
        <translation>%1 Ereignisse in %2 Aufträgen.</translation>
    </message>
</context>
<context>
    <name>ot::ConnectDialog</name>
    <message>
        <source>Open Database</source>
        <translation>Datenbank öffnen</translation>
    </message>
    <message>
        <source>/path/to/orders.sqlite or postgresql://user@host/database</source>
        <translation>/pfad/zu/auftraege.sqlite oder postgresql://benutzer@host/datenbank</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>An SQLite file (created when it does not exist), or a PostgreSQL URL; a PostgreSQL password is best kept in ~/.pgpass.</source>
        <translation>Eine SQLite-Datei (wird angelegt, wenn es sie nicht gibt) oder eine PostgreSQL-URL; ein PostgreSQL-Passwort steht am besten in ~/.pgpass.</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>&amp;Recent databases:</source>
        <translation>&amp;Zuletzt geöffnet:</translation>
    </message>
    <message>
        <source>SQLite Database</source>
        <translation>SQLite-Datenbank</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>ot::CustomersView</name>
    <message>
        <source>(erased)</source>
        <translation>(gelöscht)</translation>
    </message>
    <message>
        <source>forgotten</source>
        <translation>vergessen</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Search by number, name, e-mail or city</source>
        <translation>Nach Nummer, Name, E-Mail oder Ort suchen</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>New Customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Anlegen</translation>
    </message>
    <message>
        <source>Forget Customer…</source>
        <translation>Kunden vergessen…</translation>
    </message>
    <message>
        <source>Erase their personal data for good</source>
        <translation>Personenbezogene Daten endgültig löschen</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Angaben</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <source>Billing address</source>
        <translation>Rechnungsadresse</translation>
    </message>
    <message>
        <source>Shipping address</source>
        <translation>Lieferadresse</translation>
    </message>
    <message>
        <source>Same as the billing address</source>
        <translation>Wie die Rechnungsadresse</translation>
    </message>
    <message>
        <source>Erase on request</source>
        <translation>Löschen auf Antrag</translation>
    </message>
    <message>
        <source>Reason (required), e.g. request by e-mail of 3 May</source>
        <translation>Grund (erforderlich), z. B. Antrag per E-Mail vom 3. Mai</translation>
    </message>
    <message>
        <source>History of the customer</source>
        <translation>Verlauf des Kunden</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>Verlauf:</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 — forgotten: %2</source>
        <translation>%1 — vergessen: %2</translation>
    </message>
    <message>
        <source>Registered customer %1.</source>
        <translation>Kunde %1 angelegt.</translation>
    </message>
    <message>
        <source>Nothing to save: the details are as stored.</source>
        <translation>Nichts zu speichern: die Angaben sind wie gespeichert.</translation>
    </message>
    <message>
        <source>Saved the details of %1.</source>
        <translation>Angaben von %1 gespeichert.</translation>
    </message>
    <message>
        <source>Say why the customer&apos;s data is erased (for example, whose request, and when): the reason is kept in the history.</source>
        <translation>Bitte angeben, warum die Daten des Kunden gelöscht werden (etwa wessen Antrag, und wann): der Grund bleibt im Verlauf.</translation>
    </message>
    <message>
        <source>Erase the personal data of %1 (%2) for good? Their name, e-mail, phone and addresses, and every copy in their orders, will show as erased everywhere, and cannot be brought back. The orders themselves and the proof of the history stay.</source>
        <translation>Die personenbezogenen Daten von %1 (%2) endgültig löschen? Name, E-Mail, Telefon und Adressen, auch jede Kopie in den Aufträgen, erscheinen überall als gelöscht und lassen sich nicht wiederherstellen. Die Aufträge selbst und der Nachweis des Verlaufs bleiben.</translation>
    </message>
    <message>
        <source>Erased the personal data of %1.</source>
        <translation>Personenbezogene Daten von %1 gelöscht.</translation>
    </message>
    <message>
        <source>Save Changes</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <source>Discard My Change</source>
        <translation>Meine Änderung verwerfen</translation>
    </message>
    <message>
        <source>Someone else changed %1 while you were editing, so nothing was saved. Their change is in the history below: save again to apply yours on top of it, or discard yours.</source>
        <translation>Jemand anderes hat %1 während Ihrer Bearbeitung geändert, daher wurde nichts gespeichert. Die Änderung steht im Verlauf unten: erneut speichern, um Ihre darauf anzuwenden, oder Ihre verwerfen.</translation>
    </message>
</context>
<context>
    <name>ot::ExportDialog</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Neutralise cells a spreadsheet would run as a formula</source>
        <translation>Zellen entschärfen, die eine Tabellenkalkulation als Formel ausführen würde</translation>
    </message>
    <message>
        <source>Start with a UTF-8 byte order mark (for Excel)</source>
        <translation>Mit einer UTF-8-Bytereihenfolgemarke beginnen (für Excel)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Cancel Export</source>
        <translation>Export abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Exports %1, oldest first, one row per event.</source>
        <translation>Exportiert %1, älteste zuerst, eine Zeile je Ereignis.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>A cell starting with =, +, -, @, tab or carriage return gets a leading apostrophe, so opening the file never runs what an event holds.</source>
        <translation>Eine Zelle, die mit =, +, -, @, Tabulator oder Wagenrücklauf beginnt, erhält ein vorangestelltes Apostroph, damit beim Öffnen der Datei nie ausgeführt wird, was ein Ereignis enthält.</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Exportfortschritt</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Choose a file to export to.</source>
        <translation>Wählen Sie eine Datei für den Export.</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Export nach %1…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n event(s) to %1.</source>
        <translation>
            <numerusform>%n Ereignis nach %1 exportiert.</numerusform>
            <numerusform>%n Ereignisse nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation>Export abgebrochen: Es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>Export failed, no file was written: %1</source>
        <translation>Export fehlgeschlagen, es wurde keine Datei geschrieben: %1</translation>
    </message>
    <message>
        <source>CSV: one row per event</source>
        <translation>CSV: eine Zeile je Ereignis</translation>
    </message>
    <message>
        <source>PDF evidence report: the events in words, a deep verify, a digest</source>
        <translation>PDF-Prüfbericht: die Ereignisse in Worten, eine gründliche Prüfung, eine Prüfsumme</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <source>Writes a PDF evidence report of %1: each event in words with who and when, a deep verify of the whole history against the newest checkpoint of the ledger, and the SHA-256 of the evidence.</source>
        <translation>Schreibt einen PDF-Prüfbericht über %1: jedes Ereignis in Worten mit wer und wann, eine gründliche Prüfung des ganzen Verlaufs gegen den neuesten Prüfpunkt des Verzeichnisses und den SHA-256 des Nachweises.</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message numerus="yes">
        <source>Wrote the evidence report of %n event(s) to %1: the history is intact.</source>
        <translation>
            <numerusform>Prüfbericht über %n Ereignis nach %1 geschrieben: der Verlauf ist unverändert.</numerusform>
            <numerusform>Prüfbericht über %n Ereignisse nach %1 geschrieben: der Verlauf ist unverändert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote the evidence report of %n event(s) to %1: the history is NOT intact (the report lists what is wrong).</source>
        <translation>
            <numerusform>Prüfbericht über %n Ereignis nach %1 geschrieben: der Verlauf ist NICHT unverändert (der Bericht nennt, was nicht stimmt).</numerusform>
            <numerusform>Prüfbericht über %n Ereignisse nach %1 geschrieben: der Verlauf ist NICHT unverändert (der Bericht nennt, was nicht stimmt).</numerusform>
        </translation>
    </message>
    <message>
        <source>SHA-256 of the file: %1</source>
        <translation>SHA-256 der Datei: %1</translation>
    </message>
    <message>
        <source>%1 of %2 events…</source>
        <translation>%1 von %2 Ereignissen…</translation>
    </message>
</context>
<context>
    <name>ot::MainWindow</name>
    <message>
        <source>Signed in as</source>
        <translation>Angemeldet als</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop adding demo orders</source>
        <translation>Hinzufügen der Demoaufträge beenden</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Database…</source>
        <translation>Datenbank ö&amp;ffnen…</translation>
    </message>
    <message numerus="yes">
        <source>Add %n Demo Orders</source>
        <translation>
            <numerusform>%n Demoauftrag hinzufügen</numerusform>
            <numerusform>%n Demoaufträge hinzufügen</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Order</source>
        <translation>Auf&amp;trag</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Find Orders</source>
        <translation>Aufträge &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Orders</source>
        <translation>Auft&amp;räge</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Timeline of the Order</source>
        <translation>&amp;Zeitleiste des Auftrags</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About OrderTrail</source>
        <translation>Ü&amp;ber OrderTrail</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Arbeitsplatz</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Sachbearbeitung</translation>
    </message>
    <message>
        <source>Auditor: read only</source>
        <translation>Prüfer: nur lesen</translation>
    </message>
    <message>
        <source>Opened %1.</source>
        <translation>%1 geöffnet.</translation>
    </message>
    <message>
        <source>Live updates are unavailable: %1</source>
        <translation>Live-Aktualisierung ist nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>This database has no orders yet. Add some demo orders to try the desk?</source>
        <translation>Diese Datenbank enthält noch keine Aufträge. Demoaufträge hinzufügen, um den Arbeitsplatz auszuprobieren?</translation>
    </message>
    <message>
        <source>Open Another Database…</source>
        <translation>Andere Datenbank öffnen…</translation>
    </message>
    <message>
        <source>Cannot open the database: %1</source>
        <translation>Die Datenbank kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Changes are now recorded as %1.</source>
        <translation>Änderungen werden jetzt als %1 vermerkt.</translation>
    </message>
    <message numerus="yes">
        <source>Added %n demo order(s).</source>
        <translation>
            <numerusform>%n Demoauftrag hinzugefügt.</numerusform>
            <numerusform>%n Demoaufträge hinzugefügt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding demo orders stopped after %n order(s): %1</source>
        <translation>
            <numerusform>Hinzufügen der Demoaufträge nach %n Auftrag abgebrochen: %1</numerusform>
            <numerusform>Hinzufügen der Demoaufträge nach %n Aufträgen abgebrochen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Adding demo orders…</source>
        <translation>Demoaufträge werden hinzugefügt…</translation>
    </message>
    <message>
        <source>About OrderTrail</source>
        <translation>Über OrderTrail</translation>
    </message>
    <message>
        <source>&lt;h3&gt;OrderTrail %1&lt;/h3&gt;&lt;p&gt;Order management in which every change is an event, kept forever.&lt;/p&gt;&lt;p&gt;Database: %2&lt;br&gt;Signed in as: %3&lt;/p&gt;&lt;p&gt;%4&lt;/p&gt;&lt;p&gt;Built with Qt %5.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;OrderTrail %1&lt;/h3&gt;&lt;p&gt;Auftragsverwaltung, in der jede Änderung ein Ereignis ist, das für immer erhalten bleibt.&lt;/p&gt;&lt;p&gt;Datenbank: %2&lt;br&gt;Angemeldet als: %3&lt;/p&gt;&lt;p&gt;%4&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %5.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Licence: Apache License 2.0. Qt is used under the GNU LGPL version 3.</source>
        <translation>Lizenz: Apache License 2.0. Qt wird unter der GNU LGPL Version 3 verwendet.</translation>
    </message>
    <message>
        <source>&amp;Audit</source>
        <translation>&amp;Prüfung</translation>
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>An SQLite file has no logins: the name typed here is recorded on every change you make.</source>
        <translation>Eine SQLite-Datei kennt keine Anmeldenamen: Der hier eingegebene Name wird bei jeder Ihrer Änderungen vermerkt.</translation>
    </message>
    <message>
        <source>The database records this login on every change. To work as someone else, open the database with their login.</source>
        <translation>Die Datenbank vermerkt diesen Anmeldenamen bei jeder Änderung. Um als jemand anderes zu arbeiten, öffnen Sie die Datenbank mit dessen Anmeldenamen.</translation>
    </message>
    <message>
        <source>(connecting…)</source>
        <translation>(Verbindung wird hergestellt…)</translation>
    </message>
    <message>
        <source>%1 (staff: may change orders)</source>
        <translation>%1 (Sachbearbeitung: darf Aufträge ändern)</translation>
    </message>
    <message>
        <source>%1 (auditor: reads only)</source>
        <translation>%1 (Prüfer: nur lesen)</translation>
    </message>
    <message>
        <source>nobody (not connected)</source>
        <translation>niemand (nicht verbunden)</translation>
    </message>
    <message>
        <source>Connection lost: reconnecting…</source>
        <translation>Verbindung verloren: wird wiederhergestellt …</translation>
    </message>
    <message>
        <source>Reconnected to the database.</source>
        <translation>Wieder mit der Datenbank verbunden.</translation>
    </message>
    <message>
        <source>&amp;Customers</source>
        <translation>&amp;Kunden</translation>
    </message>
    <message>
        <source>Ctrl+4</source>
        <translation>Ctrl+4</translation>
    </message>
    <message>
        <source>&amp;Products</source>
        <translation>Ar&amp;tikel</translation>
    </message>
    <message>
        <source>Ctrl+5</source>
        <translation>Ctrl+5</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>&amp;Print Order…</source>
        <translation>Bestellung &amp;drucken…</translation>
    </message>
    <message>
        <source>Choose an order to print.</source>
        <translation>Wählen Sie eine Bestellung zum Drucken.</translation>
    </message>
    <message>
        <source>Cannot print order %1: %2</source>
        <translation>Bestellung %1 kann nicht gedruckt werden: %2</translation>
    </message>
    <message>
        <source>Order %1, version %2</source>
        <translation>Bestellung %1, Version %2</translation>
    </message>
    <message>
        <source>Print Order %1, Version %2</source>
        <translation>Bestellung %1, Version %2 drucken</translation>
    </message>
    <message>
        <source>Printed order %1 at version %2.</source>
        <translation>Bestellung %1 in Version %2 gedruckt.</translation>
    </message>
</context>
<context>
    <name>ot::MessageWidget</name>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close message</source>
        <translation>Meldung schließen</translation>
    </message>
</context>
<context>
    <name>ot::MoneyEdit</name>
    <message>
        <source>0.00</source>
        <translation>0.00</translation>
    </message>
</context>
<context>
    <name>ot::OrderEditBox</name>
    <message>
        <source>0 removes it</source>
        <translation>0 entfernt ihn</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Set Line Discount</source>
        <translation>Positionsrabatt setzen</translation>
    </message>
    <message>
        <source>Set Order Discount</source>
        <translation>Auftragsrabatt setzen</translation>
    </message>
    <message>
        <source>Add Note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>An internal note, kept with who wrote it and when</source>
        <translation>Eine interne Notiz, gespeichert mit Verfasser und Zeit</translation>
    </message>
    <message>
        <source>Selected line:</source>
        <translation>Gewählte Position:</translation>
    </message>
    <message>
        <source>Whole order:</source>
        <translation>Ganzer Auftrag:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notizen:</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>Discounts, address and notes</source>
        <translation>Rabatte, Adresse und Notizen</translation>
    </message>
    <message>
        <source>Change Shipping Address…</source>
        <translation>Lieferadresse ändern…</translation>
    </message>
    <message>
        <source>Ship to:</source>
        <translation>Lieferung an:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Shipping Address</source>
        <translation>Lieferadresse</translation>
    </message>
    <message>
        <source>Ship Here</source>
        <translation>Hierhin liefern</translation>
    </message>
    <message>
        <source>A street, a city and a two-letter country code are needed.</source>
        <translation>Straße, Ort und ein zweibuchstabiger Ländercode sind nötig.</translation>
    </message>
</context>
<context>
    <name>ot::OrderLinesView</name>
    <message>
        <source>Product</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <source>Tax %</source>
        <translation>Steuer %</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>Brutto</translation>
    </message>
    <message>
        <source>Type a new quantity, then Enter</source>
        <translation>Neue Menge eingeben, dann Enter</translation>
    </message>
</context>
<context>
    <name>ot::OrderListModel</name>
    <message>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Positionen</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Letzte Änderung</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>ot::OrderListView</name>
    <message>
        <source>Search order or customer (Ctrl+F)</source>
        <translation>Auftrag oder Kunde suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Search orders</source>
        <translation>Aufträge suchen</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Positionen</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>All statuses (%1)</source>
        <translation>Alle Status (%1)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 of %2 orders</source>
        <translation>%1 von %2 Aufträgen</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>too much to show in %1</source>
        <translation>zu viel zum Anzeigen in %1</translation>
    </message>
    <message>
        <source>%1 · gross %2</source>
        <translation>%1 · brutto %2</translation>
    </message>
    <message>
        <source>The gross totals of every order the search and status filter match, per currency</source>
        <translation>Die Bruttosummen aller Aufträge, die Suche und Statusfilter treffen, je Währung</translation>
    </message>
</context>
<context>
    <name>ot::OrderPanel</name>
    <message>
        <source>New order</source>
        <translation>Neuer Auftrag</translation>
    </message>
    <message>
        <source>Create order</source>
        <translation>Auftrag anlegen</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>Position hinzufügen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>Position entfernen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Ship</source>
        <translation>Versenden</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>Zustellen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>Auftrag stornieren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+X</source>
        <translation>Ctrl+Shift+X</translation>
    </message>
    <message>
        <source>Apply my change again</source>
        <translation>Meine Änderung erneut anwenden</translation>
    </message>
    <message>
        <source>Discard my change</source>
        <translation>Meine Änderung verwerfen</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>Kunde:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Positionen</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <source>Carrier (optional)</source>
        <translation>Versanddienst (optional)</translation>
    </message>
    <message>
        <source>Tracking number (optional)</source>
        <translation>Sendungsnummer (optional)</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Grund (erforderlich)</translation>
    </message>
    <message>
        <source>Shipping:</source>
        <translation>Versand:</translation>
    </message>
    <message>
        <source>Cancel:</source>
        <translation>Stornieren:</translation>
    </message>
    <message>
        <source>Created order %1.</source>
        <translation>Auftrag %1 angelegt.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>Someone else changed order %1 while you were looking at version %2, so your change (%3) was not applied.</source>
        <translation>Jemand anderes hat Auftrag %1 geändert, während Sie Version %2 angesehen haben; Ihre Änderung (%3) wurde daher nicht angewendet.</translation>
    </message>
    <message>
        <source>Since then:</source>
        <translation>Seitdem:</translation>
    </message>
    <message>
        <source>• version %1: %2</source>
        <translation>• Version %1: %2</translation>
    </message>
    <message>
        <source>The order below is now up to date. Apply your change to it, or discard it.</source>
        <translation>Der Auftrag unten ist jetzt auf dem neuesten Stand. Wenden Sie Ihre Änderung darauf an oder verwerfen Sie sie.</translation>
    </message>
    <message>
        <source>Order %1 was changed by %2.</source>
        <translation>Auftrag %1 wurde von %2 geändert.</translation>
    </message>
    <message>
        <source>No order selected</source>
        <translation>Kein Auftrag ausgewählt</translation>
    </message>
    <message>
        <source>Select an order in the list, or create one above.</source>
        <translation>Wählen Sie einen Auftrag in der Liste aus oder legen Sie oben einen an.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Version %1 · last change %2 by %3</source>
        <translation>Version %1 · letzte Änderung %2 von %3</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Type a name, number, e-mail or city, pick from the list</source>
        <translation>Name, Nummer, E-Mail oder Ort eingeben, aus der Liste wählen</translation>
    </message>
    <message>
        <source>Cannot look up customers: %1</source>
        <translation>Kunden können nicht gesucht werden: %1</translation>
    </message>
    <message>
        <source>Choose a registered customer: type part of a name, number, e-mail or city, then pick one from the list.</source>
        <translation>Bitte einen angelegten Kunden wählen: einen Teil von Name, Nummer, E-Mail oder Ort eingeben und aus der Liste wählen.</translation>
    </message>
    <message>
        <source>Cannot look up products: %1</source>
        <translation>Artikel können nicht gesucht werden: %1</translation>
    </message>
    <message>
        <source>The order&apos;s currency (ISO 4217): every amount of it is in this</source>
        <translation>Die Währung des Auftrags (ISO 4217): alle seine Beträge sind in ihr</translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation>&amp;Währung:</translation>
    </message>
    <message>
        <source>%1 — %2, amended (not applied yet)</source>
        <translation>%1 — %2, nachgetragen (noch nicht angewendet)</translation>
    </message>
</context>
<context>
    <name>ot::OrderStateView</name>
    <message>
        <source>The order at the chosen version</source>
        <translation>Der Auftrag in der gewählten Version</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Items at this version</source>
        <translation>Positionen in dieser Version</translation>
    </message>
    <message>
        <source>Event:</source>
        <translation>Ereignis:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Summe:</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>Auftrag:</translation>
    </message>
    <message>
        <source>Related:</source>
        <translation>Zugehörig:</translation>
    </message>
    <message>
        <source>Choose an order to see its history.</source>
        <translation>Wählen Sie einen Auftrag, um seinen Verlauf zu sehen.</translation>
    </message>
    <message>
        <source>%1 at version %2 of %3</source>
        <translation>%1 in Version %2 von %3</translation>
    </message>
    <message>
        <source>%1 by %2, %3: %4</source>
        <translation>%1 von %2, %3: %4</translation>
    </message>
    <message>
        <source>Recorded %1 UTC</source>
        <translation>Erfasst %1 UTC</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>changed from %1 to %2</source>
        <translation>geändert von %1 zu %2</translation>
    </message>
    <message>
        <source>customer %1</source>
        <translation>Kunde %1</translation>
    </message>
    <message>
        <source>shipped with %1 %2</source>
        <translation>versandt mit %1 %2</translation>
    </message>
    <message>
        <source>cancelled: %1</source>
        <translation>storniert: %1</translation>
    </message>
    <message>
        <source>no other event shares this event&apos;s correlation</source>
        <translation>kein anderes Ereignis hat die Korrelation dieses Ereignisses</translation>
    </message>
    <message>
        <source>%1 events share correlation %2 (%3 in this order, marked in the timeline)</source>
        <translation>%1 Ereignisse haben die Korrelation %2 (%3 in diesem Auftrag, in der Zeitleiste markiert)</translation>
    </message>
    <message>
        <source>Removed by this event</source>
        <translation>Durch dieses Ereignis entfernt</translation>
    </message>
    <message>
        <source>Added by this event</source>
        <translation>Durch dieses Ereignis hinzugefügt</translation>
    </message>
    <message>
        <source>%1 (removed)</source>
        <translation>%1 (entfernt)</translation>
    </message>
    <message>
        <source>%1 (added)</source>
        <translation>%1 (hinzugefügt)</translation>
    </message>
    <message>
        <source>ship to %1</source>
        <translation>Lieferung an %1</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>Brutto</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source> (net %1, tax %2, discounts %3)</source>
        <translation> (netto %1, Steuer %2, Rabatte %3)</translation>
    </message>
    <message>
        <source>%1 → %2%3</source>
        <translation>%1 → %2%3</translation>
    </message>
    <message>
        <source>%1 off the order</source>
        <translation>%1 Rabatt auf den Auftrag</translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n Notiz</numerusform>
            <numerusform>%n Notizen</numerusform>
        </translation>
    </message>
    <message>
        <source>Changed by this event</source>
        <translation>Von diesem Ereignis geändert</translation>
    </message>
    <message>
        <source>%1 (changed)</source>
        <translation>%1 (geändert)</translation>
    </message>
</context>
<context>
    <name>ot::ProductsView</name>
    <message>
        <source>discontinued</source>
        <translation>ausgelistet</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Einzelpreis</translation>
    </message>
    <message>
        <source>Tax %</source>
        <translation>Steuer %</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Search by SKU or name</source>
        <translation>Nach Artikelnummer oder Name suchen</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Add Product</source>
        <translation>Artikel anlegen</translation>
    </message>
    <message>
        <source>Change Price</source>
        <translation>Preis ändern</translation>
    </message>
    <message>
        <source>Add a product</source>
        <translation>Artikel anlegen</translation>
    </message>
    <message>
        <source>e.g. SKU-2001</source>
        <translation>z. B. SKU-2001</translation>
    </message>
    <message>
        <source>e.g. 19 or 7.5</source>
        <translation>z. B. 19 oder 7.5</translation>
    </message>
    <message>
        <source>&amp;SKU:</source>
        <translation>Artikel&amp;nr.:</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>Unit &amp;price:</source>
        <translation>Einzel&amp;preis:</translation>
    </message>
    <message>
        <source>&amp;Tax rate (%):</source>
        <translation>&amp;Steuersatz (%):</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>History of the product&apos;s prices</source>
        <translation>Preisverlauf des Artikels</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>Grund (optional)</translation>
    </message>
    <message>
        <source>New price:</source>
        <translation>Neuer Preis:</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>Verlauf:</translation>
    </message>
    <message>
        <source>Select a product in the list to see its prices and change them.</source>
        <translation>Einen Artikel in der Liste wählen, um seine Preise zu sehen und zu ändern.</translation>
    </message>
    <message>
        <source>%1 — %2: %3, tax %4 %</source>
        <translation>%1 — %2: %3, Steuer %4 %</translation>
    </message>
    <message>
        <source>%1 (discontinued)</source>
        <translation>%1 (ausgelistet)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Added product %1.</source>
        <translation>Artikel %1 angelegt.</translation>
    </message>
    <message>
        <source>Changed the price of %1.</source>
        <translation>Preis von %1 geändert.</translation>
    </message>
    <message>
        <source>Discontinued %1: it can no longer be added to orders.</source>
        <translation>%1 ausgelistet: er kann keinem Auftrag mehr hinzugefügt werden.</translation>
    </message>
    <message>
        <source>Someone else changed %1 meanwhile, so nothing was changed. It is shown as it is now: do it again if it is still needed.</source>
        <translation>Jemand anderes hat %1 inzwischen geändert, daher wurde nichts geändert. Der Artikel wird so gezeigt, wie er jetzt ist: bei Bedarf erneut ausführen.</translation>
    </message>
    <message>
        <source>Discontinue…</source>
        <translation>Auslisten…</translation>
    </message>
    <message>
        <source>Discontinue It</source>
        <translation>Auslisten</translation>
    </message>
    <message>
        <source>Keep It</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Discontinue %1? It can no longer be added to orders, and this cannot be undone. Orders that have it keep it.</source>
        <translation>%1 auslisten? Der Artikel kann dann keinem Auftrag mehr hinzugefügt werden; das lässt sich nicht rückgängig machen. Aufträge, die ihn enthalten, behalten ihn.</translation>
    </message>
</context>
<context>
    <name>ot::RecordList</name>
    <message>
        <source>Cannot read the list: %1</source>
        <translation>Die Liste kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The first %1 shown: type to narrow the list.</source>
        <translation>Die ersten %1 angezeigt: zum Eingrenzen tippen.</translation>
    </message>
    <message numerus="yes">
        <source>%n shown.</source>
        <translation>
            <numerusform>%n angezeigt.</numerusform>
            <numerusform>%n angezeigt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ot::RecordPicker</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>ot::TimelineDelegate</name>
    <message>
        <source>v%1</source>
        <translation>V%1</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
</context>
<context>
    <name>ot::TimelineModel</name>
    <message>
        <source>Version %1: loading…</source>
        <translation>Version %1: wird geladen…</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Version %1, %2, by %3 at %4: %5</source>
        <translation>Version %1, %2, von %3 am %4: %5</translation>
    </message>
    <message>
        <source>Version %1 · %2
Recorded %3 (UTC %4)
By %5
Correlation %6</source>
        <translation>Version %1 · %2
Erfasst %3 (UTC %4)
Von %5
Korrelation %6</translation>
    </message>
</context>
<context>
    <name>ot::TimelineWidget</name>
    <message>
        <source>First event</source>
        <translation>Erstes Ereignis</translation>
    </message>
    <message>
        <source>Alt+Home</source>
        <translation>Alt+Home</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>Schritt zurück</translation>
    </message>
    <message>
        <source>Alt+Left</source>
        <translation>Alt+Left</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Step forward</source>
        <translation>Schritt vor</translation>
    </message>
    <message>
        <source>Alt+Right</source>
        <translation>Alt+Right</translation>
    </message>
    <message>
        <source>Latest event</source>
        <translation>Neuestes Ereignis</translation>
    </message>
    <message>
        <source>Alt+End</source>
        <translation>Alt+End</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>Abspielgeschwindigkeit</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) per second</source>
        <translation>
            <numerusform>%n Ereignis pro Sekunde</numerusform>
            <numerusform>%n Ereignisse pro Sekunde</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No order chosen</source>
        <translation>Kein Auftrag gewählt</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>Choose an order to see its history.</source>
        <translation>Wählen Sie einen Auftrag, um seinen Verlauf zu sehen.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Timeline of order %1</source>
        <translation>Zeitleiste von Auftrag %1</translation>
    </message>
    <message>
        <source>No order chosen: select one in the orders list or the audit view.</source>
        <translation>Kein Auftrag gewählt: Wählen Sie einen in der Auftragsliste oder in der Prüfansicht.</translation>
    </message>
    <message>
        <source>Cannot read the history of %1: %2</source>
        <translation>Der Verlauf von %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Order %1 has no events.</source>
        <translation>Auftrag %1 hat keine Ereignisse.</translation>
    </message>
    <message numerus="yes">
        <source>History of order %1: %n event(s), oldest first</source>
        <translation>
            <numerusform>Verlauf von Auftrag %1: %n Ereignis, älteste zuerst</numerusform>
            <numerusform>Verlauf von Auftrag %1: %n Ereignisse, älteste zuerst</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Cannot rebuild %1 at version %2: %3</source>
        <translation>%1 kann in Version %2 nicht wiederhergestellt werden: %3</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>the history of order %1</source>
        <translation>den Verlauf von Auftrag %1</translation>
    </message>
    <message>
        <source>Alt+P</source>
        <translation>Alt+P</translation>
    </message>
    <message>
        <source>Export History…</source>
        <translation>Verlauf exportieren…</translation>
    </message>
</context>
<context>
    <name>ot::VerifyDialog</name>
    <message>
        <source>Checkpoint</source>
        <translation>Prüfpunkt</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Cancel Verify</source>
        <translation>Prüfung abbrechen</translation>
    </message>
    <message>
        <source>Verify History</source>
        <translation>Verlauf prüfen</translation>
    </message>
    <message>
        <source>Verify progress</source>
        <translation>Prüffortschritt</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>Gefundene Probleme</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>Was nicht stimmt</translation>
    </message>
    <message>
        <source>C&amp;heckpoint:</source>
        <translation>&amp;Prüfpunkt:</translation>
    </message>
    <message>
        <source>That is not a checkpoint: %1</source>
        <translation>Das ist kein Prüfpunkt: %1</translation>
    </message>
    <message>
        <source>%1 of %2 events checked…</source>
        <translation>%1 von %2 Ereignissen geprüft…</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Cannot verify: %1</source>
        <translation>Prüfung nicht möglich: %1</translation>
    </message>
    <message>
        <source>Cancelled after %1 events: nothing is proven.</source>
        <translation>Nach %1 Ereignissen abgebrochen: Nichts ist nachgewiesen.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found in %1 events:</source>
        <translation>
            <numerusform>%n Problem in %1 Ereignissen gefunden:</numerusform>
            <numerusform>%n Probleme in %1 Ereignissen gefunden:</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Hash chains only (faster: the rules are not replayed)</source>
        <translation>Nur &amp;Hash-Ketten (schneller: die Regeln werden nicht nachgespielt)</translation>
    </message>
    <message>
        <source>Replays every order from its events alone through the order rules, and recomputes every hash chain: it names each event the rules would have refused, each snapshot and order summary that differs from the replay, and each changed, missing or reordered event, with the login that wrote it. With a checkpoint you kept, it also proves that nothing up to it was changed, removed or cut off.</source>
        <translation>Spielt jeden Auftrag allein aus seinen Ereignissen durch die Auftragsregeln nach und berechnet jede Hash-Kette neu: Sie nennt jedes Ereignis, das die Regeln abgelehnt hätten, jeden Schnappschuss und jede Auftragsübersicht, die vom Nachspielen abweicht, und jedes geänderte, fehlende oder umgestellte Ereignis, mit der Anmeldung, die es geschrieben hat. Mit einem aufbewahrten Prüfpunkt weist sie außerdem nach, dass bis dahin nichts geändert, entfernt oder abgeschnitten wurde.</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>Geschrieben von</translation>
    </message>
    <message>
        <source>All intact: %1 events in %2 orders replayed through the rules; every hash chain, snapshot and order summary holds.</source>
        <translation>Alles unversehrt: %1 Ereignisse in %2 Aufträgen durch die Regeln nachgespielt; jede Hash-Kette, jeder Schnappschuss und jede Auftragsübersicht stimmt.</translation>
    </message>
    <message>
        <source>Every hash chain holds: %1 events in %2 orders (the rules were not replayed).</source>
        <translation>Jede Hash-Kette ist intakt: %1 Ereignisse in %2 Aufträgen (die Regeln wurden nicht nachgespielt).</translation>
    </message>
    <message>
        <source>optional: ot1:… or a signed ot2:…</source>
        <translation>optional: ot1:… oder ein signierter ot2:…</translation>
    </message>
    <message>
        <source>Public key file</source>
        <translation>Datei des öffentlichen Schlüssels</translation>
    </message>
    <message>
        <source>for a signed checkpoint: the signer&apos;s .pub file</source>
        <translation>für einen signierten Prüfpunkt: die .pub-Datei des Unterzeichners</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source>The Signer&apos;s Public Key</source>
        <translation>Öffentlicher Schlüssel des Unterzeichners</translation>
    </message>
    <message>
        <source>Public keys (*.pub *.pem);;All files (*)</source>
        <translation>Öffentliche Schlüssel (*.pub *.pem);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Public key:</source>
        <translation>Ö&amp;ffentlicher Schlüssel:</translation>
    </message>
    <message>
        <source>A signed checkpoint is checked with its signer&apos;s public key: %1</source>
        <translation>Ein signierter Prüfpunkt wird mit dem öffentlichen Schlüssel seines Unterzeichners geprüft: %1</translation>
    </message>
</context>
</TS>
