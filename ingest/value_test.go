package ingest

import (
	"testing"
	"time"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in    string
		whole bool
		want  float64
		ok    bool
	}{
		{"0.8", false, 0.8, true},          // a stored number
		{"0,8", false, 0.8, true},          // a Dutch decimal comma in a text cell
		{" 12 ", true, 12, true},           // spaces around
		{"12\u00a0", true, 12, true},       // a non-breaking space after
		{"1.234", true, 1234, true},        // Dutch thousands in a count
		{"1.234", false, 1.234, true},      // a decimal point in an FTE column
		{"1,234", true, 1234, true},        // English thousands in a count
		{"1,234", false, 1.234, true},      // a decimal comma in an FTE column
		{"1.234,5", false, 1234.5, true},   // Dutch thousands and decimals
		{"1,234.5", false, 1234.5, true},   // English thousands and decimals
		{"1.234.567", true, 1234567, true}, // several Dutch thousands
		{"1,234,567", true, 1234567, true}, // several English thousands
		{"1 234", true, 1234, true},        // thousands with a space
		{"0.500", true, 0.5, true},         // no thousands after a zero
		{"1.5E-3", false, 0.0015, true},    // exponent form
		{"3.0000000000000004", false, 3.0000000000000004, true},
		{"-3", true, -3, true}, // negative: parsed, refused by the caller
		{"+4", true, 4, true},
		{",5", false, 0.5, true},
		{"12.34.5", true, 0, false},    // groups not of three
		{"1.23,4.5", false, 0, false},  // two decimal separators
		{"1,2345", true, 1.2345, true}, // not thousands: a decimal, refused as a count by the caller
		{"tien", true, 0, false},
		{"", true, 0, false},
		{"NaN", false, 0, false},
		{"Inf", false, 0, false},
		{"1e400", false, 0, false},
		{"#DIV/0!", false, 0, false},
		{"12 fte", false, 0, false},
		{"0x10", true, 0, false},
	}
	for _, tt := range tests {
		got, ok := parseNumber(tt.in, tt.whole)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("parseNumber(%q, %v) = %v, %v; want %v, %v", tt.in, tt.whole, got, ok, tt.want, tt.ok)
		}
	}
}

func TestWholeNumber(t *testing.T) {
	for _, tt := range []struct {
		in   float64
		want int
		ok   bool
	}{{12, 12, true}, {3.0000000000000004, 3, true}, {12.5, 0, false}, {1e13, 0, false}, {0, 0, true}} {
		got, ok := wholeNumber(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("wholeNumber(%v) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseDate(t *testing.T) {
	d := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in       string
		date1904 bool
		want     time.Time
		ok       bool
	}{
		{"46022", false, d, true},      // the serial number of a date cell
		{"46022.75", false, d, true},   // with a time of day
		{"44560", true, d, true},       // the same day in a 1904 workbook
		{"31-12-2025", false, d, true}, // typed as text
		{"31/12/2025", false, d, true},
		{"31.12.2025", false, d, true},
		{"2025-12-31", false, d, true},
		{"2025-12-31T00:00:00", false, d, true}, // an ISO date cell
		{"31 december 2025", false, d, true},
		{" 31-12-2025 ", false, d, true},
		{"31-02-2025", false, time.Time{}, false},
		{"31-12-25", false, time.Time{}, false}, // a two-digit year is ambiguous
		{"12/31/2025", false, time.Time{}, false},
		{"1", false, time.Time{}, false}, // 1-1-1900: a typo
		{"-5", false, time.Time{}, false},
		{"gisteren", false, time.Time{}, false},
		{"", false, time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in, tt.date1904)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseDate(%q, %v) = %v, %v; want %v, %v", tt.in, tt.date1904, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseKvK(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"12345678", "12345678", true}, {"1234 5678", "12345678", true}, {"01.23.45.67", "01234567", true},
		{"1234567", "1234567", false}, {"123456789", "123456789", false}, {"1234567a", "1234567a", false},
	} {
		got, ok := parseKvK(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseKvK(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseEnums(t *testing.T) {
	for _, s := range []string{"andere zorgwerkgever", "Andere Zorgwerkgever ", "andere-zorgwerkgever"} {
		if r, err := ParseReason(s); err != nil || r != NaarZorgwerkgever {
			t.Errorf("ParseReason(%q) = %v, %v", s, r, err)
		}
	}
	for _, s := range []string{"zij-instromer", "Zij instromer", "zijinstromer"} {
		if o, err := ParseOrigin(s); err != nil || o != ZijInstromer {
			t.Errorf("ParseOrigin(%q) = %v, %v", s, o, err)
		}
	}
	if _, err := ParseReason("ontslag"); err == nil {
		t.Error("ParseReason accepted ontslag")
	}
	if NaarZorgwerkgever.Outflow() || !Pensioen.Outflow() {
		t.Error("andere zorgwerkgever must be mobility, pensioen outflow")
	}
}
